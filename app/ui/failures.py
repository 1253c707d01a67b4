"""Telling the administrator what failed, sorted as app/core/errors.py sorts it: bad input and
the environment's faults (a locked database, a platform that is down) as their own Swedish
message; anything else as our bug, with the details to report and the word that nothing was
left half done."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import EnvironmentFault, InputError
from app.ui.core_text import error_text, window_text
from app.version import APP_NAME


def describe_error(exc: BaseException) -> tuple[str, str | None]:
    """The message for the user, and the details for a bug report (None: not our bug)."""
    from app.models.db import DatabaseError  # loaded by then: only a database can raise it
    from app.models.db_errors import database_failure, sqlite_cause

    if isinstance(exc, InputError | EnvironmentFault | DatabaseError):
        return error_text(exc), None
    if sqlite_cause(exc) is not None:  # locked by another program, read-only, a full disk
        return window_text(database_failure(exc)), None
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return "", details


def user_message(exc: BaseException) -> str:
    """One line for a dialog's own message label: the known failure's message, or that Granska
    itself failed (our bug) and nothing was left half done."""
    message, _details = describe_error(exc)
    if message:
        return message
    return (
        QCoreApplication.translate("TaskManager", "Ett fel i Granska (%1: %2). Inget har sparats halvvägs.")
        .replace("%1", type(exc).__name__)
        .replace("%2", str(exc))
    )


def failure_box(parent: QWidget, message: str, details: str) -> QMessageBox:
    """A failure as a message box over `parent`: the message, or for our own bugs an apology
    with the details to report. Opened window-modal; the caller may keep the box."""
    translate = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if not details else QMessageBox.Icon.Critical)
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setText(translate(
            "TaskManager",
            "Ett oväntat fel inträffade i Granska. Ingenting har gått förlorat; "
            "skicka gärna detaljerna till den som sköter Granska.",
        ))  # fmt: skip
        box.setDetailedText(details)
    else:
        box.setText(message)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
