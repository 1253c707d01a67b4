"""A stand-in for the main window's background-task helper (issue #3's `app/ui/tasks.py`),
with the same `run(fn, on_done=, on_error=, write=)` call, so the accounts dialog also works on
its own. One worker thread: service calls never race each other for the database."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from app.models.db import DatabaseError
from app.services.errors import EnvironmentFault, InputError

log = logging.getLogger(__name__)


def plain_label(parent: QWidget, text: str = "") -> QLabel:
    """Labels here may carry what users typed: always plain text, never rich text."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Relay(QObject):
    # One argument that is never None: PySide 6.12 loses a reference to None when it crosses
    # threads as a signal argument, and Python then aborts ("deallocating None").
    finished = Signal(object)  # (job number, result, error)


class _Job(QRunnable):
    def __init__(self, number: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.number = number
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
            error = exc
        self.relay.finished.emit((self.number, result, error))


class Tasks(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, tuple[Any, Any]] = {}  # job number -> (on_done, on_error)
        self._numbers = itertools.count(1)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, write: bool = False,
            **_ignored: Any) -> None:  # fmt: skip
        number = next(self._numbers)
        self._pending[number] = (on_done, on_error)
        self._pool.start(_Job(number, fn, self._relay))

    def is_idle(self) -> bool:
        return not self._pending

    @Slot(object)
    def _finished(self, outcome: tuple[int, Any, BaseException | None]) -> None:
        number, result, error = outcome
        on_done, on_error = self._pending.pop(number, (None, None))
        if error is None:
            if on_done:
                on_done(result)
            return
        if not isinstance(error, (InputError, EnvironmentFault, DatabaseError)):
            log.error("bakgrundsuppgift misslyckades", exc_info=error)
        if on_error:
            on_error(error)

    def shutdown(self, wait_ms: int = 30_000) -> bool:
        return self._pool.waitForDone(wait_ms)
