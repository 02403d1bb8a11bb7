"""Views wire and keep their own layout; what the first paint doesn't need is built on use.

Widget tests over a stub-filled model (no server): each view restores what it
saved, saves nothing without settings, and its lazy parts stay named and
reachable.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from rakerone_desktop.models.keys_model import ApiKeysModel, Column, KeyFilter
from rakerone_desktop.runtime.settings import Options, Settings
from rakerone_desktop.ui.details_pane import DetailsPane
from rakerone_desktop.ui.keys_page import KeysPage
from rakerone_desktop.ui.main_window import MainWindow
from tests.support.factories import make_key


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "view.ini"), QSettings.Format.IniFormat))


def _model() -> ApiKeysModel:
    model = ApiKeysModel()
    model.replace_all([make_key("Alpha"), make_key("Beta"), make_key("Gamma")])
    return model


def _window(qtbot, model: ApiKeysModel | None = None) -> MainWindow:
    window = MainWindow(model or _model(), "https://rakerone.example", "Ada Admin")
    qtbot.addWidget(window)
    return window


# -- each view restores what it saved ------------------------------------------------------


def test_main_window_restores_what_it_saved(qtbot, tmp_path):
    settings = _settings(tmp_path)
    window = _window(qtbot)
    window.restore_layout(settings)  # nothing saved yet: the defaults
    window.show()
    window.resize(700, 500)
    window.splitter.setSizes([120, 580])
    sidebar_width = window.splitter.sizes()[0]
    window.set_column_visible(Column.LAST_USED_IP, True)
    window.close()  # saves as it closes

    again = _window(qtbot)
    again.restore_layout(settings)
    again.show()
    assert (again.width(), again.height()) == (700, 500)
    assert again.splitter.sizes()[0] == sidebar_width
    assert again.visible_optional_columns() == [Column.LAST_USED_IP]
    assert again.column_actions[Column.LAST_USED_IP].isChecked()
    assert not again.column_actions[Column.HINT].isChecked()


def test_column_menu_shows_and_saves_a_column(qtbot, tmp_path):
    settings = _settings(tmp_path)
    window = _window(qtbot)
    window.restore_layout(settings)
    window.column_actions[Column.CREATED_BY].trigger()  # as a click in View → Columns
    assert not window.keys_page.table.isColumnHidden(Column.CREATED_BY)
    assert settings.get(Options.shown_columns) == ["CREATED_BY"]


def test_keys_page_restores_what_it_saved(qtbot, tmp_path):
    settings = _settings(tmp_path)
    page = KeysPage(_model())
    qtbot.addWidget(page)
    page.restore_layout(settings)
    page.show()
    header = page.table.horizontalHeader()
    header.resizeSection(Column.NAME, 222)
    header.moveSection(header.visualIndex(Column.CREATED), 0)
    page.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    page.set_filter(KeyFilter.UNUSED)
    page.unused_days.setValue(45)
    page.splitter.setSizes([500, 320])
    details_width = page.splitter.sizes()[1]
    page.save_layout()

    model = _model()
    again = KeysPage(model)
    qtbot.addWidget(again)
    again.restore_layout(settings)
    again.show()
    header = again.table.horizontalHeader()
    assert header.sectionSize(Column.NAME) == 222
    assert header.visualIndex(Column.CREATED) == 0
    assert (model.sort_column, model.sort_order) == (Column.NAME, Qt.SortOrder.AscendingOrder)
    assert model.filter_name == KeyFilter.UNUSED and model.unused_days == 45
    assert again.filter_box.currentText() == "Not used in 45 days"
    assert again.splitter.sizes()[1] == details_width


def test_a_saved_header_does_not_show_revoke_in_read_only_mode(qtbot, tmp_path):
    # The header state saved while Revoke was shown must not bring it back.
    settings = _settings(tmp_path)
    page = KeysPage(_model())
    qtbot.addWidget(page)
    page.restore_layout(settings)
    page.save_layout()
    assert not settings.get(Options.header_state).isEmpty()

    again = KeysPage(_model())
    qtbot.addWidget(again)
    again.set_read_only(True)
    again.restore_layout(settings)
    assert again.table.isColumnHidden(Column.REVOKE)


def test_a_window_never_given_settings_saves_nothing(qtbot, tmp_path):
    settings = _settings(tmp_path)
    window = _window(qtbot)
    window.show()
    window.set_column_visible(Column.HINT, True)
    window.keys_page.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    window.close()
    assert settings.get(Options.window_geometry).isEmpty()
    assert settings.get(Options.shown_columns) == []
    assert settings.get(Options.sort_column) == Options.sort_column.default


# -- the window wires its children ----------------------------------------------------------


def test_the_window_speaks_for_its_page(qtbot):
    model = _model()
    window = _window(qtbot, model)
    page = window.keys_page
    key = model.key_at(1)
    with qtbot.waitSignal(window.activityRequested) as asked:
        page.select_key(key.id)
    assert asked.args == [key.id, None]
    with qtbot.waitSignal(window.revokeRequested) as revoke:
        page.details.revoke_button.click()
    assert revoke.args == [[key.id]]
    with qtbot.waitSignal(window.createKeyRequested):
        page.create_button.click()
    with qtbot.waitSignal(window.refreshRequested):
        window.refresh_action.trigger()
    with qtbot.waitSignal(window.exportActivityRequested):
        page.details.export_button.click()
    window.filter_actions[KeyFilter.REVOKED].trigger()
    assert page.filter_box.currentData() == KeyFilter.REVOKED
    window.show_notice("Signed in for this session only")
    assert page.notice.message.text() == "Signed in for this session only"


# -- built on first use, still named and reachable -----------------------------------------


def test_details_pane_builds_its_parts_when_the_first_key_is_shown(qtbot):
    pane = DetailsPane()
    qtbot.addWidget(pane)
    assert pane.objectName() == "detailsPane"
    assert not pane.is_built
    assert pane.findChild(object, "eventsList") is None
    pane.show_key(make_key("Alpha"), {})
    assert pane.is_built
    assert pane.findChild(object, "eventsList") is pane.events
    assert pane.title.text() == "Alpha"


def test_a_part_asked_for_before_first_use_is_built_then(qtbot):
    pane = DetailsPane()
    qtbot.addWidget(pane)
    assert pane.export_button.objectName() == "exportActivityButton"
    assert pane.is_built
    with pytest.raises(AttributeError):
        _ = pane.no_such_part


def test_empty_and_no_match_states_are_built_when_first_shown(qtbot):
    model = ApiKeysModel()
    page = KeysPage(model)
    qtbot.addWidget(page)
    assert page.findChild(object, "emptyState") is None
    assert not page.banner.is_built
    page.set_read_only(True)
    page.set_loading(True)
    page.set_loading(False)  # loaded, and nothing there
    assert page.stack.currentWidget() is page.findChild(object, "emptyState")
    assert not page.empty_state.create_button.isVisibleTo(page)  # read-only reached it too

    model.replace_all([make_key("Alpha")])
    page.search_field.setText("no such key")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.findChild(object, "noMatchState"))


def test_the_app_names_nothing_inside_the_keys_page():
    # The app talks to the main window's surface; renaming a widget inside the
    # keys page must not break it.
    root = Path(__file__).resolve().parents[2] / "rakerone_desktop"
    sources = [root / "app.py", *sorted((root / "shell").rglob("*.py"))]
    inside = re.compile(r"\b(?:page|keys_page)\.(?:table|details|banner|notice|delegate)\b")
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sources
        if path.exists()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if inside.search(line)
    ]
    assert found == []
