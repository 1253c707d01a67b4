"""Migration 0004_audit: a database written by the build before the seals (revision
0003_search_keys, by that build's own code, checked out from git) is upgraded; the chain it
had is kept event for event and extended by one "audit_sealed" event that seals its records."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text, update

from app.models import AuditEvent, AuditSeal, Decision
from app.models.db import open_database
from app.services.records.audit import AuditService

ROOT = Path(__file__).resolve().parents[2]
# main at 0003_search_keys, the last build without seals
OLD_BUILD = "1d39296946a266b07efe953bb32e8a31c0fd17d1"

OLD_PATHS = ("app", "resources", "tests/__init__.py", "tests/helpers")

# Run by the old build, so in its own module names (before app/services was grouped by duty).
OLD_WRITES = """
import sys
from app.models.db import open_database
from app.services.accounts import AccountService
from app.services.context import Actor
from app.services.moderation import ModerationService
from app.services.screen_capture import CapturedImage
from app.services.screenshots import ScreenshotService
from tests.helpers.workflow import make_item

db = open_database(sys.argv[1])
AccountService(db.sessions).add_administrator("erik", "Erik Holm", email="erik@kommun.example")
removed = make_item(db.sessions, "Ni är idioter")
kept = make_item(db.sessions, "Tack!")
registered = make_item(db.sessions, "Jag vill anmäla en brist")
erik = ModerationService(db.sessions, actor=Actor(username="erik"))
erik.remove(removed, "personangrepp")
erik.confirm_removed(removed)
erik.keep(kept)
erik.register(registered, "arende", "Ett ärende.")
erik.set_diarienummer(registered, "KS/2026:5")
ScreenshotService(db.sessions).file_screenshot("fb", CapturedImage(bytes(36), 4, 3).png())
db.dispose()
"""


def _old_build(folder: Path) -> Path:
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", OLD_BUILD, *OLD_PATHS],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.fail(f"the build before the seals ({OLD_BUILD}) is not in this clone's history: {exc}")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


@pytest.mark.not_on_windows(
    "the old build is taken out of this clone's history with git, which the Windows Python under "
    "Wine has no access to (the Linux run covers the migration on both databases)"
)
def test_a_database_of_the_build_before_is_sealed_and_its_chain_kept(db_url, tmp_path):
    old = _old_build(tmp_path / "old")
    env = {**os.environ, "PYTHONPATH": str(old)}
    result = subprocess.run(
        [sys.executable, "-c", OLD_WRITES, db_url],
        cwd=old,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    engine = create_engine(db_url)
    with engine.connect() as con:
        assert con.scalar(text("SELECT version_num FROM alembic_version")) == "0003_search_keys"
        before = list(con.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)))
    engine.dispose()
    assert len(before) >= 6

    db = open_database(db_url)
    try:
        with db.sessions() as s:
            after = list(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)))
            last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
            kinds = set(s.scalars(select(AuditSeal.kind).where(AuditSeal.event_id == last.id)))
        assert after[: len(before)] == before  # kept, never re-written
        assert len(after) == len(before) + 1 and last.action == "audit_sealed"
        assert last.details["migration"] == "0004_audit"
        assert {
            "evidence",
            "decision",
            "registration",
            "notice",
            "screenshot",
            "item",
            "account",
            "administrator",
        } <= kinds
        report = AuditService(db.sessions).verify()
        assert report.intact, report.problems
        # From now on the old records are covered: an edit to one is named.
        with db.sessions.begin() as s:
            s.execute(update(Decision).where(Decision.action == "keep").values(motivation="ändrad"))
        report = AuditService(db.sessions).verify()
        assert report.first_broken_record is not None and report.first_broken_record.startswith("Beslut")
    finally:
        db.dispose()


def test_a_new_empty_database_gets_no_migration_event(database):
    assert AuditService(database.sessions).count() == 0
