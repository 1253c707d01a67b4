"""The queue as a Qt table model that stays fast at a million items.

The model holds the ids of the rows loaded so far; the rows themselves sit in a bounded cache
and are read again on demand. Pages come from `QueueService.page` (keyset paging in SQL: the
order and every filter are the database's job, never a proxy's), one page when the filter
changes and another each time the view scrolls near the end (`canFetchMore` / `fetchMore`).
All reads run through the window's TaskManager, so the GUI thread never waits for the database.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from app.services.queue.shapes import ItemSummary, QueueFilter
from app.ui.core_text import error_text
from app.ui.formatting import utcnow
from app.ui.queue.rows import Column, RowLook
from app.ui.tasks import TaskManager

if TYPE_CHECKING:
    from app.services.queue.listing import QueueService

PAGE_SIZE = 100
CACHE_SIZE = 3000
ItemRole = Qt.ItemDataRole.UserRole + 1  # the ItemSummary (or None while it loads)
IdRole = Qt.ItemDataRole.UserRole + 2  # the item's id
SortRole = Qt.ItemDataRole.UserRole + 3  # a raw value to order by

AnyIndex = QModelIndex | QPersistentModelIndex


class QueueModel(QAbstractTableModel):
    # Rows loaded so far, after each page (the first one included).
    page_loaded = Signal(int)
    # True while a page is on its way.
    loading_changed = Signal(bool)

    def __init__(
        self,
        service: QueueService | None,
        tasks: TaskManager,
        parent: Any = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._clock = clock
        self._page_size = page_size
        self._filter = QueueFilter()
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: OrderedDict[int, ItemSummary] = OrderedDict()
        self._last_cursor: tuple[datetime, int] | None = None
        # The tail window (Ctrl+End): the queue's last rows, read from the end, with earlier
        # pages put in front as the view scrolls up; `_first_cursor` is the first row's key.
        self._tail = False
        self._first_cursor: tuple[datetime, int] | None = None
        self._head_exhausted = True
        self._generation = 0
        self._quick = False  # the first page read at start without the database layer
        self._loading = False
        self._exhausted = True
        self._wanted: set[int] = set()
        self._asked: set[int] = set()
        self.look = RowLook(clock, self)
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)

    # -- what the window asks ---------------------------------------------------------------

    @property
    def queue_filter(self) -> QueueFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    @property
    def tail(self) -> bool:
        """Showing the queue's end (Ctrl+End), not its start."""
        return self._tail

    def show_end(self) -> None:
        """The queue's last page, read from the end: nothing in between is fetched."""
        self._reset(tail=True)
        self._request_page(from_end=True)

    def fetch_earlier(self) -> bool:
        """In the tail window: put the page before the first row in front (False: none)."""
        if not self._tail or self._head_exhausted or self._loading or self._service is None:
            return False
        self._request_page(from_end=True)
        return True

    def set_service(self, service: QueueService) -> None:
        self._service = service

    @property
    def quick(self) -> bool:
        """Showing the first page read at start before the database layer loaded
        (app/ui/quick_start.py); `take_over` reads it again through the service."""
        return self._quick

    def show_quick(self, f: QueueFilter, rows: list[ItemSummary]) -> None:
        """The first page under `f`, read without the service: nothing more is fetched until
        `take_over`."""
        self._filter = f
        self._reset(tail=False)
        self._quick = True
        self._page_arrived(self._generation, rows)

    def take_over(self, before_reset: Callable[[], None], then: Callable[[], None]) -> None:
        """The quick first page read again through the service. The same items: kept in place
        (the selection, the scroll and the rows stay; only their data is refreshed); else shown
        anew, `before_reset` first (the view remembers its item)."""
        self._quick = False
        self._set_loading(True)
        generation, f, size = self._generation, self._filter, max(self._page_size, len(self._ids))

        def arrived(rows: list[ItemSummary]) -> None:
            if generation != self._generation:
                return
            if [r.id for r in rows] != self._ids:
                before_reset()
                self._reset(tail=False)
                self._page_arrived(self._generation, rows)
            else:
                for r in rows:
                    self._remember(r)
                if rows:
                    self._last_cursor = rows[-1].cursor
                    self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(Column) - 1))
                self._exhausted = len(rows) < size
                self._set_loading(False)
                self.page_loaded.emit(len(self._ids))
            then()
            if self._wanted:
                self._fetch_timer.start()

        self._tasks.run(
            lambda: self._service.page(f, limit=size),
            on_done=arrived,
            on_error=lambda exc: self._page_failed(generation, exc),
            key=f"queue-page-{id(self)}",
        )

    def set_filter(self, f: QueueFilter) -> None:
        """Show the items matching `f`, from the first page."""
        self._filter = f
        self._reset(tail=False)
        self._request_page()

    def _reset(self, *, tail: bool) -> None:
        self.beginResetModel()
        self._generation += 1
        self._quick = False
        self._ids = []
        self._row_of = {}
        self._last_cursor = self._first_cursor = None
        self._tail = tail
        # From the end, there is nothing after the last row; from the start, nothing before.
        self._exhausted = tail or self._service is None  # (no service: nothing to read yet)
        self._head_exhausted = not tail
        self._wanted.clear()
        self._asked.clear()
        self._set_loading(False)
        self.endResetModel()

    def reload(self) -> None:
        self._cache.clear()
        if self._tail:
            self.show_end()
        else:
            self.set_filter(self._filter)

    def item_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, item_id: int) -> int | None:
        return self._row_of.get(item_id)

    def summary(self, row: int) -> ItemSummary | None:
        item_id = self.item_id(row)
        return None if item_id is None else self._cache.get(item_id)

    def remove_items(self, ids: Iterable[int]) -> None:
        """Take rows out (an item decided away from this queue), without a reload."""
        rows = sorted({self._row_of[i] for i in ids if i in self._row_of}, reverse=True)
        # Contiguous runs, last first, so earlier row numbers stay valid.
        while rows:
            last = first = rows.pop(0)
            while rows and rows[0] == first - 1:
                first = rows.pop(0)
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self.endRemoveRows()
        self._row_of = {item_id: row for row, item_id in enumerate(self._ids)}

    def refresh_items(self, ids: Iterable[int]) -> None:
        """Read these rows again (their status changed but they stay in the queue)."""
        for item_id in ids:
            # The row keeps what it showed until the fresh row arrives: the selected item (and
            # the detail pane) stay on it, also after a failed action.
            self._asked.discard(item_id)
            row = self._row_of.get(item_id)
            if row is not None:
                self._want(item_id)

    def tick(self) -> None:
        """Relative times move on: repaint the time columns."""
        self.look.now = self._clock()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, Column.RECEIVED),
                self.index(len(self._ids) - 1, Column.WAITING),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole],
            )

    # -- paging -----------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid() and not self._exhausted and not self._loading and self._service is not None
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request_page()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _request_page(self, *, from_end: bool = False) -> None:
        if self._service is None:
            return
        self._set_loading(True)
        generation, f, size = self._generation, self._filter, self._page_size
        after = self._first_cursor if from_end else self._last_cursor
        self._tasks.run(
            lambda: self._service.page(f, after=after, limit=size, from_end=from_end),
            on_done=lambda rows: (
                self._earlier_arrived(generation, rows) if from_end else self._page_arrived(generation, rows)
            ),
            on_error=lambda exc: self._page_failed(generation, exc),
            key=f"queue-page-{id(self)}",
        )

    def _page_arrived(self, generation: int, rows: list[ItemSummary]) -> None:
        if generation != self._generation:
            return
        self.look.now = self._clock()
        new = [r for r in rows if r.id not in self._row_of]
        if new:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for r in new:
                self._row_of[r.id] = len(self._ids)
                self._ids.append(r.id)
                self._remember(r)
            self.endInsertRows()
        if rows:
            self._last_cursor = rows[-1].cursor
        self._exhausted = len(rows) < self._page_size
        self._set_loading(False)
        self.page_loaded.emit(len(self._ids))

    def _earlier_arrived(self, generation: int, rows: list[ItemSummary]) -> None:
        """A page read from the end: in front of the rows there are (none at first)."""
        if generation != self._generation:
            return
        self.look.now = self._clock()
        new = [r for r in rows if r.id not in self._row_of]
        if new:
            self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
            self._ids[:0] = [r.id for r in new]
            self._row_of = {item_id: row for row, item_id in enumerate(self._ids)}
            for r in new:
                self._remember(r)
            self.endInsertRows()
        if rows:
            self._first_cursor = rows[0].cursor
            if self._last_cursor is None:
                self._last_cursor = rows[-1].cursor
        self._head_exhausted = len(rows) < self._page_size
        self._set_loading(False)
        self.page_loaded.emit(len(self._ids))

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._exhausted = self._head_exhausted = True  # stop asking; the window offers a reload
            self._set_loading(False)
        self._tasks.failed.emit(error_text(exc), "")  # the core's message in the window's language

    # -- the row cache ----------------------------------------------------------------------

    def _remember(self, summary: ItemSummary) -> None:
        self._cache[summary.id] = summary
        self._cache.move_to_end(summary.id)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _lookup(self, item_id: int) -> ItemSummary | None:
        found = self._cache.get(item_id)
        if found is None:
            self._want(item_id)
        return found

    def _want(self, item_id: int) -> None:
        if item_id not in self._asked:
            self._wanted.add(item_id)
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        if self._service is None:
            return  # (the quick first page at start: read once the service is there)
        ids = sorted(self._wanted)
        self._wanted.clear()
        if not ids:
            return
        self._asked.update(ids)
        generation = self._generation
        self._tasks.run(
            lambda: self._service.summaries(ids),
            on_done=lambda found: self._rows_arrived(generation, ids, found),
        )

    def _rows_arrived(self, generation: int, ids: list[int], found: dict[int, ItemSummary]) -> None:
        if generation != self._generation:
            return
        for item_id in ids:
            self._asked.discard(item_id)
            summary = found.get(item_id)
            if summary is None:
                continue  # gone from the database (weeded): the row keeps its placeholder
            self._remember(summary)
            row = self._row_of.get(item_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # -- the table --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        return self.look.header(section, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        item_id = self._ids[index.row()]
        if role == IdRole:
            return item_id
        item = self._lookup(item_id)
        if role == ItemRole:
            return item
        if item is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == SortRole:
            column = index.column()
            return (
                item.created_at.timestamp() if column <= Column.WAITING else self.look.display(item, column)
            )
        return self.look.data(item, index.column(), role)


__all__ = ["CACHE_SIZE", "PAGE_SIZE", "Column", "IdRole", "ItemRole", "QueueModel", "SortRole"]
