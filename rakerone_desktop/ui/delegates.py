"""Painting for the keys table: permission badges and the per-row Revoke button.

Nothing here is a widget per row (that would be O(rows)); the delegate paints
from the model's roles and turns a click on the painted button into a
signal. It reads roles only, never the model's internals; which cells get
badges or a button is the column table's ``paint`` (``keytable/columns.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyledItemDelegate

from rakerone_desktop.keytable.columns import COLUMNS, Paint
from rakerone_desktop.models.keys_model import Role
from rakerone_desktop.ui.theme import is_dark

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

# QStyle and the style options are looked up when a row is first painted, not when
# this module is imported: naming QStyle makes PySide build its ~40 enums, and an
# empty table (the window's first paint) never needs them.

_Index = QModelIndex | QPersistentModelIndex

_BADGE_H_PAD = 6
_BADGE_GAP = 4
_BADGE_RADIUS = 4


def _paint_of(index: _Index) -> Paint:
    """How the column table says this cell is painted."""
    col = index.column()
    return COLUMNS[col].paint if 0 <= col < len(COLUMNS) else Paint.TEXT


def _badge_colors(
    palette: QPalette, warning: bool, empty: bool, danger: bool = False
) -> tuple[QColor, QColor]:
    dark = is_dark(palette)
    if danger:  # Disabled, Expired, Exposed: the key does not work, or must not
        return (
            (QColor("#6b1d1d"), QColor("#ffd2d2"))
            if dark
            else (QColor("#fbdada"), QColor("#8f1111"))
        )
    if warning:
        return (
            (QColor("#5c3d08"), QColor("#ffd9a0"))
            if dark
            else (QColor("#fde7c2"), QColor("#7a4100"))
        )
    if empty:
        return (
            (QColor("#34373d"), QColor("#b7bac1"))
            if dark
            else (QColor("#eceef1"), QColor("#555a63"))
        )
    return (
        (QColor("#263a73"), QColor("#d8e1ff")) if dark else (QColor("#e3e9ff"), QColor("#233a8a"))
    )


class KeysTableDelegate(QStyledItemDelegate):
    revokeClicked = Signal(str)  # key id

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._pressed: QPersistentModelIndex | None = None
        self._no_permissions = self.tr("No permissions")
        self._rotation_label = self.tr("Rotation in progress")

    # -- painting -------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        how = _paint_of(index)
        if how is Paint.KEY_NAME:
            rotating = bool(index.data(Role.ROTATING))
            status = index.data(Role.STATUS_BADGES)
            if rotating or status:
                marks = [(label, False, True) for label in status or ()]
                if rotating:
                    marks.append((self._rotation_label, True, False))
                self._paint_background(painter, option, index)
                self._paint_marked_name(painter, option, index, marks)
                return
        if how is Paint.BADGES:
            self._paint_background(painter, option, index)
            self._paint_badges(painter, option, index)
            return
        if how is Paint.BUTTON:
            self._paint_background(painter, option, index)
            self._paint_revoke(painter, option, index)
            return
        super().paint(painter, option, index)

    def _paint_background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        opt = QtWidgets.QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QtWidgets.QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

    def _paint_badges(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        badges = index.data(Role.BADGES) or ()
        rect: QRect = option.rect.adjusted(4, 0, -4, 0)
        fm = QFontMetrics(option.font)
        height = min(rect.height() - 6, fm.height() + 4)
        top = rect.top() + (rect.height() - height) // 2
        x = rect.left()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        items = list(badges) if badges else [(self._no_permissions, False)]
        empty = not badges
        for n, (label, warning) in enumerate(items):
            width = fm.horizontalAdvance(label) + 2 * _BADGE_H_PAD
            remaining = len(items) - n - 1
            more = f"+{remaining}" if remaining else ""
            more_width = fm.horizontalAdvance(more) + 2 * _BADGE_H_PAD if more else 0
            reserve = more_width + _BADGE_GAP if more else 0
            if n == 0 and x + width + reserve > rect.right():
                # The first badge alone is too wide: shortened ("Manage webh…"),
                # so a narrow column still says what the key may do.
                room = rect.right() - x - reserve - 2 * _BADGE_H_PAD
                short = fm.elidedText(label, Qt.TextElideMode.ElideRight, room)
                if short and short != "…":
                    label = short
                    width = fm.horizontalAdvance(label) + 2 * _BADGE_H_PAD
            if x + width + reserve > rect.right():
                # Not enough room: show how many are left instead.
                rest = f"+{len(items) - n}"
                self._badge(painter, option, x, top, height, rest, False, False, fm)
                break
            self._badge(painter, option, x, top, height, label, warning, empty, fm)
            x += width + _BADGE_GAP
        painter.restore()

    def _badge(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        x: int,
        top: int,
        height: int,
        label: str,
        warning: bool,
        empty: bool,
        fm: QFontMetrics,
        danger: bool = False,
    ) -> None:
        width = fm.horizontalAdvance(label) + 2 * _BADGE_H_PAD
        bg, fg = _badge_colors(option.palette, warning, empty, danger)
        r = QRect(x, top, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(r, _BADGE_RADIUS, _BADGE_RADIUS)
        painter.setPen(fg)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_marked_name(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: _Index,
        marks: list[tuple[str, bool, bool]],  # (label, warning, danger), left to right
    ) -> None:
        """The name, and badges at the right: Disabled, Expired, Exposed, rotation."""
        rect: QRect = option.rect.adjusted(4, 0, -4, 0)
        fm = QFontMetrics(option.font)
        widths = [fm.horizontalAdvance(label) + 2 * _BADGE_H_PAD for label, _w, _d in marks]
        badge_w = sum(widths) + _BADGE_GAP * (len(marks) - 1)
        height = min(rect.height() - 6, fm.height() + 4)
        top = rect.top() + (rect.height() - height) // 2
        name_rect = QRect(
            rect.left(), rect.top(), max(0, rect.width() - badge_w - 6), rect.height()
        )
        painter.save()
        selected = bool(option.state & QtWidgets.QStyle.StateFlag.State_Selected)
        pal: QPalette = option.palette
        painter.setPen(
            pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        name = fm.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = rect.right() - badge_w
        for (label, warning, danger), width in zip(marks, widths, strict=True):
            self._badge(painter, option, x, top, height, label, warning, False, fm, danger)
            x += width + _BADGE_GAP
        painter.restore()

    def _button_rect(self, cell: QRect) -> QRect:
        fm = QFontMetrics(self._view.font())
        width = min(cell.width() - 8, fm.horizontalAdvance(self.tr("Revoke")) + 24)
        height = min(cell.height() - 6, fm.height() + 8)
        return QRect(
            cell.left() + (cell.width() - width) // 2,
            cell.top() + (cell.height() - height) // 2,
            width,
            height,
        )

    def _paint_revoke(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        cell: QRect = option.rect
        if index.data(Role.REVOKED):
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, self.tr("Revoked"))
            painter.restore()
            return
        style = QtWidgets.QStyle
        btn = QtWidgets.QStyleOptionButton()
        btn.rect = self._button_rect(cell)
        btn.text = self.tr("Revoke")
        btn.palette = option.palette
        btn.state = style.StateFlag.State_Enabled
        if self._pressed is not None and self._pressed == index:
            btn.state |= style.StateFlag.State_Sunken
        else:
            btn.state |= style.StateFlag.State_Raised
        if option.state & style.StateFlag.State_MouseOver:
            btn.state |= style.StateFlag.State_MouseOver
        widget = self._view
        widget.style().drawControl(style.ControlElement.CE_PushButton, btn, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        fm = QFontMetrics(option.font)
        return QSize(size.width(), max(size.height(), fm.height() + 14))

    # -- clicks ---------------------------------------------------------------------

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> bool:
        if _paint_of(index) is not Paint.BUTTON or index.data(Role.REVOKED):
            return super().editorEvent(event, model, option, index)
        etype = event.type()
        if etype in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton and self._button_rect(
                option.rect
            ).contains(event.position().toPoint()):
                self._pressed = QPersistentModelIndex(index)
                self._view.viewport().update(option.rect)
                return True
        elif etype == QEvent.Type.MouseButtonRelease:
            assert isinstance(event, QMouseEvent)
            pressed = self._pressed
            self._pressed = None
            self._view.viewport().update(option.rect)
            if (
                pressed is not None
                and pressed == index
                and self._button_rect(option.rect).contains(event.position().toPoint())
            ):
                key_id = index.data(Role.KEY_ID)
                if key_id:
                    self.revokeClicked.emit(key_id)
                return True
        return super().editorEvent(event, model, option, index)
