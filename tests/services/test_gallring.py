from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.core.errors import InputError
from app.models import AuditEvent, Item, ItemVersion
from app.services.context import Actor
from app.services.intake.importer import ImportService, IncomingItem
from app.services.moderation.gallring import DEFAULT_DAYS, GallringService
from app.services.queue.listing import QueueFilter, QueueService
from app.services.records.audit import AuditService
from tests.helpers.databases import sessions_as
from tests.helpers.workflow import make_item, service

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
OLD = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)  # older than 180 days on NOW
YOUNG = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def items(database):
    db = database
    ids = {
        "kept-old": make_item(db.sessions, "Tack för hjälpen Blomqvist", created_at=OLD, external_id="k-old"),
        "answered-old": make_item(db.sessions, "När öppnar simhallen?", created_at=OLD),
        "kept-young": make_item(db.sessions, "Tack", created_at=YOUNG),
        "flagged-old": make_item(db.sessions, "Ni är idioter", created_at=OLD),
        "new-old": make_item(db.sessions, "Hej kommunen", created_at=OLD),
        "removed-old": make_item(db.sessions, "Jävla skämt", created_at=OLD),
        "registered-old": make_item(db.sessions, "Gatlyktan är trasig", created_at=OLD),
    }
    # An author's earlier text is personal data too.
    ImportService(db.sessions).import_items(
        [
            IncomingItem(
                account="fb", external_id="k-old", text="Tack!", created_at=OLD, author_name="Anna Andersson"
            )
        ]
    )
    svc = service(db)
    svc.keep(ids["kept-old"])
    svc.keep(ids["kept-young"])
    svc.answer(ids["answered-old"], "Hej! I maj.")
    svc.remove(ids["removed-old"], "svordomar")
    svc.register(ids["registered-old"], "atgard", "")
    return ids


def _status(db, item_id):
    with db.sessions() as s:
        return s.get(Item, item_id)


def test_dry_run_lists_what_would_go_and_changes_nothing(database, items):
    gallring = GallringService(sessions_as(database.sessions, "sofia"), Actor("sofia", lambda: NOW))
    result = gallring.run(dry_run=True)
    assert (result.dry_run, result.days, result.count) == (True, DEFAULT_DAYS, 1)
    assert [c.id for c in result.sample] == [items["kept-old"]]
    assert _status(database, items["kept-old"]).text == "Tack!"
    with database.sessions() as s:
        assert s.scalar(select(AuditEvent.id).where(AuditEvent.action == "gallring")) is None


def test_weeding_erases_only_what_is_neither_registered_nor_evidence_and_is_logged(database, items):
    # The answer was never posted (no connector): it still waits, so it stays until posted.
    service(database).mark_notice_posted(items["answered-old"])
    result = GallringService(sessions_as(database.sessions, "sofia"), Actor("sofia", lambda: NOW)).run()
    assert result.count == 2
    for key in ("kept-old", "answered-old"):
        item = _status(database, items[key])
        assert (item.status, item.text, item.author_name, item.raw, item.author_url) == (
            "weeded",
            "",
            "",
            None,
            None,
        )
        assert item.external_id  # the tombstone keeps the next sync from bringing it back
    for key in ("kept-young", "flagged-old", "new-old", "removed-old", "registered-old"):
        assert _status(database, items[key]).status != "weeded", key
    with database.sessions() as s:
        assert s.scalar(select(ItemVersion.id).where(ItemVersion.item_id == items["kept-old"])) is None
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "gallring")).one()
    assert event.actor == "sofia" and event.details["count"] == 2 and event.details["days"] == DEFAULT_DAYS
    assert event.details["cutoff"].startswith("2025-12-03")
    # Full-text search no longer finds the erased words.
    assert QueueService(database.sessions).page(QueueFilter(search="Blomqvist")) == []
    assert AuditService(database.sessions).verify().intact
    again = GallringService(sessions_as(database.sessions, "sofia"), Actor("sofia", lambda: NOW))
    assert again.run().count == 0


def test_the_age_is_configurable(database, items):
    gallring = GallringService(sessions_as(database.sessions, "sofia"), Actor("sofia", lambda: NOW))
    gallring.set_age_days(3)
    assert gallring.age_days() == 3
    assert gallring.run(dry_run=True).count == 2  # the young kept item too
    with pytest.raises(InputError):
        gallring.set_age_days(0)
