"""Running work off the GUI thread: the one helper every window and dialog uses.

    self.tasks.run(lambda: service.page(f), on_done=self.show_page)
    self.tasks.run(lambda: moderation.remove(item_id, code), on_done=..., write=True,
                   label=self.tr("Tar bort…"))

The callable runs on a worker thread; `on_done(result)` or `on_error(exc)` runs later on the GUI
thread. Reads share a small pool; writes go through a pool with a single worker, so two writes
never race each other for the database and always happen in the order they were asked for.
The writer does database transactions only: work that waits on the network (a sync, the
platform steps after a decision, SMTP, the keyring) runs on a pool of its own (`network=True`)
and hands each of its transactions to the writer with `in_writer`, so a decision waits at most
for one short transaction, never for a platform.
A labelled task that is still running after half a second shows in the status bar with a cancel
button. Callables that want to report progress or notice a cancel take a `TaskContext`
(`with_context=True`); a dialog with a progress bar of its own gets the reports through
`on_progress(done, total)`, and `on_cancelled()` once cancelled work has really stopped (an
export that must not leave half a file says so only then). A newer task with the same `key`
supersedes an older one: the older one's result is dropped (a search typed further, a detail
pane moved to another item).

A window or dialog that shows a failure in a label of its own uses `user_message(exc)`; one
that has no label for it shows `failure_box` (both in app/ui/failures.py).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, cast, overload

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QStatusBar, QWidget

from app.services.writer_turns import WaitingWrites
from app.ui.failures import describe_error, failure_box
from app.ui.progress_indicator import ProgressIndicator

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_DELAY_MS = 500
_REPORT_INTERVAL_S = 0.05


class TaskCancelled(Exception):
    """Raised inside a callable (by `TaskContext.check`) when the user cancelled it."""


class TaskContext:
    """What a callable running in the background may use: progress and cancel."""

    def __init__(self, task: Task[Any], relay: _Relay) -> None:
        self._task = task
        self._relay = relay
        self._last_report = 0.0

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled

    def check(self) -> None:
        if self._task.cancelled:
            raise TaskCancelled

    def report(self, done: int, total: int | None = None) -> None:
        """Progress so far; cheap to call often (reports are thinned out)."""
        now = time.monotonic()
        if now - self._last_report >= _REPORT_INTERVAL_S or (total is not None and done >= total):
            self._last_report = now
            self._relay.progress.emit(self._task.number, done, -1 if total is None else total)


@dataclass(eq=False)
class Task(Generic[T]):
    """A handle on one submitted callable, whose result is a T."""

    number: int
    label: str | None
    key: str | None
    write: bool
    fn: Callable[[], T] | Callable[[TaskContext], T]
    on_done: Callable[[T], None] | None
    on_error: Callable[[BaseException], None] | None
    with_context: bool
    on_progress: Callable[[int, int | None], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)
    finished: bool = False
    overdue: bool = False  # labelled, and still running after PROGRESS_DELAY_MS
    done_count: int = 0
    total: int | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """The result will not be delivered; a callable with a context may stop early."""
        self._cancel.set()


class _Relay(QObject):
    """Lives on the GUI thread; workers emit, Qt queues the call to the GUI thread."""

    finished = Signal(int, object, object)  # task number, result, exception
    progress = Signal(int, int, int)  # task number, done, total (-1: unknown)


_on_writer = threading.local()  # `active` is True on the writer's thread while it runs a job


class _Job(QRunnable):
    def __init__(self, task: Task[Any], relay: _Relay, writes: WaitingWrites | None = None) -> None:
        super().__init__()
        self._task = task
        self._relay = relay
        self.writes = writes  # a write: counted from its hand-over until its result is here

    def run(self) -> None:
        if self.writes is not None:
            self.writes.started()
        task = self._task
        result: Any = None
        error: BaseException | None = None
        _on_writer.active = task.write
        if not task.cancelled:
            try:
                if task.with_context:
                    result = cast(Callable[[TaskContext], Any], task.fn)(TaskContext(task, self._relay))
                else:
                    result = cast(Callable[[], Any], task.fn)()
            except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
                error = exc
        _on_writer.active = False
        try:
            self._relay.finished.emit(task.number, result, error)
        except RuntimeError:
            pass  # the window that asked is gone; nobody is waiting for this result


class _Transaction(QRunnable):
    """One transaction handed to the writer by a worker, which waits for it (`in_writer`)."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        _on_writer.active = True
        try:
            self.result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - raised again on the waiting worker
            self.error = exc
        finally:
            _on_writer.active = False
            self.done.set()


