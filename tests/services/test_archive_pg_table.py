"""#20: the archive's own table on PostgreSQL (archive_items, 0011_perf20e) gives the page the
events give (list, search with Swedish stemming, hostile text, paging), is kept by every write
in the write's own transaction, and is read under row-level security as the saved copies are."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from psycopg import errors
from sqlalchemy import text, update

from app.models import Evidence, Item
from app.services.intake.demo import load_demo
from app.services.moderation.demo_decisions import decide_demo_share
from app.services.records import archive_paging_pg
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.records.audit import AuditService
from tests.helpers import moderation as m
from tests.services.test_team_database import ANNA, BO, CHEF, RUT, _sql, team  # noqa: F401

pytestmark = pytest.mark.postgres
EVERYONE = ("sofia", "erik", "amina", "anna", "bertil", "testare", "cecilia", "postgres")
HOSTILE = ("'; DROP TABLE archive_items; --", "a & b | !c", "simhallen:*", "\\", "(((", "'\"", "ö*")


def _both_ways(service: ArchiveService, limit: int = 1000, **kw):  # type: ignore[no-untyped-def]
    """The page from the table, and as computed from the events themselves (the administrator
    filter takes that path, every decider named)."""
    return (
        service.search(ArchiveFilter(**kw), limit=limit),
        service.search(ArchiveFilter(administrators=EVERYONE, **kw), limit=limit),
    )


@pytest.mark.parametrize("many", [3, archive_paging_pg.MANY])
def test_the_table_gives_the_page_the_events_give(pg_db, monkeypatch, many):
    """`many`: above that many matches a search walks the time order (3: every search here)."""
    monkeypatch.setattr(archive_paging_pg, "MANY", many)
    load_demo(pg_db.sessions, 300)
    decide_demo_share(pg_db.sessions, 0.5, batch=50)
    hostile = m.add_item(pg_db.sessions, "Elak text: '; DROP TABLE archive_items; -- a & b | !c (((")
    m.remove(pg_db.sessions, hostile, "personangrepp")
    service = ArchiveService(pg_db.sessions)
    for words in ("", "simhallen", "idioter", "idiot", "anna", "hej när", *HOSTILE):
        new, old = _both_ways(service, text=words)
        assert new == old, words  # every column, in the same order
        assert service.count(ArchiveFilter(text=words)) == len(old), words
    assert len(_both_ways(service)[0]) > 100
    # Swedish stemming: "idiot" finds what "idioter" finds (the saved copies say "idioter").
    assert _both_ways(service, text="idiot")[0]
    assert [e.item_id for e in _both_ways(service, text="drop table")[0]] == [hostile]
    # Paging from a cursor walks the same order.
    new, old = _both_ways(service, limit=25)
    nxt, old_nxt = (service.search(ArchiveFilter(**kw), after=new[-1].cursor, limit=25) for kw in
                    ({}, {"administrators": EVERYONE}))  # fmt: skip
    assert nxt == old_nxt and nxt[0].cursor < new[-1].cursor
    for keys in (("fb",), ("yt", "ig")):
        new, old = _both_ways(service, account_keys=keys)
        assert new == old


def test_every_write_keeps_the_table_and_a_failed_one_leaves_it(pg_db):
    s = pg_db.sessions
    service = ArchiveService(s)
    copy_only = m.add_item(s, "Sparad kopia om simhallen", author_name="David Dahl")
    m.remove(s, copy_only, "reklam")
    removed = m.add_item(s, "Ni är idioter allihop")
    m.remove(s, removed, "personangrepp")
    assert {e.item_id for e in service.search(ArchiveFilter(text="simhallen"))} == {copy_only}
    assert {e.item_id for e in service.search(ArchiveFilter(text="idiot"))} == {removed}
    # The author edits the comment afterwards: the archive still searches what was saved.
    with s.begin() as session:
        session.execute(update(Item).where(Item.id == removed).values(text="Ursäkta"))
    assert service.search(ArchiveFilter(text="ursäkta")) == []
    assert service.search(ArchiveFilter(text="idioter"))[0].text == "Ni är idioter allihop"
    # A write that fails half-way (the copy saved, then the transaction fails) leaves no row.
    failing = m.add_item(s, "Ett ord som aldrig sparas: fladdermus")
    with pytest.raises(RuntimeError), s.begin() as session:
        session.add(Evidence(item_id=failing, saved_at=datetime.now(UTC), saved_by="testare",
                             payload='{"item": {"text": "fladdermus"}}', sha256="x"))  # fmt: skip
        session.flush()
        raise RuntimeError("the network went down")
    assert service.search(ArchiveFilter(text="fladdermus")) == []
    # The next ordinary action works, and the audit log is intact.
    m.remove(s, failing, "reklam")
    assert [e.item_id for e in service.search(ArchiveFilter(text="fladdermus"))] == [failing]
    assert service.search(ArchiveFilter(text="fladdermus"))[0].reason_code == "reklam"
    assert AuditService(s).verify().intact
    with pg_db.engine.connect() as con:
        rows = con.execute(text("SELECT item_id, copies FROM archive_items ORDER BY item_id")).all()
    assert [tuple(r) for r in rows] == [(copy_only, 1), (removed, 1), (failing, 1)]


def test_each_role_reads_in_the_table_what_it_reads_in_the_copies(team):  # noqa: F811
    db, person, items = team
    for who in (ANNA, BO, RUT, CHEF):
        copies = _sql(db, who, "SELECT * FROM evidence")
        assert _sql(db, who, "SELECT * FROM archive_items") == copies, who
    assert _sql(db, ANNA, "SELECT * FROM archive_items") == 1
    assert _sql(db, BO, "SELECT * FROM archive_items") == 0  # not his account
    for statement in (
        "DELETE FROM archive_items",
        "UPDATE archive_items SET saved_text = 'ändrad'",
        f"INSERT INTO archive_items (item_id, account_id, last_at, copies, search_vector) "
        f"VALUES ({items['yt']}, 1, now(), 0, '')",
    ):
        for who in (ANNA, RUT, CHEF):
            with pytest.raises(errors.InsufficientPrivilege):
                _sql(db, who, statement)
    # Through Granska: Bo's archive is empty, Anna's holds her account's removal.
    assert ArchiveService(person(BO).sessions).search(ArchiveFilter(text="idioter")) == []
    anna = ArchiveService(person(ANNA).sessions)
    assert [e.item_id for e in anna.search(ArchiveFilter(text="idioter"))] == [items["fb"]]
    assert [e.item_id for e in anna.search(ArchiveFilter())] == [items["fb"]]
    # After the refusals the next ordinary action works and the audit log is intact.
    from app.services.moderation.facade import ModerationService

    ModerationService(person(ANNA).sessions).remove(items["fb2"], "reklam")
    assert [e.item_id for e in anna.search(ArchiveFilter())] == [items["fb2"], items["fb"]]
    assert AuditService(db.sessions).verify().intact


def test_the_migration_fills_the_table_from_what_is_there_and_goes_back(pg_db):
    from alembic import command

    from app.models.db import alembic_config

    load_demo(pg_db.sessions, 120)
    decide_demo_share(pg_db.sessions, 0.5, batch=40)
    service = ArchiveService(pg_db.sessions)
    before = [service.search(ArchiveFilter(text=w)) for w in ("", "simhallen", "idiot")]
    with pg_db.engine.begin() as con:
        command.downgrade(alembic_config(con), "0011_perf20e-1")  # as it was before it
        assert con.execute(text("SELECT to_regclass('archive_items')")).scalar() is None
        command.upgrade(alembic_config(con), "heads")
    assert [service.search(ArchiveFilter(text=w)) for w in ("", "simhallen", "idiot")] == before
    assert len(before[0]) == 60
