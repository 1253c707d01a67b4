"""The Arkiv table's model: archive entries loaded a page at a time (keyset paging in SQL)
as the view scrolls; every cell one line of plain text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.services.records.archive import ArchiveEntry
from app.services.records.removal_log import local_naive
from app.services.records.spreadsheet import escape_cell_text
from app.ui.labels import platform_label, reason_label, status_label

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


def when(value: datetime | None) -> str:
    local = local_naive(value)
    return f"{local:%Y-%m-%d %H:%M}" if local else ""


def _line(text: str, limit: int = 120) -> str:
    """One line for a table cell: control characters shown, never acted on."""
    flat = " ".join(escape_cell_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ArchiveModel(QAbstractTableModel):
    """Archive entries, loaded a page at a time (keyset) as the view scrolls."""

    page_wanted = Signal(object)  # the cursor after which the next page is needed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArchiveEntry] = []
        self._more = False
        self._loading = False
        self.headers = [
            self.tr("Senast"),
            self.tr("Konto"),
            self.tr("Författare"),
            self.tr("Text"),
            self.tr("Status"),
            self.tr("Skäl"),
            self.tr("Diarienummer"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return _line(entry.text, 600)
        if role == Qt.ItemDataRole.UserRole:
            return entry.item_id
        return None

    def _display(self, e: ArchiveEntry, column: int) -> str:
        values = (
            when(e.last_event_at),
            _channel(e.account_name, platform_label(e.platform)),
            _line(e.author_name, 60),
            _line(e.text),
            status_label(e.status),  # in the window's language
            reason_label(e.reason_code),
            e.diarienummer or "",
        )
        return values[column]

    def entry(self, row: int) -> ArchiveEntry:
        return self._rows[row]

    def reset(self, rows: list[ArchiveEntry]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._more = len(rows) == PAGE
        self._loading = False
        self.endResetModel()

    def append(self, rows: list[ArchiveEntry]) -> None:
        self._loading = False
        self._more = len(rows) == PAGE
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self._rows:
            self._loading = True
            self.page_wanted.emit(self._rows[-1].cursor)


def _channel(name: str, platform: str) -> str:
    """ "Vadstena kommun (Facebook)"; the platform once when the name already says it."""
    return name if platform.casefold() in name.casefold() else f"{name} ({platform})"
