"""The main window. A first, plain version: the queue as a table (issue #3 builds the real one)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QTableWidget, QTableWidgetItem

from app.models.db import Database
from app.services.queue import QueueFilter, QueueService
from app.version import APP_NAME


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("%s – modereringskö") % APP_NAME)
        self.resize(1100, 700)
        items = QueueService(db.sessions).page(QueueFilter(), limit=200)
        table = QTableWidget(len(items), 4, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Mottagen"), self.tr("Kanal"), self.tr("Författare"), self.tr("Text")]
        )
        for row, item in enumerate(items):
            values = (item.created_at.strftime("%Y-%m-%d %H:%M"), item.account_key,
                      item.author_name, item.text)  # fmt: skip
            for col, value in enumerate(values):
                table.setItem(row, col, QTableWidgetItem(value))
        table.horizontalHeader().setStretchLastSection(True)
        self.queue_table = table
        self.setCentralWidget(table)
