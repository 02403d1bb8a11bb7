"""The keys page's toolbar: create, refresh, the search and the filter with its days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from rakerone_desktop.models.keys_model import ApiKeysModel, KeyFilter, filter_label
from rakerone_desktop.models.server_features import PART_ONE, ServerFeatures
from rakerone_desktop.runtime.settings import Options
from rakerone_desktop.ui.accessibility import name_clear_button
from rakerone_desktop.ui.theme import icon

if TYPE_CHECKING:
    from rakerone_desktop.runtime.settings import Settings


def offers_filter(features: ServerFeatures, name: str) -> bool:
    feature = KeyFilter.FEATURE.get(name)
    return feature is None or features.offers(feature)


class KeysToolbar(QWidget):
    """Its texts are the keys page's (translated in the ``KeysPage`` context)."""

    filterChanged = Signal(str)
    unusedDaysChanged = Signal(int)

    def __init__(self, model: ApiKeysModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.settings: Settings | None = None
        self.features: ServerFeatures = PART_ONE
        # The filter the person chose last: applied once the server offers it.
        self.wanted_filter = KeyFilter.ALL
        self._filling_filters = False
        self.create_button = QPushButton(
            icon("add"), QCoreApplication.translate("KeysPage", "Create key")
        )
        self.create_button.setObjectName("createKeyButton")
        self.create_button.setProperty("role", "primary")
        self.create_button.setToolTip(QCoreApplication.translate("KeysPage", "Create key (Ctrl+N)"))
        self.refresh_button = QPushButton(icon("refresh"), "")
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setAccessibleName(QCoreApplication.translate("KeysPage", "Refresh"))
        self.refresh_button.setToolTip(QCoreApplication.translate("KeysPage", "Refresh (F5)"))
        self.search_field = QLineEdit()
        self.search_field.setObjectName("keySearchField")
        self.search_field.setPlaceholderText(
            QCoreApplication.translate("KeysPage", "Search name, hint, permission, creator")
        )
        self.search_field.setAccessibleName(QCoreApplication.translate("KeysPage", "Search keys"))
        self.search_field.setClearButtonEnabled(True)
        name_clear_button(self.search_field, QCoreApplication.translate("KeysPage", "Clear search"))
        # The magnifier inside the field is a button to assistive technology:
        # it gets a name, and pressing it does what its name says.
        self.search_icon = self.search_field.addAction(
            icon("search"), QLineEdit.ActionPosition.LeadingPosition
        )
        self.search_icon.setText(QCoreApplication.translate("KeysPage", "Search keys"))
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("keyFilter")
        self.filter_box.setAccessibleName(QCoreApplication.translate("KeysPage", "Filter keys"))
        self._add_filter_items()
        self.busy = QProgressBar()
        self.busy.setObjectName("busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(QCoreApplication.translate("KeysPage", "Loading"))
        self.busy.hide()
        self.unused_days = QSpinBox()
        self.unused_days.setObjectName("unusedDaysSpin")
        self.unused_days.setRange(1, 3650)
        self.unused_days.setValue(model.unused_days)
        self.unused_days.setSuffix(QCoreApplication.translate("KeysPage", " days"))
        self.unused_days.setAccessibleName(
            QCoreApplication.translate("KeysPage", "Not used in how many days")
        )
        self.unused_days.setToolTip(
            QCoreApplication.translate(
                "KeysPage", "The threshold of the “Not used in … days” filter"
            )
        )
        self.unused_days.setVisible(model.filter_name == KeyFilter.UNUSED)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.create_button)
        layout.addWidget(self.refresh_button)
        layout.addSpacing(12)
        layout.addWidget(self.search_field, 1)
        filter_label_widget = QLabel(QCoreApplication.translate("KeysPage", "&Show:"))
        filter_label_widget.setBuddy(self.filter_box)
        layout.addWidget(filter_label_widget)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.unused_days)
        layout.addWidget(self.busy)

        # Debounce keystrokes only slightly: a search at 100k rows takes a few ms.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(60)
        self.search_field.textChanged.connect(self._on_search)
        self._search_timer.timeout.connect(self.apply_search)
        self.filter_box.currentIndexChanged.connect(self._on_filter)
        self.unused_days.valueChanged.connect(self._on_unused_days)
        self.search_icon.triggered.connect(self._focus_search)

    # -- the filter ----------------------------------------------------------------------

    def fill_filters(self, features: ServerFeatures) -> None:
        """The filters the server supports, in the combo; the chosen one kept (or the
        one the person chose last, once it is offered again)."""
        self.features = features
        box = self.filter_box
        self._filling_filters = True
        box.blockSignals(True)
        self._add_filter_items()
        box.blockSignals(False)
        i = box.findData(self.wanted_filter)
        box.setCurrentIndex(max(0, i))
        self._on_filter(box.currentIndex())
        self._filling_filters = False

    def _add_filter_items(self) -> None:
        box = self.filter_box
        box.clear()
        for name in KeyFilter.ORDER:
            if offers_filter(self.features, name):
                box.addItem(filter_label(name, self.model.unused_days), name)

    def set_filter(self, name: str) -> None:
        self.wanted_filter = name  # applied when the server offers it, if not now
        i = self.filter_box.findData(name)
        if i >= 0:
            self.filter_box.setCurrentIndex(i)

    def _on_filter(self, _index: int) -> None:
        name = self.filter_box.currentData()
        if name is None:
            return
        self.model.set_filter(name)
        self.unused_days.setVisible(name == KeyFilter.UNUSED)
        if not self._filling_filters:
            self.wanted_filter = name
            if self.settings is not None:
                self.settings.set(Options.key_filter, name)
        self.filterChanged.emit(name)

    def _on_unused_days(self, days: int) -> None:
        self.model.set_filter(self.model.filter_name, days)
        i = self.filter_box.findData(KeyFilter.UNUSED)
        self.filter_box.setItemText(i, filter_label(KeyFilter.UNUSED, days))
        if self.settings is not None:
            self.settings.set(Options.unused_days, days)
        self.unusedDaysChanged.emit(days)

    # -- the search ----------------------------------------------------------------------

    def _on_search(self, _text: str) -> None:
        self._search_timer.start()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_field.text())

    def clear_search_now(self) -> None:
        """The search emptied at once, without waiting for the debounce."""
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self.model.set_search("")

    def show_filtered(self, name: str) -> None:
        self.search_field.clear()
        self.apply_search()
        self.set_filter(name)

    def show_all(self) -> None:
        self.search_field.clear()
        self.filter_box.setCurrentIndex(0)
        self.apply_search()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _focus_search(self) -> None:
        self.search_field.setFocus()
