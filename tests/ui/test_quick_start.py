"""Start-up (P7, app/ui/quick_start.py): on a current workstation file the queue's first page is
painted from plain sqlite3 before the database layer has loaded, then handed over to the normal
model in place; on a file that is not current, or marked for a check, the window takes the whole
way as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.models.db import alembic_config, open_database
from app.models.sqlite_checks import SUSPECT_SUFFIX
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from app.services.queue.quick_window import open_quick
from app.ui.main import READY_ENV

# Runs `granska` (run_gui) on argv[1]; at the first paint of the queue's rows it notes what the
# window shows, then presses the keys in argv[2]; once the database is open and every task done,
# it notes the queue again and prints it all as JSON. When the window, painted, tells the start-up
# thread to import the database layer, it notes whether SQLAlchemy was loaded already. (That
# thread also imports it after IMPORT_AT_THE_LATEST_S unpainted: on CI's loaded machine the
# paint once came later than that, so here it waits for the paint alone.)
START = """
import json, sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from app.ui import main, quick_start
from app.ui.main_window import MainWindow

notes = {}
shown = MainWindow.show
quick_start.IMPORT_AT_THE_LATEST_S = 600
told = quick_start.Starter.go

def go(starter):
    notes.setdefault("told to import", {"sqlalchemy": "sqlalchemy" in sys.modules})
    told(starter)

quick_start.Starter.go = go

def rows(window):
    model = window.queue.model
    return [model.item_id(r) for r in range(model.rowCount())]

def show(window):
    shown(window)
    resets = []
    window.queue.model.modelReset.connect(lambda: resets.append(1))

    def painted():
        current = window.queue.current_item()
        notes["painted"] = {
            "rows": rows(window), "db": window.db is not None, "current": current and current.id,
            "sqlalchemy": "sqlalchemy" in sys.modules, "counts": window.queue.counts,
            "tab": window.queue.tabs.tabText(0), "detail": window.detail.placeholder.text(),
        }
        resets.clear()
        for key in sys.argv[2]:
            QTest.keyClick(window.queue.table, key)
        notes["said"] = window.statusBar().currentMessage()
        chosen = window.queue.current_item()
        target.append(chosen and chosen.id)
        QTimer.singleShot(0, settled)

    target, waits = [], []

    def settled():
        busy = window.db is None or not window.tasks.is_idle() or window.queue.model.loading
        # A decided item leaves the page with the reload the decision asks for, which may be
        # queued just after the decision's signal: give it a few seconds on a loaded machine.
        if busy or ("O" in sys.argv[2] and not notes.get("decided")):
            QTimer.singleShot(20, settled)
            return
        if notes.get("decided") and target[0] in rows(window) and len(waits) < 250:
            waits.append(1)
            QTimer.singleShot(20, settled)
            return
        current = window.queue.current_item()
        notes["after"] = {"rows": rows(window), "current": current and current.id}
        print(json.dumps(notes), flush=True)
        window.close()

    def page_in(_rows):
        if window.db is not None and "handed over" not in notes:
            current = window.queue.current_item()
            notes["handed over"] = {
                "rows": rows(window), "current": current and current.id, "resets": len(resets)
            }

    window.when_first_page_painted(painted)
    window.queue.model.page_loaded.connect(page_in)
    window.moderation_actions.decided.connect(lambda _r: notes.__setitem__("decided", True))

MainWindow.show = show
sys.exit(main.run_gui(sys.argv[1]))
"""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("quick-start") / "demo.db"
    assert main(["--db", f"sqlite:///{path}", "demo", "--items", "300", "--decided", "0.3"]) == 0
    return path


def _start(path: Path, keys: str = "", home: Path | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_LOGGING_RULES="qt.qpa.*=false")
    env.pop(READY_ENV, None)
    if home is not None:  # the window's remembered state out of the user's folders
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            env[var] = str(home / var)
    done = subprocess.run(
        [sys.executable, "-c", START, f"sqlite:///{path}", keys],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _first_page(path: Path) -> tuple[list[int], int]:
    """The Nya queue's first page and count, the whole way."""
    db = open_database(f"sqlite:///{path}")
    try:
        queue = QueueService(db.sessions)
        page = queue.page(QUEUES[0].narrow(QueueFilter()), limit=100)
        return [i.id for i in page], queue.queue_counts(QueueFilter())["new"]
    finally:
        db.dispose()


