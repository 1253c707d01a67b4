"""The window on the local copy while the team database is away: a banner saying so and from
when the copy is, decisions saved locally, and a background reconnection that hands the
decisions over (oldest first), shows any conflict with both decisions, and moves the window
back onto the team database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QSizePolicy, QToolBar

from app.services.accounts.identity import local_time

RECONNECT_MS = 10_000
PROBE_MS = 5_000
BANNER_OFFLINE = "background: #fff4ce; color: #3d2c00; padding: 6px; font-weight: bold"
BANNER_BACK = "background: #dff6dd; color: #0b3d0b; padding: 6px; font-weight: bold"


def open_copy(db_url: str | None, exc: BaseException) -> tuple[Any, Any]:
    """At start, the team database unreachable: the copy and its offline moderation, or the
    error again when there is no copy yet."""
    from app.models.db import resolve_url
    from app.services.offline.copy import LocalCopy
    from app.services.offline.journal import OfflineModeration

    copy = LocalCopy.for_team(resolve_url(db_url))
    if not copy.exists():
        raise exc
    return copy.db, OfflineModeration(copy)


class OfflineMode(QObject):
    """Installed by app/ui/main.py when the window starts on the copy."""

    reconnected = Signal(object)  # ReplayReport

    def __init__(
        self, window: Any, db_url: str | None, moderation: Any, interval_ms: int = RECONNECT_MS
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db_url = db_url
        self._copy = moderation.offline_copy
        window.tasks.on_local_copy = True  # a team query failing late says the copy took over
        self._trying = False
        self.banner = QLabel()
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.bar = QToolBar(self.tr("Offline"), window)
        self.bar.setObjectName("offline-banner")
        self.bar.setMovable(False)
        self.bar.addWidget(self.banner)
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)  # a row of its own, the full width
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self._say_offline()
        # No platform sync on the copy: its items go to the team database's own.
        window.sync.timer.blockSignals(True)
        for act in window.sync.needs_database:
            act.setEnabled(False)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.try_reconnect)
        self.timer.start(interval_ms)

    def _say_offline(self) -> None:
        fresh = self._copy.fresh_at()
        when = local_time(fresh) if fresh else self.tr("okänd tid")
        self.banner.setText(
            self.tr("Offline – arbetar på lokal kopia från %s; beslut skickas när databasen nås igen.") % when
        )
        self.banner.setStyleSheet(BANNER_OFFLINE)

    def try_reconnect(self) -> None:
        if self._trying:
            return
        self._trying = True
        from app.models.db import open_database

        self._window.tasks.run(
            lambda: open_database(self._db_url),
            on_done=self._reachable,
            on_error=self._still_away,
            network=True,
        )

    def _still_away(self, _exc: BaseException) -> None:
        self._trying = False

    def _reachable(self, team: Any) -> None:
        from app.services.offline.replay import replay_journal

        def hand_over() -> Any:
            report = replay_journal(team, self._copy)
            self._copy.refresh(team)
            return report

        self._window.tasks.run(
            hand_over,
            on_done=lambda report: self._back(team, report),
            on_error=self._replay_failed,
            write=True,
        )

    def _remove_bar(self) -> None:
        self._window.removeToolBar(self.bar)

    def _replay_failed(self, _exc: BaseException) -> None:
        self._trying = False  # tried again at the next tick; the journal keeps what did not arrive

    def _back(self, team: Any, report: Any) -> None:
        from app.ui.main import build_moderation

        self.timer.stop()
        self._window.tasks.on_local_copy = False
        self._window.attach(team, build_moderation(team))
        self._window.sync.timer.blockSignals(False)
        sent = report.applied + report.already
        self.banner.setText(
            self.tr("Ansluten till teamdatabasen igen: %d beslut skickade, %d i konflikt.")
            % (sent, len(report.conflicts))
        )
        self.banner.setStyleSheet(BANNER_BACK)
        if report.conflicts:
            lines = [
                self.tr("Post %d: ditt beslut (%s) är sparat som konflikt; %s")
                % (c.item_id, c.action, c.message)
                for c in report.conflicts
            ]
            box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("Konflikter"), "\n".join(lines), parent=self._window
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
        QTimer.singleShot(15_000, self, self._remove_bar)
        self._window.copy_keeper = CopyKeeper(self._window, self._db_url)
        self.reconnected.emit(report)


class CopyKeeper(QObject):
    """While the window works on the team database: the local copy made, and brought up to date
    in the background a moment after each decision and each sync (incrementally)."""

    refreshed = Signal(object)  # RefreshResult
    went_offline = Signal()

    def __init__(
        self,
        window: Any,
        db_url: str | None,
        delay_ms: int = 3_000,
        probe_ms: int = PROBE_MS,
        *,
        switch_on_failure: bool = True,
    ) -> None:
        super().__init__(window)
        from app.models.db import resolve_url
        from app.services.offline.copy import LocalCopy

        self._window = window
        self._copy = LocalCopy.for_team(resolve_url(db_url))
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)
        window.moderation_actions.decided.connect(lambda _result: self.soon())
        window.sync.finished.connect(lambda _results: self.soon())
        self.soon()  # the first copy, or what changed while the window was closed
        self._db_url = db_url
        self._switched = False
        self._switch_on_failure = switch_on_failure

        self._probing = False
        self._probe = QTimer(self)
        self._probe.timeout.connect(self.probe)
        self._probe.start(probe_ms)
        # The first query that fails because the team database is away switches at once; the
        # probe is for a window left idle.
        if switch_on_failure:
            window.tasks.database_away.connect(self._away)

    def probe(self) -> None:
        """Is the team database still there? In the middle of work a pulled cable shows here
        within the probe's interval and the connect timeout; the window then goes on offline."""
        db = self._window.db
        if self._probing or db is None or db.dialect != "postgresql":
            return
        self._probing = True

        def ping() -> None:
            with db.engine.connect() as con:
                con.exec_driver_sql("SELECT 1")

        self._window.tasks.run(ping, on_done=self._answered, on_error=self._unanswered, network=True)

    def _answered(self, _result: object) -> None:
        self._probing = False

    def _unanswered(self, exc: BaseException) -> None:
        from app.models.pg_timeouts import go_offline

        self._probing = False
        if not self._switch_on_failure and go_offline(exc):  # else tasks.database_away did
            self._away(exc)

    def _away(self, exc: BaseException) -> None:
        """A query failed because the team database is away (or did not answer in time): the
        window goes on on the local copy now, with the banner; the failed action has said that
        nothing changed, and the next one is saved locally."""
        gone = self._window.db
        if self._switched or gone is None or gone.dialect != "postgresql" or not self._copy.exists():
            return
        from app.services.offline.journal import OfflineModeration

        self._switched = True
        self._probe.stop()
        self._timer.stop()
        if self._switch_on_failure:
            self._window.tasks.database_away.disconnect(self._away)
        moderation = OfflineModeration(self._copy)
        self._window.attach(self._copy.db, moderation)
        # Its connections are dead; the reconnection opens the team database afresh. Closed
        # once the work still running on it has ended (a connection it holds would otherwise
        # outlive the pool), off the GUI thread: closing may wait on the network.
        self._dispose_when_idle(gone, 60)
        self._window.offline_mode = OfflineMode(self._window, self._db_url, moderation)
        self.went_offline.emit()

    def _dispose_when_idle(self, gone: Any, tries: int) -> None:
        # Until then the window holds it, and closes it if it closes first (MainWindow.closeEvent).
        pending: list[Any] = self._window.__dict__.setdefault("gone_databases", [])
        if gone not in pending:
            pending.append(gone)
        if self._window.tasks.is_idle() or tries <= 0:
            pending.remove(gone)
            self._window.tasks.run(gone.dispose, network=True, on_error=lambda _exc: None)
        else:
            QTimer.singleShot(500, self, lambda: self._dispose_when_idle(gone, tries - 1))

    def soon(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """This window is being replaced: no more probes or refreshes from it."""
        self._switched = True
        self._probe.stop()
        self._timer.stop()
        if self._switch_on_failure:
            self._window.tasks.database_away.disconnect(self._away)

    def refresh(self) -> None:
        db = self._window.db
        if db is None or db.dialect != "postgresql":
            return
        if self._running:
            self._again = True
            return
        self._running = True
        copy = self._copy
        self._window.tasks.run(
            lambda: copy.refresh(db), on_done=self._done, on_error=self._failed, network=True
        )

    def _done(self, result: Any) -> None:
        self._running = False
        self.refreshed.emit(result)
        if self._again:
            self._again = False
            self.soon()

    def _failed(self, exc: BaseException) -> None:
        import logging

        self._running = False
        logging.getLogger(__name__).warning("the local copy could not be refreshed: %s", exc)


def carry_over(old: Any, new: Any) -> None:
    """A language switch builds the window again (app/ui/language_switch.py): the new one goes
    on offline with the banner, or keeps the copy up to date, as the old one did; the old one's
    timers stop (it closes, and must not reconnect or refresh on its own)."""
    mode = getattr(old, "offline_mode", None)
    if mode is not None and mode.timer.isActive():  # still offline
        mode.timer.stop()
        new.offline_mode = OfflineMode(
            new, mode._db_url, new.moderation_actions.moderation, mode.timer.interval()
        )
    keeper = getattr(old, "copy_keeper", None)
    if keeper is not None and not keeper._switched:
        keeper.stop()
        new.copy_keeper = CopyKeeper(
            new, keeper._db_url, keeper._timer.interval(), keeper._probe.interval(),
            switch_on_failure=keeper._switch_on_failure,
        )  # fmt: skip
