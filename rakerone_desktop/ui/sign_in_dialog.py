"""The sign-in dialog: server, email, password, "Remember me".

It never blocks: it emits ``signInRequested`` and shows the outcome when the
app calls :meth:`show_error` or closes it. Errors appear inline under the
field they concern, and whatever was typed stays. The remembered servers
(:class:`ServerProfilesField`), the CA bundle (:class:`CaBundleField`) and the
browser sign-in (:class:`BrowserSignInPanel`) are widgets of their own that it
composes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
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
from rakerone_desktop.ui.browser_sign_in_panel import BrowserSignInPanel
from rakerone_desktop.ui.ca_bundle_field import CaBundleField
from rakerone_desktop.ui.server_profiles_field import ServerProfilesField
from rakerone_desktop.ui.sign_in_errors import SignInErrors
from rakerone_desktop.ui.theme import icon


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

        self.errors = SignInErrors(self.server_field, self.email_field, self.password_field, self)
        self.server_error = self.errors.server
        self.email_error = self.errors.email
        self.password_error = self.errors.password
        self.general_error = self.errors.general

        self.ca_field = CaBundleField()
        self.profiles = ServerProfilesField()
        self.profiles.picked.connect(self._profile_picked)
        self.profiles.forgetRequested.connect(self.profileForgotten.emit)
        self.browser = BrowserSignInPanel()
        self.browser.startRequested.connect(self.submit_browser)
        self.browser.cancelRequested.connect(self.browserCancelRequested.emit)
        # The parts' widgets, by the names the app and its tests know.
        self.profile_field = self.profiles.combo
        self.forget_button = self.profiles.forget_button
        self.ca_label = self.ca_field.label
        self.ca_button = self.ca_field.choose_button
        self.ca_clear = self.ca_field.clear_button
        self.browser_button = self.browser.button
        self.browser_status = self.browser.status
        self.browser_url_field = self.browser.url_field
        self.browser_cancel_button = self.browser.cancel_button
        self.browser_error = self.browser.error

        form = QFormLayout()
        self._form = form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._profile_label = QLabel(self.tr("Ser&vers"))
        self._profile_label.setBuddy(self.profiles.combo)
        form.addRow(self._profile_label, self.profiles)
        server_label = QLabel(self.tr("&Server URL"))
        server_label.setBuddy(self.server_field)
        email_label = QLabel(self.tr("&Email"))
        email_label.setBuddy(self.email_field)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password_field)
        form.addRow(server_label, self.server_field)
        form.addRow("", self.server_error)
        form.addRow(self.tr("Certificates"), self.ca_field)
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
        layout.addWidget(self.browser)
        self.set_profiles([])

        self.server_field.editingFinished.connect(self._server_changed)

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

    def _server_changed(self) -> None:
        server = self.server
        if not server:
            return
        self.profiles.select(server)
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
        self.profiles.set_profiles(profiles, self.server)
        shown = self.profiles.has_profiles and not self._reauth
        self._form.setRowVisible(self._profile_label, shown)

    def _profile_picked(self, profile: dict[str, str]) -> None:
        self.server_field.setText(profile.get("server", ""))
        self.email_field.setText(profile.get("email", ""))
        self.set_ca_bundle(profile.get("ca_bundle", ""))
        self.password_field.clear()
        self._clear_errors()
        self.password_field.setFocus()
        self.serverEntered.emit(self.server)
        self.profileChosen.emit(self.server, self.email_field.text().strip())

    # -- sign in with the browser -------------------------------------------------------

    def set_sign_in_methods(self, password: bool, browser: bool) -> None:
        """What the server offers: the browser button, and the password form or not."""
        self.browser.set_offered(browser)
        self._form.setRowVisible(self.password_field, password)
        if not password:
            self.password_error.hide()
        self.sign_in_button.setVisible(password)
        if browser and not password:
            self.browser_button.setDefault(True)

    def submit_browser(self) -> None:
        if self._busy or self.browser.waiting:
            return
        self._clear_errors()
        try:
            server = normalize_base_url(self.server_field.text())
        except e.ApiError as exc:
            self.errors.show(self.server_error, exc.message)
            self.server_field.setFocus()
            return
        self.browserSignInRequested.emit(server, self.remember_checkbox.isChecked(), self.ca_bundle)

    def show_browser_waiting(self) -> None:
        """Waiting for the person to sign in in their browser; Cancel stops it."""
        self.browser.show_waiting()
        self.sign_in_button.setEnabled(False)

    def show_browser_url(self, url: str) -> None:
        """The browser could not be opened: the address to open by hand."""
        self.browser.show_url(url)

    def end_browser_wait(self, error: str = "") -> None:
        """The browser sign-in ended: cancelled, failed (``error``) or signed in."""
        self.browser.end_wait(error)
        self.sign_in_button.setEnabled(not self._busy)

    @property
    def waiting_for_browser(self) -> bool:
        return self.browser.waiting

    def set_ca_bundle(self, path: str) -> None:
        self.ca_field.set_path(path)

    @property
    def ca_bundle(self) -> str:
        return self.ca_field.path

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
            self.errors.show(self.server_error, exc.message)
            ok = False
        if not self.email_field.text().strip():
            self.errors.show(self.email_error, self.tr("Enter your email."))
            ok = False
        if not self.password_field.text():
            self.errors.show(self.password_error, self.tr("Enter your password."))
            ok = False
        if not ok:
            self.errors.focus_first()
            return
        self.set_busy(True)
        self.signInRequested.emit(
            server,
            self.email_field.text().strip(),
            self.password_field.text(),
            self.remember_checkbox.isChecked(),
            self.ca_bundle,
        )

    def set_busy(self, busy: bool, status: str | None = None) -> None:
        self._busy = busy
        self.sign_in_button.setEnabled(not busy)
        self.status_label.setText((status or self.tr("Signing in…")) if busy else "")

    def show_error(self, error: e.ApiError) -> None:
        """Put the failure under the field it concerns; keep every typed value."""
        self.set_busy(False)
        self.errors.show_failure(error)

    def _clear_errors(self) -> None:
        self.errors.clear()
        self.browser.clear_error()

    def reject(self) -> None:
        if self.browser.waiting:
            self.browserCancelRequested.emit()
        self.set_busy(False)
        super().reject()
