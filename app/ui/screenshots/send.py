"""Sending screenshots to the head of communications: by SMTP when a server is set up, otherwise
(or by choice) as a .eml file for the user's own mail program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.screenshots.mail import ScreenshotMail, SendOutcome
from app.services.screenshots.schedule import ScreenshotInfo
from app.ui.failures import user_message
from app.ui.fit import fit_title
from app.ui.labels import platform_label
from app.ui.tasks import TaskManager


class SendScreenshotsDialog(QDialog):
    sent = Signal(str)  # the status-bar sentence, after sending or recording as sent

    def __init__(
        self,
        mail: ScreenshotMail,
        tasks: TaskManager,
        shots: list[ScreenshotInfo],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Skicka skärmdumpar till kommunikationschefen"))
        fit_title(self)
        self._mail, self._tasks, self._ids = mail, tasks, [s.id for s in shots]
        listing = QPlainTextEdit(
            "\n".join(f"{s.account_name} ({platform_label(s.platform)}) – {s.local_date}" for s in shots)
        )
        listing.setReadOnly(True)
        listing.setMaximumHeight(110)
        self.to = QLineEdit()
        self.to.setPlaceholderText(self.tr("kommunikationschefens e-postadress"))
        self.to.setAccessibleName(self.tr("Mottagare"))
        self.smtp_state = QLabel()
        self.smtp_state.setTextFormat(Qt.TextFormat.PlainText)
        self.smtp_state.setWordWrap(True)
        self.mark_sent = QCheckBox(self.tr("Notera som skickad när .eml-filen är sparad"))
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(self.tr("Skicka"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Stäng"), QDialogButtonBox.ButtonRole.RejectRole)
        self.eml_button = buttons.addButton(
            self.tr("Spara som .eml…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.send_button.setEnabled(False)
        buttons.accepted.connect(self.send)
        buttons.rejected.connect(self.reject)
        self.eml_button.clicked.connect(lambda: self.save_eml())
        form = QFormLayout()
        form.addRow(self.tr("Bifogas:"), listing)
        form.addRow(self.tr("Till:"), self.to)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.smtp_state)
        layout.addWidget(self.mark_sent)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        tasks.run(lambda: (mail.default_recipient(), mail.smtp_configured()), on_done=self._show_settings)

    def _show_settings(self, result: tuple[str, bool]) -> None:
        recipient, configured = result
        if not self.to.text():
            self.to.setText(recipient)
        self.send_button.setEnabled(configured)
        self.smtp_state.setText(
            self.tr("Skickas via e-postservern i inställningarna.") if configured else
            self.tr("Ingen e-postserver är inställd. Spara som .eml och skicka från ditt e-postprogram, "
                    "eller ställ in servern under E-postinställningar.")
        )  # fmt: skip

    def _busy(self, busy: bool) -> None:
        for button in (self.send_button, self.eml_button):
            button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.problem.setText(user_message(exc))

    def send(self) -> None:
        mail, ids, to = self._mail, self._ids, self.to.text()
        self._busy(True)
        self.problem.clear()
        write = self._tasks.in_writer  # SMTP here; the record of what was sent on the writer
        self._tasks.run(
            lambda: mail.send(ids, to, write), on_done=self._sent, on_error=self._failed, network=True
        )

    def _sent(self, outcome: SendOutcome) -> None:
        self.sent.emit(outcome.message)
        self.accept()

    def save_eml(self, path: str | None = None) -> None:
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Spara e-postmeddelande"), "skarmdumpar.eml", self.tr("E-post (*.eml)")
            )
        if not path:
            return
        mail, ids, to, mark = self._mail, self._ids, self.to.text(), self.mark_sent.isChecked()

        def save() -> tuple[Path, str | None]:
            saved = mail.save_eml(ids, Path(path), to, record_as_sent=mark)
            return saved, (to.strip() or mail.default_recipient()) if mark else None

        self._busy(True)
        self.problem.clear()
        self._tasks.run(save, on_done=self._saved, on_error=self._failed, write=True)

    def _saved(self, result: tuple[Path, str | None]) -> None:
        path, marked_to = result
        message = self.tr("Sparat %1.").replace("%1", str(path))
        if marked_to:
            message += " " + self.tr("Noterad som skickad till %1.").replace("%1", marked_to)
        self.sent.emit(message)
        self.accept()
