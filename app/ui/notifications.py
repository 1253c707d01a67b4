"""Händelser: what the administrator's actions came to, kept where a person can read it.

The status bar shows one short line that goes away; this panel (a dock under the queue, Visa →
Händelser) keeps every outcome with its full text, the items it concerns by author and text (not
by id), the links to open and the whole error message. A failure opens the panel by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.queue.shapes import ItemSummary
from app.ui.core_text import window_text
from app.ui.formatting import excerpt, plain_tooltip, stockholm
from app.ui.icons import icon
from app.ui.labels import action_label

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.queue.actions import BatchResult

KEEP = 200  # the oldest entries go first
SHORTCUT = "Ctrl+Shift+H"
LinkRole = Qt.ItemDataRole.UserRole + 1


translate = QCoreApplication.translate


@dataclass(frozen=True)
class Notice:
    text: str  # the whole message, several lines allowed
    error: bool = False
    link: str | None = None


def item_name(item: ItemSummary | None, item_id: int) -> str:
    """How a person recognises an item: who wrote what (the id only when it is not loaded)."""
    if item is None:
        return translate("Notifications", "post %d") % item_id
    return (
        f"{item.author_name or translate('Notifications', '(okänd författare)')}: ”{excerpt(item.text, 60)}”"
    )


def batch_notice(result: BatchResult, lookup: Callable[[int], ItemSummary | None]) -> tuple[str, Notice]:
    """(the status bar's short line, the panel's full entry) for a batch of decisions."""
    label = action_label(result.action)
    done, refused = result.outcomes, result.refused
    if len(done) == 1 and not refused:
        outcome = done[0]
        message = window_text(outcome.message) or label
        return message, Notice(f"{message}\n{item_name(lookup(outcome.item_id), outcome.item_id)}")
    lines = [translate("Notifications", "%s: %d klara, %d nekade.") % (label, len(done), len(refused))]
    for outcome in done:
        lines.append("✓ " + item_name(lookup(outcome.item_id), outcome.item_id))
        if outcome.message:
            lines.append("    " + window_text(outcome.message))
    if refused:
        lines.append(translate("Notifications", "Kunde inte hanteras:"))
        for item_id, why in refused:
            lines.append("✗ " + item_name(lookup(item_id), item_id))
            lines.append("    " + (why or translate("Notifications", "okänt skäl")))
    if result.not_tried:
        lines.append(
            translate("Notifications", "%d poster prövades inte (arbetet avbröts).") % len(result.not_tried)
        )
    short = lines[0]
    if refused:
        short += " " + translate("Notifications", "Se Händelser (%s).") % SHORTCUT
    return short, Notice("\n".join(lines), error=bool(refused))


class NotificationsPanel(QDockWidget):
    """The list of outcomes, newest first."""

    link_requested = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(translate("Notifications", "Händelser"), parent)
        self.setObjectName("notificationsPanel")
        self._clock = clock or (lambda: datetime.now(stockholm()))  # the time the messages use
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        self.list = QListWidget(body)
        self.list.setObjectName("notificationsList")
        self.list.setAccessibleName(translate("Notifications", "Händelser: utfallet av åtgärderna"))
        self.list.setWordWrap(True)
        self.list.setTabKeyNavigation(False)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.open_link = QPushButton(
            icon("action-open-link"), translate("Notifications", "Öppna länken"), body
        )
        self.open_link.setEnabled(False)
        self.open_link.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.clear = QPushButton(icon("action-clear"), translate("Notifications", "Töm listan"), body)
        self.clear.clicked.connect(self.list.clear)
        buttons.addWidget(self.open_link)
        buttons.addStretch(1)
        buttons.addWidget(self.clear)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.open_link.setEnabled(item is not None and bool(item.data(LinkRole)))
        )
        self.setWidget(body)
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )

    def add(self, notice: Notice) -> QListWidgetItem:
        stamp = self._clock().strftime("%H:%M")
        entry = QListWidgetItem(
            icon("status-overdue" if notice.error else "status-decided"), f"{stamp}  {notice.text}"
        )
        entry.setToolTip(plain_tooltip(notice.text))
        if notice.link:
            entry.setData(LinkRole, notice.link)
        self.list.insertItem(0, entry)
        while self.list.count() > KEEP:
            self.list.takeItem(self.list.count() - 1)
        self.list.setCurrentItem(entry)
        if notice.error:
            self.show()
            self.raise_()
        return entry

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _activated(self, entry: QListWidgetItem | None) -> None:
        link = entry.data(LinkRole) if entry is not None else None
        if link:
            self.link_requested.emit(QUrl(str(link)))


def install(window: MainWindow) -> NotificationsPanel:
    """The panel under the queue, hidden until wanted; Visa → Händelser (Ctrl+Shift+H) shows it."""
    panel = NotificationsPanel(window)
    panel.link_requested.connect(QDesktopServices.openUrl)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
    window.resizeDocks([panel], [150], Qt.Orientation.Vertical)  # a strip under the queue
    panel.hide()
    toggle: QAction = panel.toggleViewAction()
    toggle.setText(translate("Notifications", "Händelser"))
    toggle.setShortcut(QKeySequence(SHORTCUT))
    toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(toggle)
    window.menus["visa"].addSeparator()
    window.menus["visa"].addAction(toggle)
    return panel
