"""The main window for a keyboard alone and a screen reader: the Tab chain, names for the small
buttons Qt adds by itself, and a palette with readable contrast (app/ui/contrast.py).

The chain: the filter bar → the queue tabs → the table → the detail pane → back to the filter
bar. The table gives Tab up (app/ui/queue/view.py): arrows and J/K move between items there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton, QWidget

from app.ui.contrast import apply_readable_palette
from app.ui.formatting import plain_tooltip

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def tab_chain(window: MainWindow) -> list[QWidget]:
    """The window's own widgets in the order Tab visits them (the detail pane's are added by it)."""
    bar = window.queue.filter_bar
    return [
        bar.search,
        bar.account,
        bar.platform,
        bar.status,
        bar.flag,
        bar.period,
        bar.date_from,
        bar.date_to,
        bar.clear,
        window.queue.tabs,
        window.queue.table,
        window.detail,
    ]


def make_accessible(window: MainWindow) -> None:
    apply_readable_palette()
    chain = tab_chain(window)
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
    window.queue.tabs.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    # Esc in the queue (filter bar, tabs, table) clears the search and filters: only when one of
    # them has the key, so a dialog's own Esc is never taken.
    escape = _EscapeClears(window)
    for widget in tab_chain(window)[:-1]:
        widget.installEventFilter(escape)
    # The toolbar's ">>" button, shown when the window is too narrow for every action.
    overflow = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if overflow is not None:
        name = QCoreApplication.translate("MainWindow", "Fler åtgärder")
        overflow.setAccessibleName(name)
        overflow.setToolTip(plain_tooltip(name))


def release_tab(root: QWidget) -> None:
    """No Tab trap in a view: tables and lists give Tab up (arrows move inside them), and text
    boxes take Tab as "next field", not as a tab character."""
    from PySide6.QtWidgets import QAbstractItemView, QPlainTextEdit, QTextEdit

    for view in root.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
    for box in [*root.findChildren(QPlainTextEdit), *root.findChildren(QTextEdit)]:
        box.setTabChangesFocus(True)


def place_view(view: QWidget, window: QWidget) -> None:
    """A sub-window at a usable size, centred on the main window, the first time it opens."""
    available = window.screen().availableGeometry() if window.screen() else None
    hint = view.sizeHint()
    width = max(hint.width(), int(window.width() * 0.7), 640)
    height = max(hint.height(), int(window.height() * 0.7), 420)
    if available is not None:
        width, height = min(width, available.width()), min(height, available.height())
    view.resize(width, height)
    frame = view.frameGeometry()
    frame.moveCenter(window.frameGeometry().center())
    if available is not None:
        frame.moveLeft(max(available.left(), min(frame.left(), available.right() - frame.width())))
        frame.moveTop(max(available.top(), min(frame.top(), available.bottom() - frame.height())))
    view.move(frame.topLeft())


def view_title(menu_text: str) -> str:
    """A window's title from its menu entry: no "&" and no "…" (that says "asks for more")."""
    return menu_text.replace("&", "").rstrip("…").rstrip(".").strip()


class _EscapeClears(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._bar = window.queue.filter_bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
            and self._bar.is_filtered()
        ):
            self._bar.reset()
            return True
        return False
