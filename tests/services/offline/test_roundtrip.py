"""The offline round trip against a real PostgreSQL server that the test stops and starts: fill
the local copy, lose the server, read and decide on the copy, someone else decides one of the
items on the server meanwhile, the server comes back, the journal is replayed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Decision, Evidence, OfflineDecision
from app.models.db import Database, open_database
from app.models.pg_timeouts import DatabaseUnreachable
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.offline.copy import LocalCopy
from app.services.offline.journal import SAVED_LOCALLY, OfflineModeration, journal_entries
from app.services.offline.replay import replay_journal
from app.services.queue.listing import QueueService
from app.services.queue.shapes import QueueFilter
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit import AuditService
from app.services.records.package_verify import verify_package
from app.services.records.packages import EvidencePackager
from tests.helpers.databases import sessions_as
from tests.helpers.moderation import add_item
from tests.helpers.private_postgres import PrivatePostgres

pytestmark = pytest.mark.not_on_windows(
    "the private PostgreSQL server these tests stop and start runs on Linux (scripts/test)"
)

NOW = datetime.now(UTC).replace(microsecond=0)


def _team(private_postgres: PrivatePostgres) -> Database:
    return open_database(private_postgres.url)


def _fill(team: Database) -> list[int]:
    texts = [f"Kommentar nummer {n} om badhuset" for n in range(6)]
    return [add_item(team.sessions, t, external_id=f"c{n}", created_at=NOW) for n, t in enumerate(texts)]


def test_unreachable_server_is_said_in_swedish_within_seconds(private_postgres: PrivatePostgres) -> None:
    team = _team(private_postgres)
    with team.engine.connect() as con:  # a statement the server works on is bounded too
        assert con.exec_driver_sql("SHOW statement_timeout").scalar() == "5min"
        libpq = con.connection.dbapi_connection.info.get_parameters()  # what the client asked for
        assert libpq["connect_timeout"] == "2" and libpq["tcp_user_timeout"] == "2000"
        assert libpq["keepalives_idle"] == "5" and libpq["keepalives_count"] == "2"
    team.dispose()
    private_postgres.stop()
    started = time.monotonic()
    with pytest.raises(DatabaseUnreachable) as raised:
        open_database(private_postgres.url)
    assert time.monotonic() - started < 5
    assert "Teamdatabasen" in str(raised.value) and "nås inte" in str(raised.value)
    assert "connection" not in str(raised.value).lower()


def test_silent_server_is_noticed_within_the_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """A listener that accepts and never answers: a black-holed link as the client sees it."""
    import socket

    monkeypatch.setenv("GRANSKA_PG_CONNECT_TIMEOUT_S", "2")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        port = listener.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(DatabaseUnreachable) as raised:
            open_database(f"postgresql+psycopg://x@127.0.0.1:{port}/granska")
        assert time.monotonic() - started < 4
    assert f"127.0.0.1:{port} nås inte (inget svar inom 2 s)" in str(raised.value)


def test_offline_round_trip(private_postgres: PrivatePostgres, tmp_path: Path) -> None:
    team = _team(private_postgres)
    ids = _fill(team)
    copy = LocalCopy(tmp_path / "offline" / "kopia.db")
    first = copy.refresh(team)
    assert first.full and first.items == 6
    if sys.platform != "win32":
        assert stat.S_IMODE(copy.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.path.parent.stat().st_mode) == 0o700
    team.dispose()
    private_postgres.stop()

    # Reading works on the copy.
    queue = QueueService(copy.db.sessions).page(QueueFilter(), limit=50)
    assert sorted(i.id for i in queue) == ids
    assert [i.id for i in QueueService(copy.db.sessions).page(QueueFilter(search="nummer 3"), limit=50)] == [
        ids[3]
    ]

    # Five decisions offline, with the evidence saved from the copy.
    offline = OfflineModeration(copy, actor=Actor("postgres"))
    outcomes = [
        offline.remove(ids[0], "svordomar"),
        offline.remove(ids[1], "personangrepp"),
        offline.register(ids[2], "arende", "Fråga om badhusets öppettider"),
        offline.keep(ids[3]),
        offline.forward(ids[4], "fritid@kommun.example", "Gäller öppettider"),
    ]
    assert all(o.pending and o.message == SAVED_LOCALLY for o in outcomes)
    entries = journal_entries(copy)
    assert [e.item_id for e in entries] == ids[:5]
    assert all(e.evidence_sha256 for e in entries[:3])

    # The Arkiv and an evidence package, on the copy, offline.
    archived = {e.item_id for e in ArchiveService(copy.db.sessions).search(ArchiveFilter())}
    assert {ids[0], ids[1], ids[2]} <= archived
    package = tmp_path / "paket.zip"
    EvidencePackager(copy.db.sessions, Actor("postgres")).build([ids[0]], package)
    assert verify_package(package).ok
    assert zipfile.ZipFile(package).namelist()

    # Meanwhile another administrator keeps item 3 directly on the private_postgres.
    private_postgres.start()
    team = _team(private_postgres)
    anna = ModerationService(sessions_as(team.sessions, "anna"), actor=Actor("anna"))
    anna.keep(ids[3])

    report = replay_journal(team, copy)
    assert report.applied == 4 and len(report.conflicts) == 1
    assert report.conflicts[0].item_id == ids[3]
    assert report.conflicts[0].team_decision is not None
    assert report.conflicts[0].team_decision["decided_by"] == "anna"
    assert journal_entries(copy) == []

    with team.sessions() as session:
        per_item = dict(
            session.execute(select(Decision.item_id, func.count()).group_by(Decision.item_id)).all()
        )
        kept = session.scalars(select(OfflineDecision).order_by(OfflineDecision.item_id)).all()
        evidence_items = set(session.scalars(select(Evidence.item_id)))
    assert per_item == {ids[0]: 1, ids[1]: 1, ids[2]: 1, ids[3]: 1, ids[4]: 1}  # anna's on 3 only
    assert [(k.item_id, k.outcome) for k in kept] == [
        (ids[0], "applied"),
        (ids[1], "applied"),
        (ids[2], "applied"),
        (ids[3], "conflict"),
        (ids[4], "applied"),
    ]
    assert {ids[0], ids[1], ids[2]} <= evidence_items
    assert all(k.evidence_sha256 for k in kept[:3])  # the offline evidence, kept as well
    assert AuditService(team.sessions).verify().problems == ()

    # Again: nothing doubled.
    again = replay_journal(team, copy)
    assert again.applied == 0 and not again.conflicts
    copy.close()
    team.dispose()


def test_replay_killed_after_commit_resumes_without_doubles(
    private_postgres: PrivatePostgres, tmp_path: Path
) -> None:
    team = _team(private_postgres)
    ids = _fill(team)
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(team)
    offline = OfflineModeration(copy, actor=Actor("postgres"))
    for item in ids[:3]:
        offline.keep(item)
    copy.close()
    script = (
        "from pathlib import Path\n"
        "from app.models.db import open_database\n"
        "from app.services.offline.copy import LocalCopy\n"
        "from app.services.offline.replay import replay_journal\n"
        f"replay_journal(open_database({private_postgres.url!r}), LocalCopy(Path({str(copy.path)!r})))\n"
    )
    env = {**os.environ, "GRANSKA_CRASH_AT": "offline-replayed"}
    killed = subprocess.run([sys.executable, "-c", script], env=env, check=False)
    assert killed.returncode == 86  # died after the first decision arrived, before its journal entry went
    assert len(journal_entries(copy)) == 3

    report = replay_journal(team, copy)
    assert report.already == 1 and report.applied == 2
    with team.sessions() as session:
        decisions = session.scalar(select(func.count()).select_from(Decision))
        arrived = session.scalar(select(func.count()).select_from(OfflineDecision))
    assert decisions == 3 and arrived == 3
    assert journal_entries(copy) == []
    assert AuditService(team.sessions).verify().problems == ()
    copy.close()
    team.dispose()


def test_a_decision_when_the_server_went_away_is_told_in_swedish_and_changes_nothing(
    private_postgres: PrivatePostgres,
) -> None:
    from app.core.errors import EnvironmentFault

    team = _team(private_postgres)
    ids = _fill(team)
    service = ModerationService(team.sessions, actor=Actor("postgres"))
    service.keep(ids[0])  # the pool holds a connection that the server's stop will cut
    private_postgres.stop()
    with pytest.raises(EnvironmentFault) as raised:
        service.keep(ids[1])
    said = str(raised.value)
    assert said.startswith("Teamdatabasen nås inte längre (") and "connection" not in said.lower()
    private_postgres.start()
    service.keep(ids[1])  # the next ordinary action works
    with team.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 2
    assert AuditService(team.sessions).verify().problems == ()
    team.dispose()
