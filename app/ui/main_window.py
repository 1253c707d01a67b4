"""The main window: the moderation queue, the detail pane and the actions, keyboard first.

Other views (audit, rule tester, accounts, archive, export, screenshots) hook in with
`add_view(menu, title, factory)`: a menu entry under Arkiv, Verktyg or Inställningar that opens
the widget the factory builds (a dialog opens as a dialog, anything else as its own window).
They get the window, so they can use `window.tasks`, `window.db` and `window.refresh_queue()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services.queue.shapes import ItemSummary
from app.ui import main_menus, notifications, team
from app.ui.accessibility import make_accessible
from app.ui.failures import failure_box
from app.ui.formatting import utcnow
from app.ui.language_switch import follow_language
from app.ui.queue.actions import BatchResult, Moderation, ModerationActions
from app.ui.queue.count_text import count_text, is_capped
from app.ui.queue.detail_pane import DetailPane, load_detail
from app.ui.queue.view import QueueView
from app.ui.sync_action import install as install_sync
from app.ui.tasks import TaskManager
from app.ui.window_state import restore_window, save_window
from app.version import APP_NAME

if TYPE_CHECKING:
    from app.models.db import Database
    from app.services.accounts.accounts import AccountInfo, AccountService
    from app.services.queue.listing import QueueService
    from app.ui.queue.help_overlay import HelpOverlay

DETAIL_DELAY_MS = 60
TICK_MS = 60_000


class MainWindow(QMainWindow):
    # Built by app/ui/main_menus.py.
    menus: dict[str, QMenu]
    toolbar: QToolBar
    next_action: QAction
    previous_action: QAction
    search_action: QAction
    reload_action: QAction
    help_action: QAction
    queue_actions: list[QAction]
    tools_placeholder: QAction | None
    team: team.TeamState  # app/ui/team.py, from the first attach

    def __init__(
        self,
        db: Database | None = None,
        moderation: Moderation | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        """Without `db` the window shows at once and waits for `attach` (start-up opens the
        database in the background meanwhile)."""
        super().__init__()
        self.db: Database | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("%s – modereringskö") % APP_NAME)
        self.setAccessibleName(self.tr("Granska, modereringskö"))
        self.queue_service: QueueService | None = None
        self.account_service: AccountService | None = None
        self.accounts: dict[str, AccountInfo] = {}
        self.tasks = TaskManager(self)
        self.tasks.failed.connect(self.show_error)
        self.tasks.attach(self.statusBar())
        self.views: dict[str, QWidget] = {}  # opened by add_view's entries

        self.queue = QueueView(None, self.tasks, self, clock=clock)
        self.detail = DetailPane(self)
        self.detail.link_requested.connect(QDesktopServices.openUrl)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.queue.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._central = central
        self._help_overlay: HelpOverlay | None = None

        self.moderation_actions = ModerationActions(self, self.tasks, None, self.queue.selected_items)
        self.moderation_actions.decided.connect(self._decided)
        self.moderation_actions.carried_out.connect(lambda result: self._decided(result, move_on=False))
        self.moderation_actions.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.moderation_actions.channel_tone = self._channel_tone
        main_menus.build_navigation(self)
        main_menus.build_menus(self)
        self.toolbar = main_menus.build_toolbar(self)
        make_accessible(self)  # the Tab chain, the small buttons' names, readable colours
        self.notifications = notifications.install(self)  # Visa → Händelser: outcomes kept
        follow_language(self)  # a new language: built again in it, no restart
        self.sync = install_sync(self)  # Konton, manual entry, Synka nu and the schedule
        self.shown_count = QLabel(self)
        self.shown_count.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.shown_count)

        self.queue.current_changed.connect(self._current_changed)
        self.queue.model.page_loaded.connect(lambda _n: self._show_counts())
        self.queue.counts_changed.connect(lambda _c: self._show_counts())
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_detail)
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.queue.model.tick)
        self._tick.start()

        self.resize(1280, 800)
        self._restore_state()
        if db is not None:
            self.attach(db, moderation)
        else:
            self.detail.show_hint(self.tr("Öppnar databasen…"))

    def attach(self, db: Database, moderation: Moderation | None = None) -> None:
        """Start working on `db`: the queue, its counts, the accounts and the saved replies."""
        from app.services.accounts.accounts import AccountService
        from app.services.queue.listing import QueueService

        self.db = db
        self.queue_service = QueueService(db.sessions)
        self.account_service = AccountService(db.sessions)
        self.moderation_actions.moderation = moderation
        self.queue.set_service(self.queue_service)
        self.queue.model.page_loaded.connect(self._first_page_loaded, Qt.ConnectionType.SingleShotConnection)
        self.queue.load()
        self.load_accounts()
        self.sync.start()
        team.install(self)  # whoami in the status bar, my accounts in the queue, Administratörer

    @property
    def help_overlay(self) -> HelpOverlay:
        """The `?` card, built the first time it is asked for (not needed to start)."""
        if self._help_overlay is None:
            from app.ui.queue.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(self._central)
        return self._help_overlay

    # -- the hook for other views -----------------------------------------------------------

    def add_view(
        self,
        menu: str,
        title: str,
        factory: Callable[[MainWindow], QWidget],
        *,
        shortcut: str | None = None,
        icon_name: str | None = None,
    ) -> QAction:
        """Add `title` to the menu `menu` ("arkiv", "verktyg" or "installningar")."""
        return main_menus.add_view(self, menu, title, factory, shortcut=shortcut, icon_name=icon_name)

    def open_view(self, title: str, factory: Callable[[MainWindow], QWidget]) -> QWidget:
        return main_menus.open_view(self, title, factory)

    def refresh_queue(self) -> None:
        """Read the queue, its counts and the accounts again (after another view changed data)."""
        self.queue.reload()
        self.queue.refresh_counts()
        self.load_accounts()

    # -- loading ----------------------------------------------------------------------------

    def load_accounts(self) -> None:
        if self.account_service is not None:
            self.tasks.run(self.account_service.list_accounts, on_done=self._accounts_arrived, key="accounts")

    def _accounts_arrived(self, accounts: list[AccountInfo]) -> None:
        self.accounts = {a.key: a for a in accounts}
        self.queue.filter_bar.set_accounts(accounts)

    def _first_page_loaded(self, rows: int) -> None:
        self.queue.table.setFocus()
        # Counting a million items takes a core for a while: let the first page paint first.
        # The saved replies build the moderation service (app/ui/deferred_moderation.py): after it too.
        later = (self.queue.refresh_counts, self.moderation_actions.load_saved_replies)
        for then in later:
            if rows:
                self.queue.when_first_page_painted(then)
            else:
                then()

    def _current_changed(self, item: ItemSummary | None, selected: int) -> None:
        if selected > 1:
            self._detail_timer.stop()
            self.detail.show_hint(
                self.tr("%d poster markerade. Åtgärderna gäller alla markerade.") % selected
            )
        elif item is None:
            self._detail_timer.stop()
            self.detail.show_hint(
                self.tr("Välj en post i listan för att se hela texten.")
                if self.queue.model.rowCount()
                else self.tr("Inga poster i den här kön.")
            )
        else:
            self._detail_timer.start()

    def _load_detail(self) -> None:
        item = self.queue.current_item()
        if item is None or self.queue_service is None:
            return
        queue, moderation = self.queue_service, self.moderation_actions.moderation
        self.tasks.run(
            lambda: load_detail(queue, moderation, item.id), on_done=self._detail_arrived, key="detail"
        )

    def _detail_arrived(self, data: Any) -> None:
        current = self.queue.current_item()
        if data is None or current is None or data.detail.item.id != current.id:
            return
        self.detail.show_detail(data, self.accounts.get(data.detail.item.account_key))

    def _channel_tone(self, item: ItemSummary) -> str:
        account = self.accounts.get(item.account_key)
        return account.tone if account else ""

    def _show_counts(self) -> None:
        queue = self.queue.current_queue().name
        total = self.queue.counts.get(queue)
        loaded = self.queue.model.rowCount()
        if total is None:
            self.shown_count.setText(self.tr("%d inlästa") % loaded)
        elif is_capped(total, self.queue.counts_cap):
            text = self.tr("%1 av %2 inlästa").replace("%1", str(loaded))
            self.shown_count.setText(text.replace("%2", count_text(total, self.queue.counts_cap)))
        else:
            self.shown_count.setText(self.tr("%d av %d inlästa") % (loaded, total))

    # -- after an action --------------------------------------------------------------------

    def _decided(self, result: BatchResult, move_on: bool = True) -> None:
        """Decisions saved (`move_on`: to the next item), or their platform steps done later."""
        short, notice = notifications.batch_notice(result, self._summary_of)  # while the rows are there
        self.queue.apply_decisions(
            result.outcomes, [item_id for item_id, _why in result.refused], move_on=move_on
        )
        self.notifications.add(notice)
        self.statusBar().showMessage(short, 10_000)
        if result.refused:
            self.last_error = failure_box(self, notice.text, "")
        self._load_detail()

    def _summary_of(self, item_id: int) -> ItemSummary | None:
        row = self.queue.model.row_of(item_id)
        return self.queue.model.summary(row) if row is not None else None

    def show_error(self, message: str, details: str) -> None:
        """A failure as a clear message (and, for our own bugs, the details to report)."""
        box = failure_box(self, message, details)
        self.notifications.add(
            notifications.Notice((message or box.text()) + ("\n" + details if details else ""), True)
        )
        self.statusBar().showMessage((message or box.text()).splitlines()[0], 10_000)
        self.last_error = box

    # -- small things -----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.queue.filter_bar.search.setFocus()
        self.queue.filter_bar.search.selectAll()

    # -- remembered between sessions --------------------------------------------------------

    def _restore_state(self) -> None:
        restore_window(self)

    def save_state(self) -> None:
        save_window(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self._tick.stop()
        self.tasks.shutdown()
        # The team database left behind when the window went offline (app/ui/offline_mode.py).
        for gone in self.__dict__.pop("gone_databases", []):
            gone.dispose()
        for view in self.views.values():
            if shiboken6.isValid(view):
                view.close()
        super().closeEvent(event)

    def when_painted(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the window has been painted (start-up timing)."""
        self.queue.when_painted(callback)

    def when_first_page_painted(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the queue has painted its first rows (start-up timing, benchmarks)."""
        self.queue.when_first_page_painted(callback)
