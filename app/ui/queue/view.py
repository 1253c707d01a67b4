"""The queue: filter bar, the work queues as tabs with counts, and the lazy table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTabBar, QTableView, QVBoxLayout, QWidget

from app.services.queue.shapes import QUEUES, SEARCH_COUNT_CAP, ItemSummary, Queue, QueueFilter
from app.ui.formatting import utcnow
from app.ui.icons import icon
from app.ui.labels import queue_label
from app.ui.queue.count_text import count_text, is_capped
from app.ui.queue.filter_bar import FilterBar
from app.ui.queue.model import Column, ItemRole, QueueModel
from app.ui.tasks import TaskManager

if TYPE_CHECKING:
    from app.services.queue.listing import QueueService

_QUEUE_ICONS = {
    "new": "status-new",
    "flagged": "flag",
    "questions": "flag-question",
    "pending": "status-pending",
    "decided": "status-decided",
}
_COLUMN_WIDTHS = {
    Column.RECEIVED: 104,
    Column.WAITING: 66,
    Column.CHANNEL: 128,
    Column.AUTHOR: 124,
    Column.TEXT: 300,
    Column.FLAGS: 150,
    Column.STATUS: 96,
}
COUNTS_DELAY_MS = 150


class QueueView(QWidget):
    # The current item changed: (the item or None, how many rows are selected).
    current_changed = Signal(object, int)
    # New counts per queue arrived.
    counts_changed = Signal(dict)

    def __init__(
        self,
        service: QueueService | None,
        tasks: TaskManager,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self.counts: dict[str, int] = {}
        self.counts_cap: int | None = None  # counts above it mean "more than" (a search)
        self._newest_first: dict[str, bool] = {q.name: q.newest_first for q in QUEUES}
        self._pending_move: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        # The window places the filter bar (full width, above the queue and the detail pane).
        self.filter_bar = FilterBar(self, clock=clock)
        self.filter_bar.changed.connect(self._filters_changed)

        self.tabs = QTabBar(self)
        self.tabs.setAccessibleName(self.tr("Köer"))
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(True)
        for q in QUEUES:
            self.tabs.addTab(icon(_QUEUE_ICONS[q.name]), queue_label(q.name))
        self.tabs.currentChanged.connect(lambda _i: self._filters_changed())
        layout.addWidget(self.tabs)

        self.model = QueueModel(service, tasks, self, clock=clock)
        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setAccessibleName(self.tr("Posterna i kön"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        # Tab leaves the table for the detail pane (arrows and J/K move between items).
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 1.9))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        layout.addWidget(self.table, 1)

        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._emit_current())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._emit_current())
        self.model.page_loaded.connect(self._page_loaded)
        self.model.modelReset.connect(lambda: self._emit_current())
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_DELAY_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self._first_page = True
        self._keep: tuple[int, int] | None = None  # (item id, row) to choose again after a reload
        self._to_end = False  # Ctrl+End: choose the last row once the queue's end arrives
        self._pending_up = False  # K on the end's first row: the row before, once read
        self.table.installEventFilter(self)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.model.rowsInserted.connect(self._rows_inserted)

    # -- the filter -------------------------------------------------------------------------

    def current_queue(self) -> Queue:
        return QUEUES[max(self.tabs.currentIndex(), 0)]

    def queue_filter(self) -> QueueFilter:
        queue = self.current_queue()
        return replace(
            queue.narrow(self.filter_bar.queue_filter()), newest_first=self._newest_first[queue.name]
        )

    def set_service(self, service: QueueService) -> None:
        self._service = service
        self.model.set_service(service)

    def load(self) -> None:
        """(Re)load the queue under the current tab and filters, from the first page. The first
        page shown at start before the database layer loaded is read again in place."""
        if self.model.quick and self.model.queue_filter == self.queue_filter():
            self.model.take_over(self._keep_current, self._emit_current)
            return
        self._first_page = True
        self._keep = None
        self.model.set_filter(self.queue_filter())
        self._show_sort_indicator()

    def _keep_current(self) -> None:
        item = self.current_item()
        self._keep = (item.id, self.table.currentIndex().row()) if item is not None else None

    def reload(self) -> None:
        """Read the same queue again (a sync or another view changed data), keeping the chosen
        item when it is still among the first rows, else the same place in the list."""
        self._keep_current()
        self.model.reload()

    def _filters_changed(self) -> None:
        self.load()
        self._counts_timer.start()

    def refresh_counts(self) -> None:
        if self._service is None:
            return
        base = self.filter_bar.queue_filter()
        # Under a search the counts stop above a cap ("1 000+"): a few ms at a million items.
        cap = SEARCH_COUNT_CAP if base.search.strip() else None
        self._tasks.run(
            lambda: self._service.queue_counts(base, cap=cap),
            on_done=lambda counts: self._counts_arrived(counts, cap),
            key=f"queue-counts-{id(self)}",
        )

    def _counts_arrived(self, counts: dict[str, int], cap: int | None = None) -> None:
        self.counts = counts
        self.counts_cap = cap
        for index, q in enumerate(QUEUES):
            n = counts.get(q.name, 0)
            self.tabs.setTabText(index, f"{queue_label(q.name)}  {count_text(n, cap)}")
            if is_capped(n, cap):
                tip = self.tr("Fler än %1 poster i kön med nuvarande sökning")
                tip = tip.replace("%1", count_text(cap or 0))
            else:
                tip = self.tr("%d poster i kön med nuvarande filter") % n
            self.tabs.setTabToolTip(index, tip)
        self.counts_changed.emit(counts)

    show_counts = _counts_arrived  # (the counts read at start without the database layer)

    def _header_clicked(self, section: int) -> None:
        if section not in (Column.RECEIVED, Column.WAITING):
            self._show_sort_indicator()
            return
        name = self.current_queue().name
        self._newest_first[name] = not self._newest_first[name]
        self.load()

    def _show_sort_indicator(self) -> None:
        newest = self._newest_first[self.current_queue().name]
        order = Qt.SortOrder.DescendingOrder if newest else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        # The question queue is in the order its promises run out: time left, the Väntat column.
        column = Column.WAITING if self.current_queue().by_deadline else Column.RECEIVED
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    # -- selection and movement -------------------------------------------------------------

    def go_to_end(self) -> None:
        """Ctrl+End: the queue's last item, read from the end (the rows between stay unread)."""
        if self.model.tail or (self.model.exhausted and not self.model.loading):
            self.select_row(self.model.rowCount() - 1)  # the end is already here
            return
        self._first_page, self._keep, self._to_end = False, None, True
        self.model.show_end()

    def go_to_start(self) -> None:
        """Ctrl+Home: the queue's first item (back from the end's window to the first page)."""
        if self.model.tail:
            self.load()
        else:
            self.select_row(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                if event.key() == Qt.Key.Key_End:
                    self.go_to_end()
                    return True
                if event.key() == Qt.Key.Key_Home:
                    self.go_to_start()
                    return True
        return super().eventFilter(watched, event)

    def _scrolled(self, value: int) -> None:
        if self.model.tail and value == self.table.verticalScrollBar().minimum():
            self.model.fetch_earlier()  # scrolled up to the first row of the end's window

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if self.model.tail and first == 0 and last + 1 < self.model.rowCount():
            # Earlier rows put in front: stay on the rows that were shown.
            self.table.scrollTo(self.model.index(last + 1, 0), QAbstractItemView.ScrollHint.PositionAtTop)
            if self._pending_up:
                self._pending_up = False
                self.select_row(last)

    def _page_loaded(self, rows: int) -> None:
        self._pending_up = False  # (rows put in front were chosen from as they came)
        if self._to_end:
            self._to_end = False
            self.select_row(rows - 1)
        if self._first_page:
            self._first_page = False
            if rows and not self.table.selectionModel().hasSelection():
                self.select_row(0)
        if self._keep is not None:
            (item_id, row), self._keep = self._keep, None
            found = self.model.row_of(item_id)
            self.select_row(found if found is not None else min(row, rows - 1))
        if self._pending_move is not None and self._pending_move < rows:
            row, self._pending_move = self._pending_move, None
            self.select_row(row)
        if self.current_item() is None:
            self._emit_current()  # the reset said "empty queue"; now there are rows to choose from

    def selected_items(self) -> list[ItemSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        items = [self.model.index(r, 0).data(ItemRole) for r in rows]
        return [i for i in items if i is not None]

    def current_item(self) -> ItemSummary | None:
        index = self.table.currentIndex()
        return self.model.summary(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def move(self, step: int) -> None:
        """J/K: the next or previous item, loading the next page at the end of the list."""
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + step
        if row < 0 and self.model.tail and (self.model.loading or self.model.fetch_earlier()):
            self._pending_up = True  # above the end's window: its earlier rows come first
            return
        if row >= self.model.rowCount():
            if self.model.canFetchMore(QModelIndex()):
                self._pending_move = row
                self.model.fetchMore(QModelIndex())
            return
        self.select_row(max(row, 0))

    def _emit_current(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.current_changed.emit(self.current_item(), count)

    # -- after a decision -------------------------------------------------------------------

    def apply_decisions(self, outcomes: list[Any], refused_ids: list[int], *, move_on: bool = True) -> None:
        """Decided items leave this queue (or are re-read), and the next item is selected.
        `move_on=False` (the platform's part of decisions, done later): the administrator stays
        on the item they are on, unless it left the queue."""
        current = self.table.currentIndex()
        row = current.row() if current.isValid() else 0
        current_id = self.model.item_id(row) if current.isValid() else None
        statuses = set(self.model.queue_filter.statuses)
        leaving = [o.item_id for o in outcomes if o.status not in statuses]
        staying = [o.item_id for o in outcomes if o.status in statuses] + list(refused_ids)
        self.model.remove_items(leaving)
        self.model.refresh_items(staying)
        if not move_on and current_id not in leaving:
            self._counts_timer.start()
            return
        if current_id in staying and current_id not in refused_ids:
            row += 1  # decided but still waiting here (a forwarded question): on to the next one
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
            if row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
                self.model.fetchMore(QModelIndex())
        self._emit_current()
        self._counts_timer.start()

    # -- remembered between sessions --------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {
            "filters": self.filter_bar.state(),
            "queue": self.current_queue().name,
            "newest_first": [name for name, on in self._newest_first.items() if on],
        }

    def restore(self, state: dict[str, Any], header_state: Any) -> None:
        self.tabs.blockSignals(True)
        names = [q.name for q in QUEUES]
        if state.get("queue") in names:
            self.tabs.setCurrentIndex(names.index(state["queue"]))
        self.tabs.blockSignals(False)
        newest = state.get("newest_first")
        if isinstance(newest, str):  # an INI file keeps a one-element list as a string
            newest = [newest]
        if isinstance(newest, list):
            self._newest_first = {q.name: q.name in newest for q in QUEUES}
        if isinstance(state.get("filters"), dict):
            self.filter_bar.restore(state["filters"])
        if header_state:
            self.table.horizontalHeader().restoreState(header_state)

    def when_first_page_painted(self, callback: Callable[[], None]) -> None:
        self.table.viewport().installEventFilter(_PaintWatcher(self, callback, rows=True))

    def when_painted(self, callback: Callable[[], None]) -> None:
        self.table.viewport().installEventFilter(_PaintWatcher(self, callback, rows=False))


class _PaintWatcher(QObject):
    """Calls back once the table has painted real rows (not placeholders)."""

    def __init__(self, view: QueueView, callback: Callable[[], None], *, rows: bool) -> None:
        super().__init__(view)
        self._view = view
        self._rows = rows
        self._callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        model = self._view.model
        painted = event.type() == QEvent.Type.Paint and self._callback is not None
        if painted and (not self._rows or model.summary(0) is not None):
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)
            self.deleteLater()
        return False
