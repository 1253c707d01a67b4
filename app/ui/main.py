"""Starting the GUI: the display check, the language, the database, and the main window."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

log = logging.getLogger(__name__)

# Set by bench/queue_window.py and the tests: quit as soon as the window ("window") or the first page of
# the queue (anything else) is painted.
READY_ENV = "GRANSKA_QUIT_WHEN_READY"

# The menus' other views install once the queue's first page is in, or after this long.
VIEWS_AT_THE_LATEST_MS = 2000


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def build_moderation(db: Any) -> Any:
    """The ModerationService (app/services/moderation/facade.py), built when first used (see
    app/ui/deferred_moderation.py), or None when it cannot be loaded: the window then shows the
    queue and says so when an action is tried."""
    from importlib.util import find_spec

    if find_spec("app.services.moderation.facade") is None:
        log.warning("app.services.moderation.facade is missing: actions are disabled")
        return None
    from app.ui.deferred_moderation import DeferredModeration

    return DeferredModeration(db.sessions)


def open_for_window(db_url: str | None, demo_if_empty: bool) -> tuple[Any, Any]:
    """Runs on a worker thread while the window is already up: the database layer's import,
    the migrations, the corrupt-file check and (for scripts/run) the demo data."""
    from app.models.pg_timeouts import DatabaseUnreachable
    from app.services.accounts.team_credentials import open_as_me

    try:
        # On PostgreSQL with the password `granska login` kept; the whole-file checks later.
        db = open_as_me(db_url, defer_checks=True)
    except DatabaseUnreachable as exc:  # the team database is away: the local copy, if there is one
        from app.ui.offline_mode import open_copy

        return open_copy(db_url, exc)
    if demo_if_empty:
        from app.services.intake.demo import load_demo
        from app.services.queue.listing import QueueFilter, QueueService

        if QueueService(db.sessions).count(QueueFilter()) == 0:
            load_demo(db.sessions, 500)
    return db, build_moderation(db)


# The start-up thread (app/ui/quick_start.py): joined before anything else imports the database
# layer: two threads importing one package at once can see it half-initialised ("cannot import
# name … from partially initialized module 'sqlalchemy.engine'").
_LOADERS: list[Any] = []


def _open_when_imported(db_url: str | None, demo_if_empty: bool) -> tuple[Any, Any]:
    for loader in _LOADERS:
        loader.join()
    return open_for_window(db_url, demo_if_empty)


def run_gui(db_url: str | None, *, demo_if_empty: bool = False) -> int:
    if not has_display():
        print(
            "granska: ingen skärm hittades (varken DISPLAY eller WAYLAND_DISPLAY är satt). "
            "Starta Granska i en grafisk session, eller använd kommandoraden: granska --help",
            file=sys.stderr,
        )
        return 1
    from app.ui.quick_start import Starter, show_first_page

    # The file checked (and the database layer imported after the first paint) on a thread of
    # its own while Qt starts and the window is built.
    starter = Starter(db_url, quick=not demo_if_empty)
    _LOADERS.append(starter)
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    from app.ui.pyside_imports import quicken_feature_check

    quicken_feature_check()  # before the window's modules and the database layer are imported
    from app.ui.core_text import error_text, window_text
    from app.ui.main_window import MainWindow
    from app.ui.translations import SETTING, choose_language, install_translators
    from app.ui.window_state import user_settings
    from app.version import APP_ID, APP_NAME, ORGANIZATION

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName(APP_ID)
    from app.core.machine_policy import machine_policy

    chosen = str(user_settings().value(SETTING, "auto"))
    install_translators(app, choose_language(chosen, machine=machine_policy().language))

    # The window first, so it is there at once; the database opens behind it.
    window = MainWindow()
    window.moderation_actions.opening = True  # an action started now waits for the database
    quick = starter.quick()
    if quick is not None and show_first_page(window, quick):
        window.when_painted(starter.go)  # (with its rows, if any) then the database layer
    else:
        starter.go()
    window.show()
    ready = os.environ.get(READY_ENV)
    if ready:

        def say_ready() -> None:
            print("granska: ready", flush=True)
            window.close()

        (window.when_painted if ready == "window" else window.when_first_page_painted)(say_ready)

    installed: list[bool] = []

    def install_views() -> None:
        """The menus' other views (audit, archive, export, screenshots…) hook in once the queue's
        first page is painted, so nothing they do at start holds that page up."""
        if installed:
            return
        installed.append(True)
        from app.ui.views import install_views as install_all

        install_all(window)
        QTimer.singleShot(0, check_after_start)

    def check_after_start() -> None:
        """What reads the whole file or counts every row, on the writer once the queue shows;
        the user hears of it only when something was found."""
        from app.models.deferred_checks import run_deferred_checks

        db = window.db
        if db is not None:
            window.tasks.run(lambda: run_deferred_checks(db), on_done=tell, on_error=tell_failure, write=True)

    def tell(messages: list[str]) -> None:
        for message in messages:
            box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, window_text(message), parent=window)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()

    def tell_failure(exc: BaseException) -> None:
        tell([error_text(exc)])

    def first_page_in(rows: int) -> None:
        if rows:  # after the paint, not in the middle of it
            window.when_first_page_painted(lambda: QTimer.singleShot(0, install_views))
        else:
            install_views()

    def opened(result: tuple[Any, Any]) -> None:
        db, moderation = result
        window.queue.model.page_loaded.connect(first_page_in, Qt.ConnectionType.SingleShotConnection)
        window.attach(db, moderation)
        if getattr(moderation, "offline_copy", None) is not None:
            from app.ui.offline_mode import OfflineMode

            window.offline_mode = OfflineMode(window, db_url, moderation)
        elif db.dialect == "postgresql":
            from app.ui.offline_mode import CopyKeeper

            window.copy_keeper = CopyKeeper(window, db_url)
        QTimer.singleShot(VIEWS_AT_THE_LATEST_MS, install_views)  # a slow or failed first page
        if db.moved_aside:  # stays in the status bar until acknowledged (granska db moved-aside)
            label = QLabel(
                QCoreApplication.translate(
                    "Startup",
                    "Databasen var skadad och flyttades undan: %s (kvittera med "
                    "granska db moved-aside --ack)",
                )
                % ", ".join(e.moved_to for e in db.moved_aside)
            )
            label.setStyleSheet("color: #b00020; font-weight: bold")
            window.statusBar().addPermanentWidget(label)
            window.moved_aside_warning = label
        tell(db.messages)

    def failed(exc: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, error_text(exc), parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        app.exit(1)

    def open_database() -> None:
        window.tasks.run(
            lambda: _open_when_imported(db_url, demo_if_empty),
            on_done=opened,
            on_error=failed,
            label=QCoreApplication.translate("Startup", "Öppnar databasen…"),
            write=True,
        )

    # After the first paint: importing the database layer competes with painting for the GIL.
    window.when_painted(open_database)
    code = app.exec()
    if window.db is not None:
        window.db.dispose()
    return code
