"""Arkiv → Läs in diarienummer från Excel: the registrator's numbers read back from the workbook
that the export made (`granska import-dnr`). A dry run first shows what would be saved and every
conflict with its sheet and row; saving is all or nothing unless the conflicts are skipped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from app.services.context import Actor
from app.services.records.dnr_import import DiarienummerImport, DnrImportResult
from app.ui.core_text import window_text
from app.ui.failures import user_message
from app.ui.tasks import TaskManager, tasks_for
from app.ui.text_views import heading, plain_label


class DnrImportDialog(QDialog):
    imported = Signal(object)  # DnrImportResult, after numbers were saved

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        actor: Actor | None = None,
        tasks: TaskManager | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dnrImportDialog")
        self.setWindowTitle(self.tr("Läs in diarienummer från Excel"))
        self.resize(820, 560)
        self._service = DiarienummerImport(sessions, actor)
        self._tasks = tasks_for(self, tasks)
        self.result: DnrImportResult | None = None

        intro = plain_label(
            self.tr(
                "Välj filen som exporten skapade och som registratorn fyllt i. Varje nummer kopplas "
                "till rätt post med kolumnen Rad-id. Förhandsgranska först: inget sparas då."
            ),
            self,
        )
        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("Fil"))
        self.path.setPlaceholderText(self.tr("Sökväg till xlsx-filen"))
        self.choose = QPushButton(self.tr("Välj fil…"), self)
        self.choose.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.choose)
        self.skip_conflicts = QCheckBox(
            self.tr("Spara övriga nummer och hoppa över rader med konflikt"), self
        )
        self.dry_run_button = QPushButton(self.tr("Förhandsgranska"), self)
        self.import_button = QPushButton(self.tr("Läs in och spara"), self)
        self.dry_run_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.path.textChanged.connect(self._check)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_conflicts, 1)
        buttons.addWidget(self.dry_run_button)
        buttons.addWidget(self.import_button)

        self.summary = plain_label("", self)
        self.summary.setObjectName("summary")
        self.changes = QTableWidget(0, 4, self)
        self.changes.setAccessibleName(self.tr("Diarienummer som sparas"))
        self.changes.setHorizontalHeaderLabels(
            [self.tr("Rad-id"), self.tr("Post"), self.tr("Diarienummer"), self.tr("Tidigare")]
        )
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setTabKeyNavigation(False)
        self.changes.verticalHeader().hide()
        self.changes.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.conflicts = QListWidget(self)
        self.conflicts.setAccessibleName(self.tr("Konflikter"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 2)
        layout.addWidget(heading(self.tr("Konflikter"), self))
        layout.addWidget(self.conflicts, 1)
        self._check()

    def _choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Välj den ifyllda exportfilen"), "", self.tr("Excel-filer (*.xlsx)")
        )
        if name:
            self.path.setText(name)

    def _check(self) -> None:
        ready = bool(self.path.text().strip())
        self.dry_run_button.setEnabled(ready)
        self.import_button.setEnabled(ready)

    def run(self, *, dry_run: bool) -> None:
        path, skip = Path(self.path.text().strip()), self.skip_conflicts.isChecked()
        service = self._service
        for button in (self.dry_run_button, self.import_button):
            button.setEnabled(False)
        self.summary.setText(self.tr("Läser filen…"))
        self._tasks.run(
            lambda: service.import_file(path, skip_conflicts=skip, dry_run=dry_run),
            on_done=lambda result: self._shown(result, dry_run),
            on_error=self._failed,
            label=self.tr("Läser in diarienummer…"),
            write=not dry_run,
        )

    def _shown(self, result: DnrImportResult, dry_run: bool) -> None:
        self.result = result
        self.changes.setRowCount(len(result.applied))
        for r, change in enumerate(result.applied):
            cells = (change.row_key, str(change.item_id), change.new, change.old or "")
            for c, text in enumerate(cells):
                self.changes.setItem(r, c, QTableWidgetItem(text))
        self.conflicts.clear()
        self.conflicts.addItems([window_text(c.said) for c in result.conflicts])
        counts = self.tr("%d nummer, %d fanns redan, %d rader utan nummer, %d konflikter.") % (
            len(result.applied),
            result.unchanged,
            result.empty,
            len(result.conflicts),
        )
        if dry_run:
            text = self.tr("Förhandsgranskning, inget är sparat: %s") % counts
        elif result.stored:
            text = self.tr("Sparat: %s") % counts
        elif result.conflicts:
            text = (
                self.tr(
                    "Inget sparades på grund av konflikterna: %s Rätta dem, eller välj att hoppa över dem."
                )
                % counts
            )
        else:
            text = self.tr("Inget nytt att spara: %s") % counts
        self.summary.setText(text)
        self._check()
        if result.stored:
            self.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(user_message(exc))
        self._check()
