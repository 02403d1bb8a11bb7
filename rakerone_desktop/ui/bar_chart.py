"""A small bar chart drawn with QPainter: labelled bars, the numbers beside them.

Its text alternative (accessible description and tooltip) lists every bar
with its number, so the chart says the same to a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 120
NUMBER_WIDTH = 70


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[tuple[str, int], ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its text can be read

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self._bars = tuple(bars)
        text = "; ".join(f"{label}: {n:,}" for label, n in self._bars)
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.updateGeometry()
        self.update()

    @property
    def bars(self) -> tuple[tuple[str, int], ...]:
        return self._bars

    def sizeHint(self) -> QSize:
        n = max(1, len(self._bars))
        return QSize(460, n * (BAR_HEIGHT + GAP) + GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + NUMBER_WIDTH + 60, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_color = pal.color(QPalette.ColorRole.WindowText)
        bar_color = pal.color(QPalette.ColorRole.Highlight)
        track = pal.color(QPalette.ColorRole.Mid)
        track.setAlpha(60)
        top = max((n for _, n in self._bars), default=0) or 1
        room = max(10, self.width() - LABEL_WIDTH - NUMBER_WIDTH - 2 * GAP)
        y = GAP
        for label, n in self._bars:
            painter.setPen(text_color)
            painter.drawText(
                QRectF(0, y, LABEL_WIDTH, BAR_HEIGHT),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            x = LABEL_WIDTH + GAP
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(x, y + 3, room, BAR_HEIGHT - 6), 3, 3)
            painter.setBrush(bar_color)
            width = room * n / top
            if width > 0:
                painter.drawRoundedRect(QRectF(x, y + 3, max(2.0, width), BAR_HEIGHT - 6), 3, 3)
            painter.setPen(text_color)
            painter.drawText(
                QRectF(x + room + GAP, y, NUMBER_WIDTH, BAR_HEIGHT),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                f"{n:,}",
            )
            y += BAR_HEIGHT + GAP
        painter.end()
