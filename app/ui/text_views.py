"""Widgets that show hostile text exactly as typed: never rich text, never a link."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QTextEdit, QWidget


def plain_label(
    text: str = "", parent: QWidget | None = None, *, wrap: bool = True, selectable: bool = True
) -> QLabel:
    """A QLabel that can never turn a comment into rich text or a link."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setOpenExternalLinks(False)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, parent, selectable=False)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 code units; Python in code points (emoji differ)."""
    return len(text[:index].encode("utf-16-le")) // 2


class PlainTextBlock(QTextEdit):
    """Read-only plain text that grows to fit its content (for the comment and its thread)."""

    def __init__(self, parent: QWidget | None = None, *, max_lines: int | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.viewport().setAutoFillBackground(False)
        self._max_lines = max_lines
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def set_text(self, text: str) -> None:
        self.setPlainText(text)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def highlight(self, spans: list[tuple[int, int]], color: str = "#ffd54f") -> None:
        """Mark character spans (Python string indices into the text)."""
        text = self.toPlainText()
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(color))
        fmt.setForeground(QColor("#1f2328"))
        for start, end in spans:
            if not 0 <= start < end <= len(text):
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.setExtraSelections(selections)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit()

    def _fit(self, *_args: object) -> None:
        doc = self.document()
        doc.setTextWidth(self.viewport().width())
        height = doc.size().height()
        if self._max_lines is not None:
            height = min(height, self.fontMetrics().lineSpacing() * self._max_lines + 8)
        margins = self.contentsMargins()
        self.setFixedHeight(int(height) + margins.top() + margins.bottom() + 2)

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())
