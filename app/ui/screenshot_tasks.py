"""Running the screenshot views' blocking work (mss, the database, SMTP, the keyring) off the GUI
thread, one job at a time, with the result delivered back on the GUI thread.

Kept small on purpose: when the main window's shared helper (app/ui/tasks.py, issue #3) is on
main, these views can move to it without changing their own code: `run(fn, on_done)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.models.db import DatabaseError
from app.services.errors import EnvironmentFault, InputError


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, shown there
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


def user_message(exc: BaseException) -> str:
    """What the user is told: the message of a known failure, or that Granska itself failed."""
    if isinstance(exc, InputError | EnvironmentFault | DatabaseError):
        return str(exc)
    return QCoreApplication.translate(
        "ScreenshotTasks", "Ett fel i Granska (%1: %2). Inget har sparats halvvägs."
    ).replace("%1", type(exc).__name__).replace("%2", str(exc))


class ScreenshotTasks(QObject):
    """`run(fn, on_done, on_error=None)`; errors default to a message box over `parent`."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._widget = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # database writes in order, never two at once
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:  # fmt: skip
        relay = _Relay(self)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            if not self._relays:
                self.busy_changed.emit(False)

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            finish()
            (on_error or self.show_error)(exc)

        relay.done.connect(done)
        relay.failed.connect(failed)
        self._pool.start(_Job(fn, relay))

    def show_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self._widget, self._widget.window().windowTitle() or "Granska", user_message(exc))

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
