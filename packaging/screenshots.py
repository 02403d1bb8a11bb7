"""Render the README screenshots from the real app against the sandbox.

    python packaging/screenshots.py [--out resources/screenshots]

Starts the app offscreen with ``--sandbox`` (demo data), once in the light and
once in the dark scheme, and saves the main window, the create-key wizard's
pages, the copy-once dialog, the revoke confirmation, the keys page's lifecycle
columns, badges and banner, the key lifecycle's dialogs, the Audit log and Overview
pages, the session panel and the sign-in dialog (remembered servers, browser sign-in,
waiting) as PNG files.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
# Settings of their own: a layout saved by a person's own use of the app stays out of them.
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="rakerone-screenshots-"))

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


def spin(app: QApplication, until: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    spin(app, lambda: time.monotonic() > end)


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def shoot(app: QApplication, scheme: str, out: Path) -> None:
    from rakerone_desktop import app as appmod
    from rakerone_desktop.models.keys_model import Column

    appmod.main(["--sandbox", "--color-scheme", scheme])
    ctl = appmod.application()
    assert ctl is not None
    spin(
        app,
        lambda: (
            ctl.current is not None
            and ctl.current.keys is not None
            and ctl.current.keys.has_loaded
            and bool(ctl.current.keys.model.catalog)
        ),
    )
    current = ctl.current
    assert current is not None
    assert current.keys is not None
    assert current.flows is not None
    window = current.window
    window.resize(1400, 820)
    model = current.keys.model
    page = window.keys_page  # type: ignore[attr-defined]
    target = next(k for k in model.visible_keys() if k.name.startswith("Webhook relay (prod)"))
    page.select_key(target.id)
    settle(app, 1.0)
    save(window, out, f"main-{scheme}")
    shoot_review_pages(app, window, scheme, out)

    # The key lifecycle: Expires, Owner and Tags, the Disabled/Expired badges and the
    # lifecycle banner (keys that expire within the policy's warning days).
    spin(app, lambda: not window.server_features.part_one_only)  # type: ignore[attr-defined]
    extra = (Column.OWNER, Column.TAGS)
    for column in extra:
        window.set_column_visible(column, True)  # type: ignore[attr-defined]
    page.update_lifecycle_banner()
    paused = next((k for k in model.visible_keys() if k.lifecycle_status == "disabled"), None)
    if paused is not None:
        page.select_key(paused.id)
    settle(app, 1.0)
    save(window, out, f"keys-lifecycle-{scheme}")
    for column in extra:
        window.set_column_visible(column, False)  # type: ignore[attr-defined]
    page.select_key(target.id)

    if scheme == "light":
        wizard = current.flows.create()
        assert wizard is not None
        wizard.name_page.name_field.setText("Nightly export to the data lake")
        settle(app)
        save(wizard, out, "wizard-1-name")
        wizard.next()
        for pid in ("records.read", "playbooks.view"):
            box = wizard.permissions_page.checkboxes.get(pid)
            if box is not None:
                box.setChecked(True)
        settle(app)
        save(wizard, out, "wizard-2-permissions")
        wizard.next()
        settle(app)
        save(wizard, out, "wizard-3-review")
        wizard.next()  # Finish: Create key
        wizard.button(wizard.WizardButton.FinishButton).click()
        spin(app, lambda: current.flows.copy_dialog is not None)
        dialog = current.flows.copy_dialog
        secret_for_screenshot = dialog.secret_field.text()
        settle(app)
        save(dialog, out, "copy-key")
        dialog.copy()
        settle(app)
        save(dialog, out, "copy-key-copied")
        dialog.finish()
        settle(app)
        revoke = current.flows.revoke([target])
        assert revoke is not None
        settle(app)
        save(revoke, out, "revoke-confirm")
        revoke.reject()
        settle(app)

        # Find key by value: a pasted log excerpt with a live, an unknown and a broken value.
        from rakerone_desktop.domain.keyformat import generate_key

        live = secret_for_screenshot
        block = (
            f"12:03:44 POST /hooks auth=Bearer {live}\n"
            f"12:03:51 retry with {generate_key()}\n"
            f"12:04:02 config: key={generate_key()[:-1]}X"
        )
        find = current.flows.find()
        find.field.clear()
        find.field.paste_text(block)
        spin(app, lambda: not find._busy and find.table.rowCount() >= 3)
        find.resize(760, 420)
        settle(app)
        save(find, out, "find-key")
        find.close()
        settle(app)

        # Incident revoke: every key that can impersonate, with the typed confirmation.
        page.set_filter("impersonate")
        incident = current.flows.revoke_shown()
        assert incident is not None
        settle(app)
        save(incident, out, "revoke-many")
        incident.reject()
        page.set_filter("all")
        del Column
    shoot_lifecycle(app, current, target, scheme, out)
    if scheme == "light":
        shoot_sign_in(app, ctl, out)
    ctl.quit()
    settle(app, 0.3)


def shoot_sign_in(app: QApplication, ctl: Any, out: Path) -> None:
    """The session panel, then the sign-in dialog with remembered servers and the
    browser button, and waiting for the browser (once with the address to copy)."""
    current = ctl.current
    window = current.window
    window.session_action.trigger()
    panel = current.session_panel
    spin(app, panel.isVisible)
    settle(app)
    save(panel, out, "session-panel")
    panel.reject()

    server = current.signed_in.server
    dialog = ctl.switch_server()
    dialog.set_profiles(
        [
            {"server": server, "email": "admin@example.com", "ca_bundle": ""},
            {"server": "https://rakerone.example.com", "email": "ops@example.com"},
            {"server": "https://staging.rakerone.example.com", "email": "ops@example.com"},
        ]
    )
    dialog.server_field.setText(server)
    dialog.email_field.setText("admin@example.com")
    dialog.server_field.editingFinished.emit()
    spin(app, dialog.browser_button.isVisible)
    settle(app)
    save(dialog, out, "sign-in-browser")

    ctl.sign_in.opener = lambda _url: True  # a browser that opens and is never answered
    dialog.browser_button.click()
    spin(app, dialog.browser_status.isVisible)
    settle(app)
    save(dialog, out, "sign-in-waiting")
    dialog.browser_cancel_button.click()
    spin(app, lambda: ctl.sign_in.browser is None)

    ctl.sign_in.opener = lambda _url: False  # no browser could be opened
    dialog.browser_button.click()
    spin(app, dialog.browser_url_field.isVisible)
    settle(app)
    save(dialog, out, "sign-in-browser-url")
    dialog.browser_cancel_button.click()
    spin(app, lambda: ctl.sign_in.browser is None)


def shoot_lifecycle(app: QApplication, current: Any, target: Any, scheme: str, out: Path) -> None:
    """The key lifecycle's screens: the wizard's new fields, Edit key (and its 412), Rotate."""
    import msgspec

    from rakerone_desktop.api.errors import PreconditionFailedError

    window = current.window
    spin(app, lambda: not window.server_features.part_one_only)
    flows = current.flows
    wizard = flows.create()
    assert wizard is not None
    fields = wizard.name_page.lifecycle
    wizard.resize(660, 720)
    wizard.name_page.name_field.setText("Nightly export to the EU data lake")
    fields.description.setPlainText("Loads the day's records into the lake at 02:00 UTC.")
    fields.tags.setText("data, prod")
    spin(app, lambda: fields.owner.count() > 1)
    fields.owner.setCurrentIndex(max(fields.owner.findData("usr_sam"), 1))
    fields.expiry.choice.setCurrentIndex(fields.expiry.choice.findData(90))
    settle(app)
    save(wizard, out, f"lifecycle-wizard-name-{scheme}")
    fields.expiry.choice.setCurrentIndex(fields.expiry.choice.findData("date"))
    settle(app)
    save(wizard, out, f"lifecycle-wizard-expiry-{scheme}")
    wizard.reject()
    settle(app)

    edit = flows.lifecycle.edit(target)
    assert edit is not None
    edit.resize(600, 720)
    edit.name_field.setText("Webhook relay (production)")
    settle(app)
    save(edit, out, f"edit-key-{scheme}")
    theirs = msgspec.structs.replace(
        target,
        name="Webhook relay (prod, EU)",
        description="Changed by Priya: moved to the EU relay.",
        version=(target.version or 1) + 1,
    )
    edit.show_conflict(
        theirs, PreconditionFailedError("The key changed.", status=412, request_id="req_demo412")
    )
    settle(app)
    save(edit, out, f"edit-key-conflict-{scheme}")
    edit.reject()
    settle(app)

    rotate = flows.lifecycle.rotate(target)
    assert rotate is not None
    settle(app)
    save(rotate, out, f"rotate-key-{scheme}")
    rotate.reject()
    settle(app)


def shoot_review_pages(app: QApplication, window: QWidget, scheme: str, out: Path) -> None:
    """Admin → Audit log and Admin → Overview."""
    from rakerone_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    spin(app, lambda: not window.sidebar_items["auditLogPage"].isHidden())
    window.show_page("auditLogPage")
    spin(app, lambda: window.audit_page.model.rowCount() > 0)
    settle(app, 1.0)
    save(window, out, f"audit-log-{scheme}")
    window.show_page("overviewPage")
    spin(app, lambda: window.overview_page.overview is not None)
    settle(app, 0.5)
    save(window, out, f"overview-{scheme}")
    window.show_page("keysPage")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "resources" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(["rakerone-screenshots"])
    for scheme in ("light", "dark"):
        shoot(app, scheme, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
