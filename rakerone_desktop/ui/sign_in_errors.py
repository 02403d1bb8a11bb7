"""The sign-in form's error labels, and under which field a failed sign-in is shown.

Its texts are the sign-in dialog's (translated in the ``SignInDialog`` context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from rakerone_desktop.api import errors as e
from rakerone_desktop.ui.field_errors import FieldErrors


class SignInErrors(FieldErrors):
    """An error label under the server, email and password fields, and one for the form."""

    def __init__(
        self, server: QLineEdit, email: QLineEdit, password: QLineEdit, form: QWidget
    ) -> None:
        super().__init__()
        self._server_field = server
        self._password_field = password
        self.server = self.add(server)
        self.email = self.add(email)
        self.password = self.add(password)
        self.general = self.add_general(form)

    def show_failure(self, error: e.ApiError) -> None:
        """Put the failure under the field it concerns (and focus that field)."""
        if isinstance(error, e.RateLimitedError):
            seconds = int(error.retry_after or 60)
            self.show(
                self.password,
                QCoreApplication.translate(
                    "SignInDialog", "Too many failed attempts. Try again in %1 seconds."
                ).replace("%1", str(max(1, seconds))),
            )
            self._password_field.setFocus()
        elif isinstance(error, e.UnauthenticatedError):
            self.show(
                self.password, QCoreApplication.translate("SignInDialog", "Wrong email or password")
            )
            self._password_field.selectAll()
            self._password_field.setFocus()
        elif isinstance(error, (e.TlsError, e.InsecureTransportError, e.InvalidServerUrlError)):
            self.show(self.server, error.message)
            self._server_field.setFocus()
        elif isinstance(error, (e.ConnectError, e.RequestTimeoutError)):
            detail = error.message.split(": ", 1)[1] if ": " in error.message else error.message
            self.show(
                self.server,
                QCoreApplication.translate("SignInDialog", "Can't reach server: %1").replace(
                    "%1", detail
                ),
            )
            self._server_field.setFocus()
        elif isinstance(error, e.ValidationError) and error.field_errors:
            for row in error.field_errors:
                self.show(self.email if row.field == "email" else self.password, row.message)
        else:
            self.show(self.general, str(error))
