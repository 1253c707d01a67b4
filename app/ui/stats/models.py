"""Table models for the statistics: each figure as text to read, its raw value to sort by, and
the whole table as tab-separated text to copy into a spreadsheet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from app.ui.translations import current_language

SORT_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex


def number_locale() -> QLocale:
    """The window's language decides the decimal sign (1,5 in Swedish, 1.5 in English), not the
    computer's locale: a Swedish window on an English machine still writes 1,5."""
    language = QLocale.Language.Swedish if current_language() == "sv" else QLocale.Language.English
    locale = QLocale(language)
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return locale


def decimal_text(value: float, decimals: int = 1) -> str:
    return number_locale().toString(value, "f", decimals)


def _cell(value: Any) -> str:
    """A copied cell as shown: a spreadsheet in the same language reads the decimal sign."""
    if value is None:
        return ""
    return decimal_text(value) if isinstance(value, float) else str(value)


class FiguresModel(QAbstractTableModel):
    """Rows of (display text or number) under a header; numbers are right-aligned."""

    def __init__(self, head: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._head = head
        self._rows: list[list[Any]] = []

    def set_rows(self, rows: list[list[Any]], head: list[str] | None = None) -> None:
        self.beginResetModel()
        if head is not None:
            self._head = list(head)
        self._rows = [list(r) for r in rows]
        self.endResetModel()

    def rows(self) -> list[list[Any]]:
        return [list(r) for r in self._rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._head)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if value is None:
                return "–"
            if isinstance(value, float):
                return decimal_text(value)
            return str(value)
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._head):
            return self._head[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None

    def as_tsv(self, rows: list[int] | None = None) -> str:
        chosen = range(len(self._rows)) if rows is None else rows
        lines = ["\t".join(self._head)]
        for r in chosen:
            lines.append("\t".join(_cell(v) for v in self._rows[r]))
        return "\n".join(lines) + "\n"


class CopyableTable(QTableView):
    """Ctrl+C copies the selected rows (or the whole table) with its header, tab-separated."""

    def __init__(self, model: FiguresModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setStretchLastSection(False)
        self.verticalHeader().setVisible(False)

    def copy(self) -> str:
        model = self.model()
        assert isinstance(model, FiguresModel)
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        text = model.as_tsv(rows or None)
        QApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)
