"""The shell: the running app between its entry point and its windows.

- :mod:`.application`: :class:`~.application.Application`, what lives as long as
  the app, moving between signing in and one signed-in session;
- :mod:`.command_line`: the options and their checks;
- :mod:`.sign_in`: the sign-in dialog, and signing in again mid-session;
- :mod:`.session_scope`: one session's model, controllers, flows and window,
  made together and torn down as one;
- :mod:`.sandbox_start`: ``--sandbox``;
- :mod:`.about`: About and the diagnostics.

``rakerone_desktop.app`` stays the entry point (``main(argv)``, ``run()``)
and answers the running app with ``application()``.
"""
