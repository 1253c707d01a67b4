from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

import app.services.queue.paging as queue_paging
from app.models import Item
from app.services.intake.importer import ImportService
from app.services.queue.listing import QUEUES_BY_NAME, QueueFilter, QueueService
from tests.helpers.items import add_accounts, record, write_jsonl

TEXTS = [
    "När öppnar simhallen?",
    "Tack för hjälpen",
    "Jävla skämt",
    "Köp nu billiga skor",
    "Simhallen är bäst",
]


@pytest.fixture
def queue(database, tmp_path):
    add_accounts(database.sessions, ("fb", "facebook"), ("yt", "youtube"))
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    records = [
        record(f"c{i}", account="fb" if i % 3 else "yt", platform=None, text=TEXTS[i % 5],
               author_name=f"Person {i % 7}", author_id=f"u{i % 7}",
               created_at=(start + timedelta(minutes=37 * ((i * 7919) % 60))).isoformat())
        for i in range(60)
    ]  # fmt: skip
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "q.jsonl", records))
    # Decisions spread over several statuses, so the decided queue merges many walks.
    decided = ["kept", "removed", "answered", "registered", "forwarded"]
    with database.sessions.begin() as session:
        for n, status in enumerate(decided):
            session.execute(update(Item).where(Item.id % 9 == n).values(status=status))
    return QueueService(database.sessions)


def walk(queue, f, size):
    seen, after = [], None
    while True:
        page = queue.page(f, after=after, limit=size)
        if not page:
            return seen
        seen.extend(page)
        after = page[-1].cursor


def expected(queue, f):
    """Every item matching `f`, ordered in Python: what the pages must add up to."""
    items = [
        s
        for s in queue.page(QueueFilter(search=f.search), limit=10_000)
        if s.status in f.statuses and (s.is_question or not f.questions_only)
    ]
    items.sort(key=lambda s: (s.created_at, s.id), reverse=f.newest_first)
    return [s.id for s in items]


@pytest.mark.parametrize("name", ["new", "flagged", "questions", "decided"])
@pytest.mark.parametrize("size", [1, 4, 100])
def test_pages_of_every_queue_add_up_to_the_queue_in_order(queue, name, size):
    f = QUEUES_BY_NAME[name].narrow(QueueFilter())
    ids = [s.id for s in walk(queue, f, size)]
    assert ids == expected(queue, f)
    assert len(ids) == queue.count(f)


def test_decided_queue_merges_statuses_newest_first(queue):
    f = QUEUES_BY_NAME["decided"].narrow(QueueFilter(newest_first=True))
    page = queue.page(f, limit=10)
    assert len({s.status for s in page}) > 1
    assert [s.created_at for s in page] == sorted((s.created_at for s in page), reverse=True)


@pytest.mark.parametrize("probe", [0, 1_000_000])
def test_search_gives_the_same_pages_from_the_matches_or_from_the_index(
    sqlite_db, tmp_path, monkeypatch, probe
):
    """SQLite picks how to run a search by how many items match; both ways agree."""
    add_accounts(sqlite_db.sessions, ("fb", "facebook"))
    start = datetime(2026, 5, 1, tzinfo=UTC)
    records = [
        record(f"c{i}", text=TEXTS[i % 5], created_at=(start + timedelta(minutes=(i * 13) % 97)).isoformat())
        for i in range(50)
    ]
    ImportService(sqlite_db.sessions).import_file(write_jsonl(tmp_path / "s.jsonl", records))
    monkeypatch.setattr(queue_paging, "SEARCH_PROBE", probe)  # 0: always the index; huge: always the matches
    queue = QueueService(sqlite_db.sessions)
    for name in ("new", "flagged", "questions"):
        for f in (QueueFilter(search="simhall"), QueueFilter(search="simhallen bäst", newest_first=True)):
            narrowed = QUEUES_BY_NAME[name].narrow(f)
            assert [s.id for s in walk(queue, narrowed, 3)] == expected(queue, narrowed)
