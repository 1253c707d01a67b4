"""Verktyg → Att göra för hand: everything that waits for a person. Remove a comment by hand
and confirm it is gone, post a notice or an answer by hand and mark it posted, and see the
steps on the platform and the e-mails that failed, with why, and try them again.

The same service calls as `granska remove ID --confirm`, `notify ID --posted [--link]` and
`retry [--list]`, each on the window's TaskManager.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.moderation.by_hand import POST, REMOVE, RETRY, HandTask
from app.ui.core_text import window_text
from app.ui.failures import user_message
from app.ui.formatting import excerpt, short_time
from app.ui.icons import icon
from app.ui.queue.detail_pane import safe_url
from app.ui.tasks import TaskManager, tasks_for
from app.ui.text_views import plain_label


class ByHandView(QWidget):
    loaded = Signal()
    changed = Signal()  # something was done: the queue is read again
    link_requested = Signal(QUrl)  # the window opens it in the browser (tests listen instead)

    def __init__(
        self, moderation: Any, tasks: TaskManager | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("byHandView")
        self.setWindowTitle(self.tr("Att göra för hand"))
        self.resize(980, 520)
        self._moderation = moderation
        self._tasks = tasks_for(self, tasks)
        self.tasks_shown: list[HandTask] = []

        self.intro = plain_label(
            self.tr(
                "Det som väntar på en människa: kommentarer att ta bort för hand, meddelanden och svar "
                "att publicera för hand, och steg på plattformen eller e-post som misslyckades."
            ),
            self,
        )
        self.table = QTableWidget(0, 5, self)
        self.table.setAccessibleName(self.tr("Att göra för hand"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Att göra"),
                self.tr("Post"),
                self.tr("Konto"),
                self.tr("Sedan"),
                self.tr("Vad och varför"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._chosen)

        self.open_link = QPushButton(icon("action-open-link"), self.tr("Öppna länken"), self)
        self.copy_text = QPushButton(self.tr("Kopiera texten"), self)
        self.confirm = QPushButton(self.tr("Bekräfta borttagen"), self)
        self.link = QLineEdit(self)
        self.link.setPlaceholderText(self.tr("Länk till det publicerade (valfritt)"))
        self.link.setAccessibleName(self.tr("Länk till det publicerade meddelandet"))
        self.link.setMinimumWidth(220)
        self.posted = QPushButton(self.tr("Markera publicerat"), self)
        self.retry = QPushButton(icon("action-refresh"), self.tr("Försök igen nu"), self)
        self.retry.setToolTip(
            self.tr("Kör alla väntande steg på plattformen och e-post igen (granska retry)")
        )
        self.open_link.clicked.connect(self._open)
        self.copy_text.clicked.connect(self._copy)
        self.confirm.clicked.connect(self.confirm_removed)
        self.posted.clicked.connect(self.mark_posted)
        self.retry.clicked.connect(self.retry_now)
        row = QHBoxLayout()
        for w in (self.open_link, self.copy_text, self.confirm, self.link, self.posted):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.retry)
        # Always enabled, so that Tab has somewhere to go when the list is empty.
        self.close_button = QPushButton(self.tr("Stäng"), self)
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.close_button)
        self.status = plain_label("", self)
        self.status.setObjectName("status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._chosen()
        self.reload()

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._tasks.run(self._moderation.work_by_hand, on_done=self._arrived, on_error=self._failed)

    def _arrived(self, tasks: list[HandTask]) -> None:
        self.tasks_shown = list(tasks)
        kinds = {
            REMOVE: self.tr("Ta bort för hand"),
            POST: self.tr("Publicera för hand"),
            RETRY: self.tr("Misslyckat steg"),
        }
        whys = {
            REMOVE: self.tr("Ta bort kommentaren för hand via länken och bekräfta sedan att den är borta."),
            POST: self.tr("Publicera texten för hand i tråden (kopiera den) och markera den publicerad."),
        }
        self.table.setRowCount(len(tasks))
        for r, t in enumerate(tasks):
            cells = [
                kinds.get(t.kind, t.kind),
                f"#{t.item_id} {t.author_name}: {excerpt(t.item_text, 60)}",
                t.account_name,
                short_time(t.since),
                whys.get(t.kind)
                or window_text(t.why),  # a failed step: the platform's or mail server's own words
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        for column in range(4):
            self.table.resizeColumnToContents(column)
        # The item's text is cut, so that what to do and why stays in sight.
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 280))
        if not tasks:
            self.status.setText(self.tr("Inget väntar på en människa."))
        self._chosen()
        self.loaded.emit()

    def current(self) -> HandTask | None:
        row = self.table.currentRow()
        return self.tasks_shown[row] if 0 <= row < len(self.tasks_shown) else None

    def _chosen(self) -> None:
        task = self.current()
        self.open_link.setEnabled(task is not None and safe_url(task.permalink) is not None)
        self.copy_text.setEnabled(task is not None and bool(task.text_to_post))
        self.confirm.setEnabled(task is not None and task.kind == REMOVE)
        self.posted.setEnabled(task is not None and task.kind == POST)
        self.link.setEnabled(task is not None and task.kind == POST)
        self.retry.setEnabled(any(t.kind == RETRY for t in self.tasks_shown))

    # -- doing ------------------------------------------------------------------------------

    def _open(self) -> None:
        task = self.current()
        url = safe_url(task.permalink) if task else None
        if url is not None:
            self.link_requested.emit(url)

    def _copy(self) -> None:
        task = self.current()
        if task is not None and task.text_to_post:
            QGuiApplication.clipboard().setText(task.text_to_post)
            self.status.setText(self.tr("Texten är kopierad: klistra in den i tråden."))

    def confirm_removed(self) -> None:
        task = self.current()
        if task is None or task.kind != REMOVE:
            return
        moderation, item_id = self._moderation, task.item_id
        self._tasks.run(
            lambda: moderation.confirm_removed(item_id), on_done=self._done, on_error=self._failed, write=True
        )

    def mark_posted(self) -> None:
        task = self.current()
        if task is None or task.kind != POST:
            return
        moderation, item_id, link = self._moderation, task.item_id, self.link.text().strip() or None
        self._tasks.run(
            lambda: moderation.mark_notice_posted(item_id, link),
            on_done=self._done,
            on_error=self._failed,
            write=True,
        )

    def retry_now(self) -> None:
        moderation, write = self._moderation, self._tasks.in_writer
        self.retry.setEnabled(False)
        self._tasks.run(
            lambda: moderation.retry(include_blocked=True, ignore_backoff=True, write=write),
            on_done=self._retried,
            on_error=self._failed,
            label=self.tr("Försöker igen med väntande steg…"),
            network=True,
        )

    def _done(self, outcome: Any) -> None:
        self.status.setText(window_text(outcome.message) or self.tr("Klart."))
        self.link.clear()
        self.changed.emit()
        self.reload()

    def _retried(self, summary: Any) -> None:
        waiting = len(summary.waiting)
        text = self.tr("%d steg klara, %d väntar fortfarande.") % (summary.done, waiting)
        if summary.messages:
            text += "\n" + "\n".join(window_text(m) for m in summary.messages[:5])
        self.status.setText(text)
        self.changed.emit()
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(user_message(exc))
        self._chosen()
