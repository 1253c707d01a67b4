"""Opening the queue window in tests and waiting for it the way a user would."""

from __future__ import annotations

from typing import Any

from app.ui.main_window import MainWindow
from app.ui.tasks import TaskManager


def open_window(qtbot: Any, db: Any, moderation: Any = None, **kwargs: Any) -> MainWindow:
    window = MainWindow(db, moderation, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Window shortcuts (R, D, N, O, A, J, K...) only fire in the active window.
    window.activateWindow()
    qtbot.waitActive(window)
    wait_loaded(qtbot, window)
    return window


def wait_loaded(qtbot: Any, window: MainWindow, timeout: int = 30_000) -> None:
    """Until the queue, its counts and the detail pane have caught up with the last change."""
    qtbot.waitUntil(lambda: _settled(window), timeout=timeout)


def _settled(window: MainWindow) -> bool:
    view = window.queue
    return (
        window.tasks.is_idle()
        and not view.model.loading
        and not view._counts_timer.isActive()
        and not view.filter_bar._search_timer.isActive()
        and not window._detail_timer.isActive()
        and bool(view.counts)
    )


def wait_idle(qtbot: Any, tasks: TaskManager, timeout: int = 30_000) -> None:
    qtbot.waitUntil(tasks.is_idle, timeout=timeout)


def rows(window: MainWindow) -> list[Any]:
    model = window.queue.model
    return [model.summary(r) for r in range(model.rowCount())]


def show_loaded(qtbot: Any, widget: Any) -> Any:
    """Show a view that loads in the background (it has a `loaded` signal) and wait for it."""
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded):
        widget.show()
    return widget