def test_the_first_page_shows_before_the_database_layer_and_stays_when_it_takes_over(demo_file, tmp_path):
    notes = _start(demo_file, home=tmp_path)
    painted, after = notes["painted"], notes["handed over"]
    whole, count = _first_page(demo_file)
    # Painted from plain sqlite3: the database not open, and SQLAlchemy not even imported when
    # the painted window let the database layer load.
    assert not painted["db"] and notes["told to import"] == {"sqlalchemy": False}
    assert painted["rows"] == whole and painted["current"] == whole[0]
    assert painted["tab"].endswith(f"  {count}") and painted["counts"]["new"] == count  # the kept counts
    assert painted["detail"] in ("Öppnar databasen…", "Opening the database…")
    # Handed over in place: the same rows, the same item chosen, the model never reset.
    assert after == {"rows": whole, "current": whole[0], "resets": 0}


def test_a_decision_made_right_after_start_waits_for_the_database_and_is_made(demo_file, tmp_path):
    import shutil

    path = tmp_path / "decide.db"
    shutil.copy(demo_file, path)
    whole, _count = _first_page(path)
    # J moves to the second item before the database is open; O keeps it.
    notes = _start(path, keys="JO", home=tmp_path)
    assert not notes["painted"]["db"]
    assert notes["said"] in (
        "Databasen öppnas. Åtgärden görs när den är öppen.",
        "The database is opening. The action will be done when it is open.",
    )
    assert whole[1] not in notes["after"]["rows"]  # kept: it left the Nya queue
    db = open_database(f"sqlite:///{path}")
    try:
        kept = QueueService(db.sessions).summaries([whole[0], whole[1]])
    finally:
        db.dispose()
    assert kept[whole[1]].status == "kept" and kept[whole[0]].status == "new"
    assert main(["--db", f"sqlite:///{path}", "audit", "verify"]) == 0


def _older(path: Path) -> None:
    from alembic import command

    db = open_database(f"sqlite:///{path}")
    with db.engine.begin() as con:
        command.downgrade(alembic_config(con), "-1")
    db.dispose()


def test_a_file_that_is_not_current_or_is_marked_for_a_check_takes_the_whole_way(demo_file, tmp_path):
    import shutil

    assert open_quick(f"sqlite:///{demo_file}") is not None
    older = tmp_path / "older.db"
    shutil.copy(demo_file, older)
    _older(older)
    assert open_quick(f"sqlite:///{older}") is None
    marked = tmp_path / "marked.db"
    shutil.copy(demo_file, marked)
    marked.with_name(marked.name + SUSPECT_SUFFIX).touch()
    assert open_quick(f"sqlite:///{marked}") is None
    assert open_quick("postgresql://nobody@127.0.0.1:1/none") is None
    # The window on the older file: the first page comes through the whole way (migrated).
    notes = _start(older, home=tmp_path)
    assert notes["painted"]["db"] and notes["painted"]["sqlalchemy"]
    assert notes["after"]["rows"] == _first_page(older)[0] and notes["after"]["rows"]


def test_a_search_index_that_needs_repair_is_left_to_the_whole_way(demo_file, tmp_path):
    """The quick read only reads: a missing trigger is for the opening to repair."""
    import shutil
    import sqlite3

    path = tmp_path / "trigger.db"
    shutil.copy(demo_file, path)
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER items_fts_ai")
    con.commit()
    con.close()
    assert open_quick(f"sqlite:///{path}") is None
    con = sqlite3.connect(path)
    assert not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'items_fts_ai'").fetchall()
    con.close()


def test_a_page_that_changed_before_the_hand_over_is_shown_anew_on_the_same_item(qtbot, demo_file, tmp_path):
    """An item decided elsewhere between the quick read and the database layer's: the queue
    shows the page as it is now, and the administrator stays on the item they had chosen."""
    import shutil
    import sqlite3

    from app.ui.main_window import MainWindow
    from app.ui.quick_start import show_first_page

    path = tmp_path / "changed.db"
    shutil.copy(demo_file, path)
    window = MainWindow()
    qtbot.addWidget(window)
    quick = open_quick(f"sqlite:///{path}")
    assert quick is not None and show_first_page(window, quick)
    quick_rows = [window.queue.model.item_id(r) for r in range(window.queue.model.rowCount())]
    window.queue.select_row(3)
    chosen = window.queue.current_item().id
    con = sqlite3.connect(path)  # a colleague's decision on the second item
    con.execute("UPDATE items SET status = 'kept' WHERE id = ?", (quick_rows[1],))
    con.commit()
    con.close()
    db = open_database(f"sqlite:///{path}")
    try:
        resets: list[int] = []
        window.queue.model.modelReset.connect(lambda: resets.append(1))
        with qtbot.waitSignal(window.queue.model.page_loaded, timeout=30_000):
            window.attach(db, None)
        rows = [window.queue.model.item_id(r) for r in range(window.queue.model.rowCount())]
        assert quick_rows[1] not in rows and rows == _first_page(path)[0]
        assert resets == [1] and window.queue.current_item().id == chosen
        qtbot.waitUntil(window.tasks.is_idle, timeout=30_000)
    finally:
        window.close()
        db.dispose()
