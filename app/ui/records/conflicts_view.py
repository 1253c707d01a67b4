"""Arkiv → Konflikter från offlinearbete: every offline decision that arrived after someone else
had decided the item, with both decisions side by side. The team database's decision stands;
the offline one is kept (with its evidence) and is shown here."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.accounts.identity import local_time
from app.services.offline.conflicts import ConflictRecord, list_conflicts
from app.ui.core_text import window_text
from app.ui.labels import action_label
from app.ui.tasks import TaskManager, tasks_for


class ConflictsView(QWidget):
    loaded = Signal()

    def __init__(self, db: Any, parent: QWidget | None = None, *, tasks: TaskManager | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsView")
        self.setWindowTitle(self.tr("Konflikter från offlinearbete"))
        self._db = db
        self._tasks = tasks_for(self, tasks)
        self.summary = QLabel(self.tr("Läser in…"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        headers = [
            self.tr("Post"),
            self.tr("Konto"),
            self.tr("Text"),
            self.tr("Teamets beslut (gäller)"),
            self.tr("Beslut offline (sparat som konflikt)"),
            self.tr("Kopian från"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(self.tr("Konflikter från offlinearbete"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Arrows move in the table, Tab leaves it: for the Stäng button, so Tab has somewhere to go.
        self.table.setTabKeyNavigation(False)
        self.close_button = QPushButton(self.tr("Stäng"), self)
        self.close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.resize(1000, 420)
        self.reload()

    def reload(self) -> None:
        sessions = self._db.sessions
        self._tasks.run(lambda: list_conflicts(sessions), on_done=self._show, key="offline-conflicts")

    def _decision(self, action: str | None, by: str | None, at: Any) -> str:
        if action is None:
            return self.tr("okänt")
        when = local_time(at) if at is not None else ""
        return f"{action_label(action)} – {window_text(by or '')}, {when}".rstrip(", ")

    def _show(self, records: list[ConflictRecord]) -> None:
        self.summary.setText(
            self.tr("Inga konflikter: alla beslut fattade offline har förts in i teamdatabasen.")
            if not records
            else self.tr(
                "%n beslut fattade offline kom fram efter att någon annan hade beslutat om posten. "
                "Teamets beslut gäller; beslutet offline och dess bevis är sparade.",
                "",
                len(records),
            )
        )
        self.table.setRowCount(len(records))
        for row, r in enumerate(records):
            mine = self._decision(r.offline_action, r.offline_name or r.offline_by, r.offline_at)
            cells = [
                str(r.item_id),
                r.account,
                r.text[:120],
                self._decision(r.team_action, r.team_by, r.team_at),
                mine,
                local_time(r.copy_fresh_at) if r.copy_fresh_at else "",
            ]
            for col, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setToolTip(window_text(r.message) if col == 4 and r.message else value)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        self.loaded.emit()
