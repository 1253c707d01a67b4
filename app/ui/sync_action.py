"""Sync in the window: Arkiv → Synka nu on demand and a timer for the schedule, both off the
GUI thread through the window's task helper (progress and cancel in the status bar), the
outcome as a status-bar line. Also the menu entries Inställningar → Konton and Arkiv → Lägg
till post manuellt. `install(window)` then `start()` once the database is attached is the
whole hook."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.core.errors import ErrorKind
from app.core.messages import fill, told
from app.ui.core_text import window_text
from app.ui.tasks import Task, TaskContext, TaskManager

# The services (and so SQLAlchemy) are imported where they are used: the main window installs
# this before it shows, and shows before the database layer has loaded (start-up, P7).
if TYPE_CHECKING:
    from app.services.accounts.platforms import ConnectorRegistry
    from app.services.intake.sync import SyncProgress, SyncResult

SETTINGS_KEY = "sync"
DEFAULT_INTERVAL_MINUTES = 15
# Items per transaction in the window: 500 take some 30 ms on SQLite (2,000, the command line's
# batch, 100-150 ms), the longest a decision pressed during a sync can wait for the writer.
WINDOW_BATCH = 500


def summary(results: list[SyncResult]) -> str:
    """One line for the status bar: what arrived, and who failed and why."""
    created = sum(r.new_work for r in results)  # the page's own posts are context, not new
    updated = sum(r.updated for r in results)
    gone = sum(r.deleted_by_author for r in results)
    line = fill(
        QCoreApplication.translate(
            "SyncScheduler", "Hämtat: %1 nya, %2 uppdaterade, %3 raderade av författaren."
        ),
        (created, updated, gone),
    )
    failed = [r for r in results if not r.ok and r.error_kind != ErrorKind.WAITING]
    if failed:
        line += " " + " ".join(window_text(r.message) for r in failed)
    return line


class SyncScheduler(QObject):
    progress = Signal(str, int)  # account, comments fetched so far
    finished = Signal(object)  # list[SyncResult]

    def __init__(
        self,
        sessions: Callable[[], Any],
        tasks: TaskManager,
        parent: QObject | None = None,
        registry: ConnectorRegistry | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions  # the database may be attached after the window is built
        self._tasks = tasks
        self._registry = registry
        self._task: Task | None = None
        self.action = QAction(self.tr("Synka nu"), self)
        self.action.setToolTip(self.tr("Hämta nya och ändrade kommentarer från plattformarna"))
        self.action.triggered.connect(lambda _checked=False: self.sync_now())
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(scheduled=True))
        self.needs_database: list[QAction] = [self.action]
        for act in self.needs_database:
            act.setEnabled(False)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.finished

    def start(self) -> None:
        """The database is there: enable the entries, read the interval ("sync" setting, in
        minutes; 0 turns the schedule off) and start the timer."""
        for act in self.needs_database:
            act.setEnabled(True)
        sessions = self._sessions()

        def interval() -> int:
            from app.services.settings import SettingsService

            setting = SettingsService(sessions).get(SETTINGS_KEY) or {}
            return int(setting.get("interval_minutes", DEFAULT_INTERVAL_MINUTES))

        self._tasks.run(interval, on_done=self._schedule)

    def _schedule(self, minutes: int) -> None:
        self.timer.stop()
        if minutes > 0:
            self.timer.start(minutes * 60_000)

    def sync_now(self, scheduled: bool = False) -> None:
        sessions = self._sessions()
        if self.running or sessions is None:
            return
        from app.services.accounts.connections import for_database, keyring_registry
        from app.services.intake.sync import WINDOW_WRITE_BUDGET_S, SyncService

        # On a network worker: each page's transaction goes to the writer, one at a time, so a
        # decision made while a platform is slow to answer does not wait for it.
        service = SyncService(
            sessions,
            # the team database's tokens on PostgreSQL, as `granska sync` takes them
            for_database(self._registry or keyring_registry(), sessions),
            batch_size=WINDOW_BATCH,
            write=self._tasks.in_writer,
            write_budget=WINDOW_WRITE_BUDGET_S,
            give_way=self._tasks.writes_waiting,
        )

        def work(ctx: TaskContext) -> list[SyncResult]:
            def report(p: SyncProgress) -> None:
                ctx.report(p.fetched)
                self.progress.emit(p.account, p.fetched)  # queued to the GUI thread

            return service.sync(progress=report, should_stop=lambda: ctx.cancelled, scheduled=scheduled)

        self._task = self._tasks.run(
            work,
            on_done=self.finished.emit,
            on_error=self._failed,
            network=True,
            label=self.tr("Hämtar kommentarer…"),
            with_context=True,
        )

    def _failed(self, exc: BaseException) -> None:
        from app.services.intake.sync import SyncResult

        self.finished.emit([SyncResult("", False, told(exc), error_kind="environment")])


def install(window: Any) -> SyncScheduler:
    """Inställningar → Konton, Arkiv → Lägg till post manuellt and Arkiv → Synka nu."""

    def accounts(w: Any) -> QWidget:
        from app.services.accounts.connections import CredentialService
        from app.services.accounts.register import AccountRegister
        from app.ui.settings import sign_in_panel
        from app.ui.settings.accounts_dialog import AccountsDialog

        credentials = CredentialService(w.db.sessions, write=w.tasks.in_writer)
        dialog = AccountsDialog(AccountRegister(w.db.sessions), credentials, w.tasks)
        sign_in_panel.install(dialog, w.db.sessions, w.tasks.in_writer)  # Logga in hos plattformen
        dialog.changed.connect(w.refresh_queue)
        return dialog

    def manual(w: Any) -> QWidget:
        from app.services.accounts.register import AccountRegister
        from app.services.intake.manual_entry import ManualEntryService
        from app.ui.manual_entry_dialog import ManualEntryDialog

        dialog = ManualEntryDialog(AccountRegister(w.db.sessions), ManualEntryService(w.db.sessions), w.tasks)
        dialog.saved.connect(lambda _id: w.refresh_queue())
        return dialog

    # The window's context, so the entries translate like the rest of its menus.
    translate = QCoreApplication.translate
    scheduler = SyncScheduler(lambda: window.db.sessions if window.db else None, window.tasks, window)
    scheduler.needs_database += [
        window.add_view("installningar", translate("MainWindow", "Konton…"), accounts),
        window.add_view("arkiv", translate("MainWindow", "Lägg till post manuellt…"), manual),
    ]
    for act in scheduler.needs_database:
        act.setEnabled(False)  # until the database is attached (`start`)
    menu = window.menus["arkiv"]
    menu.insertAction(menu.actions()[-1], scheduler.action)  # above Avsluta
    bar = window.statusBar()
    fetching = translate("MainWindow", "Hämtar %s: %d…")
    scheduler.progress.connect(lambda key, n: bar.showMessage(fetching % (key, n)))
    scheduler.finished.connect(lambda results: (bar.showMessage(summary(results)), window.refresh_queue()))
    return scheduler
