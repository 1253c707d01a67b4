from __future__ import annotations

import os
import subprocess
import sys

from app.services.queue.listing import QueueFilter, QueueService
from app.ui.main import READY_ENV, build_moderation


def test_granska_opens_the_window_on_demo_data_and_becomes_ready(tmp_path):
    """What scripts/run does: an empty database gets demo data, the queue is painted."""
    url = f"sqlite:///{tmp_path / 'run.db'}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{READY_ENV: "1"})
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", url, "--demo-if-empty"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    from app.models.db import open_database

    db = open_database(url)
    assert QueueService(db.sessions).count(QueueFilter()) == 500
    db.dispose()


def test_without_the_moderation_service_the_window_still_opens(sqlite_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "app.services.moderation.facade", None)  # a build without the service
    assert build_moderation(sqlite_db) is None


def test_the_window_shows_before_the_database_layer_is_loaded():
    """Start-up (P7): the window is built and shown while SQLAlchemy still loads behind it, so
    nothing the window imports at start may import the database layer. Import it inside the
    function that needs it (see app/ui/sync_action.py)."""
    code = (
        "import sys, app.cli, app.ui.main, app.ui.main_window; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"


MENUS_AFTER_START = """
import sys
from PySide6.QtCore import QTimer
from app.ui import main
from app.ui.main_window import MainWindow

events = []
shown = MainWindow.show

def show(window):
    shown(window)
    window.when_first_page_painted(lambda: events.append("first page"))

    def watch():
        titles = [a.text() for m in window.menus.values() for a in m.actions()]
        if {"Granskningslogg…", "Audit log…"} & set(titles):  # whichever language the system has
            events.append("views")
            print(events, flush=True)
            window.close()
        else:
            QTimer.singleShot(10, watch)

    watch()

MainWindow.show = show
sys.exit(main.run_gui(sys.argv[1], demo_if_empty=True))
"""


def test_the_menus_get_their_views_once_the_first_page_is_in(tmp_path):
    """The archive, export and screenshot views are installed after start-up, never lost: and
    the queue's first page is not held up by importing them."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop(READY_ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", MENUS_AFTER_START, f"sqlite:///{tmp_path / 'g.db'}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "['first page', 'views']", done.stdout


FIRST_PAGE_IMPORTS = """
import sys
from PySide6.QtCore import Qt
from app.ui import main
from app.ui.main_window import MainWindow

attach = MainWindow.attach
LATER = ("app.services.moderation.facade", "httpx", "holidays", "app.ui.settings.administrators_dialog")

def in_time(window, *args):
    attach(window, *args)

    def arrived(_rows):
        print(sorted(m for m in LATER if m in sys.modules), flush=True)
        window.close()

    window.queue.model.page_loaded.connect(arrived, Qt.ConnectionType.SingleShotConnection)

MainWindow.attach = in_time
sys.exit(main.run_gui(sys.argv[1], demo_if_empty=True))
"""


def test_the_first_page_arrives_before_the_actions_calendar_and_dialogs_load(tmp_path):
    """Start-up (P7): the moderation workflow (connectors, HTTP client), the holiday calendar
    and the Administratörer dialog load after the queue's first page, when first used (the
    paint follows the page's arrival; what the detail pane then starts may race with it)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop(READY_ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAGE_IMPORTS, f"sqlite:///{tmp_path / 'g.db'}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "[]", done.stdout


def test_the_moderation_service_is_built_when_first_used(sqlite_db):
    moderation = build_moderation(sqlite_db)
    assert moderation.offline_copy is None  # main.py: not the offline copy's journal
    replies = moderation.saved_replies()  # builds the real service, once
    assert isinstance(replies, list)
    assert moderation.service() is moderation.service()


def test_the_first_page_is_read_once_at_start_on_a_file_without_roles(qtbot, sqlite_db):
    """Who I am arrives after the first page; on a file without roles it changes nothing the
    queue shows, so the first page (a million items: a second query) is not read again, and
    the row the user has moved to stays chosen."""
    from app.services.intake.demo import load_demo
    from app.ui.main_window import MainWindow

    load_demo(sqlite_db.sessions, 20)
    window = MainWindow(sqlite_db, None)
    qtbot.addWidget(window)
    pages: list[int] = []
    window.queue.model.page_loaded.connect(pages.append)
    window.show()
    qtbot.waitUntil(lambda: window.team.me is not None and window.tasks.is_idle(), timeout=30_000)
    assert len(pages) == 1 and pages[0] > 0, pages
