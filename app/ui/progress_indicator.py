"""The status bar's "working on…" line that TaskManager shows for labelled work running longer
than half a second: label, progress bar and a cancel button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

if TYPE_CHECKING:
    from app.ui.tasks import Task


class ProgressIndicator(QWidget):
    """The status bar's "working on…" line: label, progress bar and a cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Förlopp"))
        self.cancel = QToolButton(self)
        self.cancel.setText(self.tr("Avbryt"))
        self.cancel.setAccessibleName(self.tr("Avbryt pågående arbete"))
        self.cancel.clicked.connect(self.cancel_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)

    def show_task(self, task: Task, count: int) -> None:
        text = task.label or ""
        if count > 1:
            text = self.tr("%s (och %d till)") % (text, count - 1)
        self.label.setText(text)
        if task.total:
            self.bar.setRange(0, task.total)
            self.bar.setValue(min(task.done_count, task.total))
        else:
            self.bar.setRange(0, 0)  # busy: no known end
        self.show()