class TaskManager(QObject):
    """Owns the worker pools. One per main window; dialogs borrow the window's."""

    # A task without its own on_error failed: (message for the user, details or "").
    failed = Signal(str, str)
    # Labelled work has been running for more than half a second (True) or has ended (False).
    busy_changed = Signal(bool)
    # A task failed because the team database is away or did not answer in time (before its
    # own on_error runs): the window goes on on the local copy (app/ui/offline_mode.py).
    database_away = Signal(object)

    def __init__(
        self, parent: QObject | None = None, *, read_threads: int = 3, network_threads: int = 4
    ) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(read_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        # Several: a sync waiting on a slow platform must not hold up a decision's platform step.
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(network_threads)
        self._relay = _Relay(self)
        # A sync gives way to these while they wait and run (app/services/writer_turns.py).
        self.writes_waiting = WaitingWrites()
        self._relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._relay.progress.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._numbers = itertools.count(1)
        self._running: dict[int, Task[Any]] = {}
        self._jobs: dict[int, _Job] = {}  # kept alive until their result is back
        self._by_key: dict[str, Task[Any]] = {}
        self._indicator: ProgressIndicator | None = None
        self._busy = False
        self._closed = False
        self.on_local_copy = False  # set by app/ui/offline_mode.py when the window went offline

    # -- submitting -------------------------------------------------------------------------
    # Typed like Anki's CollectionOp[T]: `on_done` takes what `fn` returns, checked by mypy.

    @overload
    def run(
        self,
        fn: Callable[[], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        key: str | None = None,
        write: bool = False,
        network: bool = False,
        with_context: Literal[False] = False,
        on_progress: Callable[[int, int | None], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task[T]: ...

    @overload
    def run(
        self,
        fn: Callable[[TaskContext], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        key: str | None = None,
        write: bool = False,
        network: bool = False,
        with_context: Literal[True],
        on_progress: Callable[[int, int | None], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task[T]: ...

    def run(
        self,
        fn: Callable[[], T] | Callable[[TaskContext], T],
        *,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        label: str | None = None,
        key: str | None = None,
        write: bool = False,
        network: bool = False,
        with_context: bool = False,
        on_progress: Callable[[int, int | None], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task[T]:
        """`write`: one database transaction (or a few), on the single writer. `network`: work
        that waits on a platform, a mail server or the keyring; its writes go through
        `in_writer`. Neither: a read."""
        if write and network:
            raise ValueError("a task is either a write or network work; network work writes via in_writer")
        task = Task(
            next(self._numbers),
            label,
            key,
            write,
            fn,
            on_done,
            on_error,
            with_context,
            on_progress,
            on_cancelled,
        )
        if self._closed:
            task.cancel()
            return task
        if key is not None:
            older = self._by_key.get(key)
            if older is not None:
                older.cancel()
            self._by_key[key] = task
        self._running[task.number] = task
        job = _Job(task, self._relay, self.writes_waiting if write else None)
        if write:
            self.writes_waiting.arrived()
        self._jobs[task.number] = job
        (self._writes if write else self._network if network else self._reads).start(job)
        if label is not None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire a little early
            timer.timeout.connect(lambda: self._overdue_now(task, timer))
            timer.start(PROGRESS_DELAY_MS)
        return task

    def in_writer(self, transaction: Callable[[], Any]) -> Any:
        """Run `transaction` on the writer, in turn with the other writes, and return its result
        (or raise its error) here. Called from a network worker; on the writer itself it simply
        runs. This is the window's `app.services.context.Writes`."""
        if getattr(_on_writer, "active", False):
            return transaction()
        job = _Transaction(transaction)
        job.setAutoDelete(False)  # read back after it ran
        self._writes.start(job)
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.result

    @property
    def running(self) -> list[Task[Any]]:
        return list(self._running.values())

    def is_idle(self) -> bool:
        return not self._running

    def cancel_all(self) -> None:
        for task in self._running.values():
            task.cancel()

    def shutdown(self, wait_ms: int = 30_000) -> bool:
        """Cancel what can be cancelled and wait for the workers; writes always finish. Network
        work is cancelled first (a sync stops after its next page) and waited for, since its
        transactions still go through the writer."""
        self._closed = True
        for task in self._running.values():
            if not task.write:
                task.cancel()
        done = self._network.waitForDone(wait_ms)
        done = self._writes.waitForDone(wait_ms) and self._reads.waitForDone(wait_ms) and done
        self._running.clear()
        self._by_key.clear()
        if self._indicator is not None:
            self._indicator.hide()
        return done

    # -- progress display -------------------------------------------------------------------

    def attach(self, status_bar: QStatusBar) -> ProgressIndicator:
        self._indicator = ProgressIndicator(status_bar)
        self._indicator.cancel_requested.connect(self._cancel_shown)
        status_bar.addPermanentWidget(self._indicator)
        self._indicator.hide()
        return self._indicator

    def _overdue(self) -> list[Task[Any]]:
        """Labelled tasks that have run longer than the delay (and are not cancelled)."""
        return [t for t in self._running.values() if t.overdue and not t.cancelled]

    def _overdue_now(self, task: Task[Any], timer: QTimer) -> None:
        timer.deleteLater()
        if not task.finished:
            task.overdue = True
            self._refresh_indicator()

    def _refresh_indicator(self) -> None:
        shown = self._overdue()
        busy = bool(shown)
        if self._indicator is not None:
            if shown:
                self._indicator.show_task(shown[0], len(shown))
            else:
                self._indicator.hide()
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _cancel_shown(self) -> None:
        for task in self._overdue():
            task.cancel()
        self._refresh_indicator()

    @Slot(int, int, int)
    def _progress(self, number: int, done: int, total: int) -> None:
        task = self._running.get(number)
        if task is None:
            return
        task.done_count, task.total = done, (None if total < 0 else total)
        if task.on_progress is not None and not task.cancelled:
            task.on_progress(task.done_count, task.total)
        if self._busy:
            self._refresh_indicator()

    # -- delivering -------------------------------------------------------------------------

    @Slot(int, object, object)
    def _finished(self, number: int, result: Any, error: BaseException | None) -> None:
        job = self._jobs.pop(number, None)
        if job is not None and job.writes is not None:  # the sync's pause ends with the GUI thread's turn
            self.writes_waiting.finished()
        task = self._running.pop(number, None)
        if task is None:
            return
        task.finished = True
        if task.key is not None and self._by_key.get(task.key) is task:
            del self._by_key[task.key]
        if task.label is not None:
            self._refresh_indicator()
        if task.cancelled or isinstance(error, TaskCancelled):
            if task.on_cancelled is not None:
                task.on_cancelled()
            return
        if error is None:
            if task.on_done is not None:
                task.on_done(result)
            return
        from app.models.pg_timeouts import DatabaseUnreachable, go_offline

        if go_offline(error):
            self.database_away.emit(error)  # the window may switch to the local copy here
            said = DatabaseUnreachable.during_work(error, offline=self.on_local_copy)
            if said is not error:
                said.__cause__, error = error, said
        if task.on_error is not None:
            task.on_error(error)
            return
        message, details = describe_error(error)
        if details is not None:
            log.error("background task failed:\n%s", details)
        self.failed.emit(message, details or "")


def tasks_for(widget: QWidget, tasks: TaskManager | None) -> TaskManager:
    """The TaskManager a view or dialog runs its work on: the main window's when it was opened
    from there, else one of its own (a view opened by itself). Its own one shows failures that
    have no `on_error` in a box over the widget, as the main window does; none is lost."""
    if tasks is not None:
        return tasks
    own = TaskManager(widget)
    own.failed.connect(lambda message, details: failure_box(widget, message, details))
    return own
