"""#20: the archive's index on SQLite (archive_items, archive_fts) agrees with the saved copies,
decisions and registrations after every write, after a killed decision, and heals at start when
an earlier build left it broken."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text, update

from app.models import Evidence, Item
from app.models.archive_index import archive_key
from app.models.db import open_database
from app.services.context import Actor
from app.services.intake.demo import load_demo
from app.services.moderation.demo_decisions import decide_demo_share
from app.services.moderation.facade import ModerationService
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit import AuditService
from tests.faults.test_search_index import _granska
from tests.helpers import moderation as m


def _both_ways(service: ArchiveService, **kw) -> tuple[list[int], list[int]]:  # type: ignore[no-untyped-def]
    """The archive's page from its index, and as computed from the events themselves (the
    administrator filter takes the old path: every decider is named). The index orders by the
    latest event to the second, then by item id."""
    indexed = [e.item_id for e in service.search(ArchiveFilter(**kw), limit=1000)]
    everyone = ("sofia", "erik", "amina", "anna", "bertil", "testare")
    entries = service.search(ArchiveFilter(administrators=everyone, **kw), limit=1000)
    computed = [e.item_id for e in sorted(entries, key=lambda e: archive_key(*e.cursor), reverse=True)]
    return indexed, computed


def test_the_index_gives_the_archive_the_events_give(sqlite_db):
    load_demo(sqlite_db.sessions, 400)
    decide_demo_share(sqlite_db.sessions, 0.5, batch=50)
    service = ArchiveService(sqlite_db.sessions)
    for words in ("", "simhallen", "idioter", "anna", "hej när"):
        indexed, computed = _both_ways(service, text=words)
        assert indexed == computed, words
        assert service.count(ArchiveFilter(text=words)) == len(computed)
    assert len(_both_ways(service)[0]) == 200
    # Every column the list shows is the same either way: reason, decider, diarienummer, copies.
    everyone = ("sofia", "erik", "amina")
    computed = set(service.search(ArchiveFilter(administrators=everyone), limit=1000))
    assert set(service.search(ArchiveFilter(), limit=1000)) == computed
    registered = next(e.item_id for e in computed if e.reason_code is None)
    ModerationService(sqlite_db.sessions, actor=Actor("erik")).set_diarienummer(registered, "KS 2026/7")
    ModerationService(sqlite_db.sessions, actor=Actor("amina")).remove(registered, "reklam")
    [entry] = [e for e in service.search(ArchiveFilter(), limit=1000) if e.item_id == registered]
    assert (entry.diarienummer, entry.reason_code, entry.decided_by, entry.evidence_count) == (
        "KS 2026/7",
        "reklam",
        "amina",
        2,
    )
    # A later removal of an archived item moves it to the top; an edit of a saved copy shows.
    later = sqlite_db.sessions
    [first, *_] = _both_ways(service)[0][::-1]
    m.save_evidence(later, first, at=datetime(2030, 1, 1, tzinfo=UTC), by="anna")
    assert _both_ways(service)[0][0] == first
    with later.begin() as session:
        session.execute(update(Evidence).where(Evidence.item_id == first).values(payload='{"text":"ändrad"}'))
    assert [e.item_id for e in service.search(ArchiveFilter(text="ändrad"))] == [first]


def _break(path) -> None:  # type: ignore[no-untyped-def]
    """An earlier build: a trigger gone, then a copy saved that the index never saw."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER archive_evidence_ai")
    con.execute(
        "INSERT INTO evidence (item_id, saved_at, saved_by, payload, sha256) SELECT id, "
        "'2031-01-01 00:00:00.000000', 'eva', '{\"item\":{\"text\":\"Borttappad kopia\"}}', 'x' "
        "FROM items LIMIT 1"
    )
    con.commit()
    con.close()


def test_a_broken_archive_index_heals_at_start_with_a_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    load_demo(db.sessions, 60)
    decide_demo_share(db.sessions, 0.5)
    db.dispose()
    _break(tmp_path / "g.db")
    db = open_database(url)
    try:
        assert any("Arkivets sökindex saknade utlösare (archive_evidence_ai)" in x for x in db.messages)
        assert any("Arkivets sökindex stämde inte" in x for x in db.messages)
        assert len(ArchiveService(db.sessions).search(ArchiveFilter(text="borttappad"))) == 1
    finally:
        db.dispose()
    assert open_database(url).messages == []  # healed once, quiet afterwards


@pytest.mark.parametrize("fault", ["kill@3", "kill@6", "raise@5"])
def test_a_removal_killed_half_way_leaves_archive_and_index_agreeing(tmp_path, fault):
    url = f"sqlite:///{tmp_path / 'g.db'}"
    db = open_database(url)
    load_demo(db.sessions, 40)
    with db.sessions() as session:
        item_id = session.scalar(select(Item.id).where(Item.kind == "comment").order_by(Item.id).limit(1))
    db.dispose()
    killed = _granska(url, "remove", str(item_id), "--reason", "reklam", fault=fault)
    assert killed.returncode in (-9, 1), killed.stderr
    db = open_database(url)
    try:
        assert db.messages == []  # nothing to heal: the index went back with the write
        service = ArchiveService(db.sessions)
        assert service.search(ArchiveFilter()) == []
        with db.engine.connect() as con:
            assert con.execute(text("SELECT count(*) FROM archive_fts")).scalar() == 0
    finally:
        db.dispose()
    again = _granska(url, "remove", str(item_id), "--reason", "reklam")
    assert again.returncode in (0, 3), again.stderr
    db = open_database(url)
    try:
        assert db.messages == []
        service = ArchiveService(db.sessions)
        [entry] = service.search(ArchiveFilter())
        word = max(entry.text.split(), key=len).strip(".,!?")
        assert entry.item_id == item_id and [e.item_id for e in service.search(ArchiveFilter(text=word))] == [
            item_id
        ]
        with db.sessions() as session:
            assert session.scalar(select(func.count()).select_from(Evidence)) == 1
        assert AuditService(db.sessions).verify([]).intact
    finally:
        db.dispose()
