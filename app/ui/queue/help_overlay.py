"""The `?` overlay: every key of the queue window on one card, over a dimmed window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from app.ui.queue.action_table import all_actions
from app.ui.text_views import heading, plain_label


def key_table() -> list[tuple[str, str]]:
    """(keys, what they do), in the order they are shown."""
    translate = QCoreApplication.translate
    return [
        ("J / ↓", translate("HelpOverlay", "Nästa post")),
        ("K / ↑", translate("HelpOverlay", "Föregående post")),
        *((spec.key, spec.help_text) for spec in all_actions()),
        ("/  Ctrl+F", translate("HelpOverlay", "Sök")),
        ("Ctrl+1 … Ctrl+5", translate("HelpOverlay", "Byt kö")),
        (
            translate("HelpOverlay", "Skift+klick, Ctrl+A"),
            translate("HelpOverlay", "Markera flera: åtgärden gäller alla"),
        ),
        ("F5", translate("HelpOverlay", "Läs in kön igen")),
        ("Esc", translate("HelpOverlay", "Rensa sökning och filter")),
        ("Ctrl+Shift+H", translate("HelpOverlay", "Visa eller dölj Händelser (utfallet av åtgärderna)")),
        (
            translate("HelpOverlay", "I dialogen: bokstav"),
            translate("HelpOverlay", "Välj skäl, kriterium eller mall"),
        ),
        (translate("HelpOverlay", "I dialogen: Enter / Esc"), translate("HelpOverlay", "Bekräfta / avbryt")),
        ("? / F1", translate("HelpOverlay", "Visa eller dölj den här hjälpen")),
    ]


class HelpOverlay(QWidget):
    """Covers its parent; any key or click closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAccessibleName(self.tr("Kortkommandon"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card = QFrame(self)
        card.setObjectName("helpCard")
        card.setStyleSheet(
            "#helpCard { background: palette(base); border-radius: 10px; border: 1px solid #8a8f98; }"
        )
        grid = QGridLayout(card)
        grid.setContentsMargins(28, 22, 28, 22)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        title = heading(self.tr("Kortkommandon"), card)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        grid.addWidget(title, 0, 0, 1, 2)
        for row, (keys, meaning) in enumerate(key_table(), start=1):
            key_label = heading(keys, card)
            key_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(key_label, row, 0)
            grid.addWidget(plain_label(meaning, card, selectable=False), row, 1)
        grid.addWidget(
            plain_label(self.tr("Tryck valfri tangent för att stänga."), card, selectable=False),
            len(key_table()) + 1,
            0,
            1,
            2,
        )
        outer.addWidget(card)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.setGeometry(self.parentWidget().rect())
            self.show()
            self.raise_()
            self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 24, 30, 150))

    def event(self, event: QEvent) -> bool:
        # While the card is up, keys close it instead of triggering the window's shortcuts.
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()
