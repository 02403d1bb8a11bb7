"""The keys table paints its rows once per filter or search change, not twice: the
view's item layout, which Qt would run on a later event-loop turn and which
repaints every row again, runs at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QHeaderView

from rakerone_desktop.keytable.filters import KeyFilter
from rakerone_desktop.models.keys_model import ApiKeysModel
from rakerone_desktop.ui.keys_table import KeysTableView
from tests.support.factories import CATALOG, NOW, make_key


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1

        return False


def _settle(qtbot) -> None:
    """Every posted event and zero-timer handled (the view's delayed layout is one)."""
    for _ in range(5):
        QApplication.processEvents()
        qtbot.wait(20)


def test_each_change_paints_the_rows_once(qtbot):
    model = ApiKeysModel()
    # Fewer rows than the view holds: no change shows or hides a scroll bar (that
    # resizes the viewport, which is a repaint of its own).
    keys = [make_key(f"key {n}", last_used=None if n % 3 else NOW) for n in range(12)]
    model.replace_all(keys)
    view = KeysTableView(model)
    view.set_up_columns(model, view)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    _settle(qtbot)
    paints = _Paints()
    view.viewport().installEventFilter(paints)
    changes = (
        lambda: model.set_filter(KeyFilter.NEVER_USED),
        lambda: model.set_filter(KeyFilter.ALL),
        lambda: model.set_search("key 1"),
        lambda: model.set_search(""),
    )
    for change in changes:
        paints.count = 0
        change()
        _settle(qtbot)
        assert paints.count == 1


def test_a_narrow_permissions_column_shortens_the_first_badge(qtbot):
    model = ApiKeysModel()
    model.set_catalog(CATALOG)
    ids = tuple(p.id for p in CATALOG[:3])
    model.replace_all([make_key("wide", permissions=ids)])
    view = KeysTableView(model)
    view.set_up_columns(model, view)
    qtbot.addWidget(view)
    drawn: list[str] = []
    real = view.delegate._badge

    def spy(painter, option, x, top, height, label, *rest):
        drawn.append(label)
        return real(painter, option, x, top, height, label, *rest)

    view.delegate._badge = spy  # type: ignore[method-assign]
    from rakerone_desktop.keytable.columns import Column

    header = view.horizontalHeader()
    header.setSectionResizeMode(Column.PERMISSIONS, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(Column.PERMISSIONS, 110)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    _settle(qtbot)
    assert drawn and drawn[-1] == "+2"  # the two that did not fit, counted
    first = drawn[-2]
    assert first.endswith("…") and len(first) > 1  # shortened, still saying something
