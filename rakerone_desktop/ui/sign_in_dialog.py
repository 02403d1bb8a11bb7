"""The sign-in dialog: server, email, password, "Remember me".

It never blocks: it emits ``signInRequested`` and shows the outcome when the
app calls :meth:`show_error` or closes it. Errors appear inline under the
field they concern, and whatever was typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rakerone_desktop.api import errors as e
from rakerone_desktop.api.addresses import normalize_base_url
from rakerone_desktop.ui.theme import icon


def _error_label(buddy: QWidget) -> QLabel:
    label = QLabel()
    label.setProperty("role", "fieldError")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.hide()
    label.setAccessibleName(buddy.accessibleName() + " error")
    return label


class SignInDialog(QDialog):
    #: server URL (normalised), email, password, remember, CA bundle path or ""
    signInRequested = Signal(str, str, str, bool, str)
    caBundleLookup = Signal(str)  # asks the app for the bundle kept for a server
    serverEntered = Signal(str)  # a server address was entered or picked (normalised)
    #: server URL (normalised), remember, CA bundle path or ""
    browserSignInRequested = Signal(str, bool, str)
    browserCancelRequested = Signal()
    profileForgotten = Signal(str)  # a remembered server to forget
    profileChosen = Signal(str, str)  # a remembered server was picked: server, email

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        server: str = "",
        email: str = "",
        allow_remember: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to RakerOne"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(440)
        self._busy = False
        self._reauth = False
        self._reauth_message = ""
        self._ca_bundle = ""
        self._waiting = False
        self._profiles: list[dict[str, str]] = []

        title = QLabel(self.tr("Sign in to RakerOne"))
        title.setProperty("role", "pageTitle")
        intro = QLabel(self.tr("Manage your organization's API keys. Admins only."))
        intro.setProperty("role", "intro")

        self.server_field = QLineEdit(server)
        self.server_field.setObjectName("serverUrlField")
        self.server_field.setPlaceholderText("https://rakerone.example.com")
        self.server_field.setAccessibleName(self.tr("Server URL"))
        self.email_field = QLineEdit(email)
        self.email_field.setObjectName("emailField")
        self.email_field.setAccessibleName(self.tr("Email"))
        self.email_field.setPlaceholderText("you@example.com")
        self.password_field = QLineEdit()
        self.password_field.setObjectName("passwordField")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setAccessibleName(self.tr("Password"))
        self.remember_checkbox = QCheckBox(self.tr("Remember me"))
        self.remember_checkbox.setObjectName("rememberMeCheckbox")
        self.remember_checkbox.setEnabled(allow_remember)
        if not allow_remember:
            self.remember_checkbox.setToolTip(self.tr("Sandbox sessions are never remembered."))

        self.server_error = _error_label(self.server_field)
        self.email_error = _error_label(self.email_field)
        self.password_error = _error_label(self.password_field)
        self.general_error = _error_label(self)

        self.ca_label = QLabel(self.tr("System trust store"))
        self.ca_label.setProperty("role", "hint")
        self.ca_label.setTextFormat(Qt.TextFormat.PlainText)
        self.ca_button = QPushButton(self.tr("Choose CA bundle…"))
        self.ca_button.setAccessibleName(self.tr("Choose a certificate authority bundle"))
        self.ca_button.clicked.connect(self._choose_ca_bundle)
        self.ca_clear = QPushButton(self.tr("Use system"))
        self.ca_clear.setAccessibleName(self.tr("Use the system trust store"))
        self.ca_clear.clicked.connect(lambda: self.set_ca_bundle(""))
        self.ca_clear.hide()
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_label, 1)
        ca_row.addWidget(self.ca_button)
        ca_row.addWidget(self.ca_clear)

        self.profile_field = QComboBox()
        self.profile_field.setObjectName("serverProfileField")
        self.profile_field.setAccessibleName(self.tr("Remembered servers"))
        self.forget_button = QPushButton(self.tr("Forget"))
        self.forget_button.setObjectName("forgetServerButton")
        self.forget_button.setAccessibleName(self.tr("Forget this server"))
        self.forget_button.clicked.connect(self._forget_profile)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_field, 1)
        profile_row.addWidget(self.forget_button)
        self.profile_field.activated.connect(self._profile_picked)

        self.browser_button = QPushButton(self.tr("Sign in with your browser"))
        self.browser_button.setObjectName("signInWithBrowserButton")
        self.browser_button.setIcon(icon("app"))
        self.browser_button.clicked.connect(self.submit_browser)
        self.browser_button.hide()
        self.browser_status = QLabel()
        self.browser_status.setObjectName("browserSignInStatus")
        self.browser_status.setProperty("role", "hint")
        self.browser_status.setTextFormat(Qt.TextFormat.PlainText)
        self.browser_status.setWordWrap(True)
        self.browser_status.hide()
        self.browser_url_field = QLineEdit()
        self.browser_url_field.setObjectName("browserSignInUrlField")
        self.browser_url_field.setReadOnly(True)
        self.browser_url_field.setAccessibleName(self.tr("Sign-in page address"))
        self.browser_url_field.hide()
        self.browser_cancel_button = QPushButton(self.tr("Cancel"))
        self.browser_cancel_button.setObjectName("cancelBrowserSignInButton")
        self.browser_cancel_button.setAccessibleName(self.tr("Cancel signing in with the browser"))
        self.browser_cancel_button.clicked.connect(self.browserCancelRequested.emit)
        self.browser_cancel_button.hide()
        self.browser_error = _error_label(self.browser_button)
        self.browser_error.setObjectName("browserSignInError")
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(self.browser_status, 1)
        waiting_row.addWidget(self.browser_cancel_button)

        form = QFormLayout()
        self._form = form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        profile_label = QLabel(self.tr("Ser&vers"))
        profile_label.setBuddy(self.profile_field)
        form.addRow(profile_label, profile_row)
        self._profile_label = profile_label
        self._profile_row = profile_row
        server_label = QLabel(self.tr("&Server URL"))
        server_label.setBuddy(self.server_field)
        email_label = QLabel(self.tr("&Email"))
        email_label.setBuddy(self.email_field)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password_field)
        form.addRow(server_label, self.server_field)
        form.addRow("", self.server_error)
        form.addRow(self.tr("Certificates"), ca_row)
        form.addRow(email_label, self.email_field)
        form.addRow("", self.email_error)
        form.addRow(password_label, self.password_field)
        form.addRow("", self.password_error)
        form.addRow("", self.remember_checkbox)

        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setProperty("role", "primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Quit"))
        self.cancel_button.clicked.connect(self.reject)
        self.status_label = QLabel()
        self.status_label.setProperty("role", "hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        layout.addWidget(self.browser_button)
        layout.addLayout(waiting_row)
        layout.addWidget(self.browser_url_field)
        layout.addWidget(self.browser_error)
        self.set_profiles([])

        self.server_field.editingFinished.connect(self._server_changed)
        self.server_field.textEdited.connect(self._clear_server_error)
        self.email_field.textEdited.connect(self._clear_email_error)
        self.password_field.textEdited.connect(self._clear_password_error)

        if server and email:
            self.password_field.setFocus()
        elif server:
            self.email_field.setFocus()

    def set_reauth_mode(self, message: str) -> None:
        """Signing in again mid-session: same server and person, password only."""
        self.setWindowTitle(self.tr("Sign in again"))
        self.server_field.setReadOnly(True)
        self.email_field.setReadOnly(True)
        self.ca_button.setEnabled(False)
        self.remember_checkbox.hide()
        self._form.setRowVisible(self._profile_label, False)
        self.cancel_button.setText(self.tr("Cancel"))
        self._reauth_message = message
        self.general_error.setText(message)
        self.general_error.setProperty("role", "fieldWarning")
        self.general_error.show()
        self._reauth = True
        self.password_field.setFocus()

    # -- CA bundle --------------------------------------------------------------------

    def _server_changed(self) -> None:
        try:
            server = normalize_base_url(self.server_field.text())
        except e.ApiError:
            return
        self.profile_field.setCurrentIndex(self._index_of(server))
        self.forget_button.setEnabled(self.profile_field.currentIndex() >= 0)
        self.caBundleLookup.emit(server)
        self.serverEntered.emit(server)

    @property
    def server(self) -> str:
        """The normalised server address, or "" when what is typed isn't one."""
        try:
            return normalize_base_url(self.server_field.text())
        except e.ApiError:
            return ""

    # -- remembered servers -----------------------------------------------------------

    def set_profiles(self, profiles: list[dict[str, str]]) -> None:
        """The remembered servers to pick from (address, email, CA bundle)."""
        self._profiles = [p for p in profiles if p.get("server")]
        self.profile_field.clear()
        for profile in self._profiles:
            email = profile.get("email", "")
            text = f"{profile['server']} — {email}" if email else profile["server"]
            self.profile_field.addItem(text, profile["server"])
        self.profile_field.setCurrentIndex(self._index_of(self.server))
        shown = bool(self._profiles) and not self._reauth
        self._form.setRowVisible(self._profile_label, shown)
        self.forget_button.setEnabled(self.profile_field.currentIndex() >= 0)

    def _index_of(self, server: str) -> int:
        return next((i for i, p in enumerate(self._profiles) if p.get("server") == server), -1)

    def _profile_picked(self, index: int) -> None:
        if not 0 <= index < len(self._profiles):
            return
        profile = self._profiles[index]
        self.server_field.setText(profile.get("server", ""))
        self.email_field.setText(profile.get("email", ""))
        self.set_ca_bundle(profile.get("ca_bundle", ""))
        self.password_field.clear()
        self._clear_errors()
        self.forget_button.setEnabled(True)
        self.password_field.setFocus()
        self.serverEntered.emit(self.server)
        self.profileChosen.emit(self.server, self.email_field.text().strip())

    def _forget_profile(self) -> None:
        index = self.profile_field.currentIndex()
        if 0 <= index < len(self._profiles):
            self.profileForgotten.emit(self._profiles[index]["server"])

    # -- sign in with the browser -------------------------------------------------------

    def set_sign_in_methods(self, password: bool, browser: bool) -> None:
        """What the server offers: the browser button, and the password form or not."""
        self.browser_button.setVisible(browser)
        self._form.setRowVisible(self.password_field, password)
        if not password:
            self.password_error.hide()
        self.sign_in_button.setVisible(password)
        if browser and not password:
            self.browser_button.setDefault(True)

    def submit_browser(self) -> None:
        if self._busy or self._waiting:
            return
        self._clear_errors()
        try:
            server = normalize_base_url(self.server_field.text())
        except e.ApiError as exc:
            self._show(self.server_error, exc.message)
            self.server_field.setFocus()
            return
        self.browserSignInRequested.emit(
            server, self.remember_checkbox.isChecked(), self._ca_bundle
        )

    def show_browser_waiting(self) -> None:
        """Waiting for the person to sign in in their browser; Cancel stops it."""
        self._waiting = True
        self.browser_error.hide()
        self.browser_button.setEnabled(False)
        self.sign_in_button.setEnabled(False)
        self.browser_status.setText(self.tr("Waiting for your browser…"))
        self.browser_status.show()
        self.browser_cancel_button.show()
        self.browser_url_field.hide()

    def show_browser_url(self, url: str) -> None:
        """The browser could not be opened: the address to open by hand."""
        self.browser_status.setText(
            self.tr("Your browser could not be opened. Copy this address into a browser:")
        )
        self.browser_url_field.setText(url)
        self.browser_url_field.show()
        # All selected, ready to copy, showing its beginning.
        self.browser_url_field.setSelection(len(url), -len(url))
        self.browser_url_field.setFocus()

    def end_browser_wait(self, error: str = "") -> None:
        """The browser sign-in ended: cancelled, failed (``error``) or signed in."""
        self._waiting = False
        self.browser_button.setEnabled(True)
        self.sign_in_button.setEnabled(not self._busy)
        self.browser_status.hide()
        self.browser_cancel_button.hide()
        self.browser_url_field.hide()
        self.browser_url_field.clear()
        if error:
            self._show(self.browser_error, error)

    @property
    def waiting_for_browser(self) -> bool:
        return self._waiting

    def set_ca_bundle(self, path: str) -> None:
        self._ca_bundle = path
        self.ca_label.setText(path or self.tr("System trust store"))
        self.ca_clear.setVisible(bool(path))

    @property
    def ca_bundle(self) -> str:
        return self._ca_bundle

    def _choose_ca_bundle(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a CA bundle for this server"))
        dialog.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.set_ca_bundle)
        dialog.open()

    # -- submit -----------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy:
            return
        self._clear_errors()
        if self._reauth:
            self.general_error.setText(self._reauth_message)  # keep saying why we ask
            self.general_error.show()
        ok = True
        server = ""
        try:
            server = normalize_base_url(self.server_field.text())
        except e.ApiError as exc:
            self._show(self.server_error, exc.message)
            ok = False
        if not self.email_field.text().strip():
            self._show(self.email_error, self.tr("Enter your email."))
            ok = False
        if not self.password_field.text():
            self._show(self.password_error, self.tr("Enter your password."))
            ok = False
        if not ok:
            self._focus_first_error()
            return
        self.set_busy(True)
        self.signInRequested.emit(
            server,
            self.email_field.text().strip(),
            self.password_field.text(),
            self.remember_checkbox.isChecked(),
            self._ca_bundle,
        )

    def set_busy(self, busy: bool, status: str | None = None) -> None:
        self._busy = busy
        self.sign_in_button.setEnabled(not busy)
        self.status_label.setText((status or self.tr("Signing in…")) if busy else "")

    def show_error(self, error: e.ApiError) -> None:
        """Put the failure under the field it concerns; keep every typed value."""
        self.set_busy(False)
        if isinstance(error, e.RateLimitedError):
            seconds = int(error.retry_after or 60)
            self._show(
                self.password_error,
                self.tr("Too many failed attempts. Try again in %1 seconds.").replace(
                    "%1", str(max(1, seconds))
                ),
            )
            self.password_field.setFocus()
        elif isinstance(error, e.UnauthenticatedError):
            self._show(self.password_error, self.tr("Wrong email or password"))
            self.password_field.selectAll()
            self.password_field.setFocus()
        elif isinstance(error, e.TlsError):
            self._show(self.server_error, error.message)
            self.server_field.setFocus()
        elif isinstance(error, (e.ConnectError, e.RequestTimeoutError)):
            detail = error.message.split(": ", 1)[1] if ": " in error.message else error.message
            self._show(self.server_error, self.tr("Can't reach server: %1").replace("%1", detail))
            self.server_field.setFocus()
        elif isinstance(error, (e.InsecureTransportError, e.InvalidServerUrlError)):
            self._show(self.server_error, error.message)
            self.server_field.setFocus()
        elif isinstance(error, e.ValidationError) and error.field_errors:
            for row in error.field_errors:
                target = self.email_error if row.field == "email" else self.password_error
                self._show(target, row.message)
        else:
            text = str(error)
            self._show(self.general_error, text)

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

    def _clear_errors(self) -> None:
        for label in (
            self.server_error,
            self.email_error,
            self.password_error,
            self.general_error,
            self.browser_error,
        ):
            label.clear()
            label.hide()

    def _clear_server_error(self) -> None:
        self.server_error.hide()

    def _clear_email_error(self) -> None:
        self.email_error.hide()

    def _clear_password_error(self) -> None:
        self.password_error.hide()

    def _focus_first_error(self) -> None:
        for label, field in (
            (self.server_error, self.server_field),
            (self.email_error, self.email_field),
            (self.password_error, self.password_field),
        ):
            if label.isVisible() or label.text():
                field.setFocus()
                return

    def reject(self) -> None:
        if self._waiting:
            self.browserCancelRequested.emit()
        self.set_busy(False)
        super().reject()
