"""The driver path on SQLite must read and write exactly what SQLAlchemy would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select

from app.models import Decision, Escalation, Notice, OutboxStep
from app.services.intake.importer import ImportService, IncomingItem
from app.services.moderation.decisions import _STATE
from app.services.moderation.writer import Writer
from tests.helpers.workflow import make_item


def test_first_matches_sqlalchemys_own_row(database):
    make_item(database.sessions, "Inlägget", external_id="p1", parent=None, raw={"n": [1.5, None, "å"]})
    item_id = make_item(database.sessions, "Kommentaren\x07 <b>", parent="p1")
    ImportService(database.sessions).import_items(
        [
            IncomingItem(
                account="fb",
                external_id="svar",
                text="Svar",
                parent_external_id=f"c{item_id}",
                post_external_id="p1",
                created_at=datetime(2026, 5, 2, tzinfo=UTC),
                edited_at=datetime(2026, 5, 3, 1, 2, 3, 456789, tzinfo=timezone(timedelta(hours=2))),
            )
        ]
    )
    with database.sessions.begin() as session:
        con = session.connection()
        for params in (
            {"item_id": item_id, "username": "testare"},
            {"item_id": item_id + 1, "username": "x"},
        ):
            expected = tuple(con.execute(_STATE.stmt, params).first())
            assert Writer(con).first(_STATE, params) == expected
        assert Writer(con).first(_STATE, {"item_id": 999999, "username": "x"}) is None


def test_inserts_and_updates_read_back_as_through_the_orm(database):
    item_id = make_item(database.sessions)
    when = datetime(2026, 6, 1, 12, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    with database.sessions.begin() as session:
        writer = Writer(session.connection())
        decision = writer.insert(
            Decision.__table__,
            {
                "item_id": item_id,
                "action": "remove",
                "decided_by": "a",
                "details": {"a": [1, "ö", None]},
                "decided_at": when,
            },
        )
        notice = writer.insert(Notice.__table__, {"item_id": item_id, "text": "=1+1\r\n", "created_at": when})
        writer.insert_many(
            OutboxStep.__table__,
            [
                {
                    "item_id": item_id,
                    "decision_id": decision,
                    "step": "x",
                    "payload": {"k": "v"},
                    "created_at": when,
                },
                {
                    "item_id": item_id,
                    "decision_id": decision,
                    "step": "y",
                    "payload": None,
                    "created_at": when,
                },
            ],
        )
        esc = writer.insert(Escalation.__table__, {"item_id": item_id, "created_at": when})
        writer.update_by_id(Notice.__table__, notice, {"status": "posted", "posted_at": when})
    with database.sessions() as s:
        d = s.get(Decision, decision)
        n = s.get(Notice, notice)
        steps = list(s.scalars(select(OutboxStep).order_by(OutboxStep.id)))
        e = s.get(Escalation, esc)
    assert d.decided_at == when and d.details == {"a": [1, "ö", None]} and d.motivation == ""
    assert (n.text, n.status, n.posted_at, n.kind) == ("=1+1\r\n", "posted", when, "removal")
    assert [(o.step, o.payload, o.status, o.attempts) for o in steps] == [
        ("x", {"k": "v"}, "pending", 0),
        ("y", None, "pending", 0),
    ]
    assert (e.kind, e.status, e.to_email) == ("police_report", "queued", "")


def test_an_update_returning_reads_as_sqlalchemy_reads_it_and_compiles_once(database):
    """The audit chain's lock (an UPDATE ... RETURNING) through the driver path: the same row as
    SQLAlchemy's own execution, and the statement is compiled once for all transactions."""
    from app.services.records.audit import _LOCK

    with database.sessions.begin() as session:
        con = session.connection()
        expected = tuple(con.execute(_LOCK.stmt).first())
        assert Writer(con).first(_LOCK) == expected
    if database.engine.dialect.name == "sqlite":
        assert _LOCK.for_sqlite(database.engine.dialect) is _LOCK.for_sqlite(database.engine.dialect)
