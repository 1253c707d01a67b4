from __future__ import annotations

import os
import subprocess
import sys

from app.services.queue import QueueFilter, QueueService
from app.ui.main import READY_ENV, build_moderation


def test_granska_opens_the_window_on_demo_data_and_becomes_ready(tmp_path):
    """What scripts/run does: an empty database gets demo data, the queue is painted."""
    url = f"sqlite:///{tmp_path / 'run.db'}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{READY_ENV: "1"})
    done = subprocess.run([sys.executable, "-m", "app.cli", "--db", url, "--demo-if-empty"], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    from app.models.db import open_database

    db = open_database(url)
    assert QueueService(db.sessions).count(QueueFilter()) == 500
    db.dispose()


def test_without_the_moderation_service_the_window_still_opens(sqlite_db, monkeypatch):
    monkeypatch.setitem(sys.modules, "app.services.moderation", None)  # as before issue #4 lands
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
