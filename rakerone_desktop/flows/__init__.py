"""The multi-step flows, one small object each, with an explicit state.

A flow talks to the controllers (each call's own answer, see
:mod:`rakerone_desktop.controllers.call`) and to a small view protocol that
the dialogs of :mod:`rakerone_desktop.ui` implement; it holds no widget, so
its state machine is tested without any. Every string shown to a person is
the view's.

- :mod:`.create`: create → copy once (a rotation is a create that remembers
  the key it replaces);
- :mod:`.recover`: a create whose answer was lost → revoke it, create afresh;
- :mod:`.revoke`: revoke one or many keys (also from find by value);
- :mod:`.find`: find keys by value → their state, newest lookup only;
- :mod:`.edit`: edit a key in place (``If-Match``; a ``412`` shows the current values);
- :mod:`.disable`: disable or enable keys (asks only for a key used in the last hour);
- :mod:`.rotate`: rotate on the server with a grace period → copy once;
- :mod:`.reauth`: the session ended mid-flow → sign in again, then finish;
- :mod:`.browser_sign_in`: sign in through the system browser (RFC 8252).
"""
