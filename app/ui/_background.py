"""Running blocking work (database, openpyxl, ZIP) off the GUI thread, for the export dialog and
the archive view.

Interim: issue #3 builds the application's one background helper (app/ui/tasks.py). Until it
is on main, these widgets use this small one with the same shape, what to run and what to do
with the result; the widgets take any object with this `run` method.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int], None]


class _Signals(QObject):
    # Lives in the GUI thread; emitted from workers, delivered in the GUI thread. One per
    # runner: answers carry their job, so no object is created or deleted per job.
    done = Signal(object, object)
    failed = Signal(object, object)
    progress = Signal(object, int, int)


class Job:
    """A started piece of work; `cancel()` asks it to stop at its next check."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Job, Progress], Any], job: Job, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._job, self._signals = fn, job, signals

    def run(self) -> None:
        job, signals = self._job, self._signals
        try:
            result = self._fn(job, lambda done, total: signals.progress.emit(job, done, total))
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
            signals.failed.emit(job, exc)
        else:
            signals.done.emit(job, result)


class BackgroundRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        # A child of the runner: when the widget owning the runner goes, answers still queued
        # for it are dropped instead of reaching a deleted widget.
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._signals.progress.connect(self._progress)
        self._callbacks: dict[Job, tuple[Done, Failed, Progress | None]] = {}

    def run(self, fn: Callable[[Job, Progress], Any], on_done: Done, on_error: Failed,
            on_progress: Progress | None = None) -> Job:  # fmt: skip
        """Run `fn(job, progress)` in a worker thread; the callbacks run in the GUI thread."""
        job = Job()
        self._callbacks[job] = (on_done, on_error, on_progress)
        self._pool.start(_Task(fn, job, self._signals))
        return job

    def _done(self, job: Job, value: Any) -> None:
        callbacks = self._callbacks.pop(job, None)
        if callbacks is not None:
            callbacks[0](value)

    def _failed(self, job: Job, exc: BaseException) -> None:
        callbacks = self._callbacks.pop(job, None)
        if callbacks is not None:
            callbacks[1](exc)

    def _progress(self, job: Job, done: int, total: int) -> None:
        callbacks = self._callbacks.get(job)
        if callbacks is not None and callbacks[2] is not None:
            callbacks[2](done, total)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every started job (their answers are still delivered afterwards)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30_000) -> bool:
        """When the owning widget closes: ask every job to stop, and wait for them."""
        for job in list(self._callbacks):
            job.cancel()
        return self._pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)
