"""Sync in the window: "Synka nu" on demand and a timer for the schedule, both off the GUI
thread through the window's task helper; progress and the outcome in the status bar. Also the
menu entries for Inställningar → Konton and Arkiv → Lägg till post manuellt. `install(window)`
is the whole hook."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.services.account_register import AccountRegister
from app.services.connections import CredentialService, PlatformRegistry, keyring_registry
from app.services.settings import SettingsService
from app.services.sync import SyncProgress, SyncResult, SyncService

SETTINGS_KEY = "sync"
DEFAULT_INTERVAL_MINUTES = 15


def summary(results: list[SyncResult]) -> str:
    """One line for the status bar: what arrived, and who failed and why."""
    created = sum(r.created for r in results)
    updated = sum(r.updated for r in results)
    gone = sum(r.deleted_by_author for r in results)
    line = f"Hämtat: {created} nya, {updated} uppdaterade, {gone} raderade av författaren."
    failed = [r for r in results if not r.ok and r.error_kind != "waiting"]
    if failed:
        line += " " + " ".join(r.message for r in failed)
    return line


class SyncScheduler(QObject):
    progress = Signal(str, int)  # account, comments fetched so far
    finished = Signal(object)  # list[SyncResult]

    def __init__(self, sessions: Any, tasks: Any, parent: QObject | None = None,
                 registry: PlatformRegistry | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._sessions = sessions
        self._tasks = tasks
        self._registry = registry
        self.running = False
        self.action = QAction(self.tr("Synka nu"), self)
        self.action.setToolTip(self.tr("Hämta nya och ändrade kommentarer från plattformarna"))
        self.action.triggered.connect(lambda _checked=False: self.sync_now())
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(scheduled=True))

    def start(self) -> None:
        """Read the interval (Inställningar, key "sync") and start the schedule; 0 turns it off."""
        sessions = self._sessions

        def interval() -> int:
            return int((SettingsService(sessions).get(SETTINGS_KEY) or {}).get(
                "interval_minutes", DEFAULT_INTERVAL_MINUTES))  # fmt: skip

        self._tasks.run(interval, on_done=self._schedule)

    def _schedule(self, minutes: int) -> None:
        self.timer.stop()
        if minutes > 0:
            self.timer.start(minutes * 60_000)

    def sync_now(self, scheduled: bool = False) -> None:
        if self.running:
            return
        self.running = True
        self.action.setEnabled(False)
        service = SyncService(self._sessions, self._registry or keyring_registry())

        def report(p: SyncProgress) -> None:
            self.progress.emit(p.account, p.fetched)  # queued to the GUI thread

        self._tasks.run(lambda: service.sync(progress=report, scheduled=scheduled),
                        on_done=self._done, on_error=self._failed, write=True,
                        label=self.tr("Hämtar kommentarer…"))  # fmt: skip

    def _done(self, results: list[SyncResult]) -> None:
        self.running = False
        self.action.setEnabled(True)
        self.finished.emit(results)

    def _failed(self, exc: BaseException) -> None:
        self._done([SyncResult("", False, str(exc), error_kind="environment")])


def install(window: Any) -> SyncScheduler:
    """The hook for the main window: Inställningar → Konton, Arkiv → Synka nu, the schedule."""
    from app.services.manual_entry import ManualEntryService
    from app.ui.accounts_dialog import AccountsDialog
    from app.ui.manual_entry_dialog import ManualEntryDialog

    def accounts(w: Any) -> QWidget:
        dialog = AccountsDialog(AccountRegister(w.db.sessions), CredentialService(w.db.sessions), w.tasks)
        dialog.changed.connect(w.refresh_queue)
        return dialog

    def manual(w: Any) -> QWidget:
        dialog = ManualEntryDialog(AccountRegister(w.db.sessions), ManualEntryService(w.db.sessions), w.tasks)
        dialog.saved.connect(lambda _id: w.refresh_queue())
        return dialog

    window.add_view("installningar", window.tr("Konton…"), accounts)
    window.add_view("arkiv", window.tr("Lägg till post manuellt…"), manual)
    scheduler = SyncScheduler(window.db.sessions, window.tasks, window)
    menu = window.menus["arkiv"]
    menu.insertAction(menu.actions()[-1], scheduler.action)  # above Avsluta
    bar = window.statusBar()
    scheduler.progress.connect(lambda key, n: bar.showMessage(window.tr("Hämtar %s: %d…") % (key, n)))
    scheduler.finished.connect(lambda results: (bar.showMessage(summary(results)), window.refresh_queue()))
    scheduler.start()
    return scheduler
