from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.services.intake.importer import ImportService
from app.services.queue.listing import QueueFilter, QueueService
from tests.helpers.items import add_accounts, record, write_jsonl


@pytest.fixture
def queue(database, tmp_path):
    add_accounts(database.sessions, ("fb", "facebook"), ("yt", "youtube"))
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    records = []
    texts = [
        "När öppnar simhallen?",
        "Tack för hjälpen",
        "Jävla skämt",
        "Köp nu billiga skor",
        "Simhallen är bäst",
    ]
    for i in range(25):
        account = "fb" if i % 2 == 0 else "yt"
        records.append(
            record(
                f"c{i}",
                account=account,
                platform=None,
                text=texts[i % 5],
                author_name="Åke Öberg" if i == 7 else f"Person {i % 4}",
                author_id="u-ake" if i == 7 else f"u{i % 4}",
                created_at=(start + timedelta(hours=25 - i)).isoformat(),
            )
        )
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "q.jsonl", records))
    return QueueService(database.sessions)


def test_longest_waiting_first_and_keyset_paging_covers_everything_once(queue):
    seen = []
    after = None
    while True:
        page = queue.page(QueueFilter(), after=after, limit=7)
        if not page:
            break
        seen.extend(page)
        after = page[-1].cursor
    assert len(seen) == 25 == len({s.id for s in seen})
    times = [s.created_at for s in seen]
    assert times == sorted(times)
    assert seen[0].external_id == "c24"  # created first, waited longest


def test_filters_combine(queue):
    flagged_fb = queue.page(QueueFilter(statuses=("flagged",), account_keys=("fb",)))
    assert flagged_fb and all(s.account_key == "fb" and s.status == "flagged" for s in flagged_fb)
    assert queue.count(QueueFilter(platforms=("youtube",))) == 12
    assert queue.count(QueueFilter(reasons=("reklam",))) == 5
    assert queue.count(QueueFilter(questions_only=True)) == 5


def test_search_matches_words_and_prefixes_in_text_and_author(queue):
    assert queue.count(QueueFilter(search="simhallen")) == 10
    assert queue.count(QueueFilter(search="simhal")) == 10  # typing: last word is a prefix
    assert queue.count(QueueFilter(search="simhallen bäst")) == 5
    hits = queue.page(QueueFilter(search="öberg"))
    assert [h.author_name for h in hits] == ["Åke Öberg"]


def test_search_treats_operators_as_plain_words(queue):
    # FTS syntax and SQL in the box must neither fail nor match everything.
    for hostile in ['"', "NOT", "' OR 1=1 --", "simhallen*)(", "a:b", "NEAR(x y)"]:
        queue.count(QueueFilter(search=hostile))
    assert queue.count(QueueFilter(search="simhallen*)(")) == 10


def test_detail_has_thread_context_and_versions(queue, database, tmp_path):
    ImportService(database.sessions).import_file(
        write_jsonl(
            tmp_path / "p.jsonl",
            [
                record("p1", parent_external_id=None, post_external_id=None, text="Inlägget"),
                record("c0", text="Ny text"),
            ],
        )
    )
    c0 = queue.page(QueueFilter(search="ny text"))[0]
    detail = queue.detail(c0.id)
    assert detail.parent is not None and detail.parent.text == "Inlägget"
    assert [v[0] for v in detail.versions] == ["När öppnar simhallen?"]
    assert queue.detail(10_000_000) is None


def test_author_history(queue):
    first = queue.page(QueueFilter(account_keys=("fb",)), limit=1)[0]  # c24: Person 0 on fb
    history = queue.by_author(first.id)
    # Person 0 (u0) wrote every fourth item: c0, c4, ... c24, all on fb.
    assert sorted(h.external_id for h in history) == ["c0", "c12", "c16", "c20", "c4", "c8"]
    assert [h.author_name for h in queue.by_author(queue.page(QueueFilter(search="öberg"))[0].id)] == []


def test_queue_counts_in_one_query_match_each_queue(queue):
    from app.services.queue.listing import QUEUES

    for f in (
        QueueFilter(),
        QueueFilter(search="simhallen"),
        QueueFilter(account_keys=("yt",)),
        QueueFilter(statuses=("flagged",)),
    ):
        counts = queue.queue_counts(f)
        assert set(counts) == {q.name for q in QUEUES}
        for q in QUEUES:
            assert counts[q.name] == queue.count(q.narrow(f)), (f, q.name)
    counts = queue.queue_counts(QueueFilter())
    assert counts["new"] + counts["flagged"] == 25 and counts["questions"] == 5
    assert counts["pending"] == counts["decided"] == 0


def test_a_status_filter_outside_a_queue_leaves_it_empty(queue):
    from app.services.queue.listing import QUEUES_BY_NAME

    new = QUEUES_BY_NAME["new"]
    assert queue.count(new.narrow(QueueFilter(statuses=("kept",)))) == 0
    decided = QUEUES_BY_NAME["decided"]
    assert decided.narrow(QueueFilter(statuses=("kept", "new"))).statuses == ("kept",)
    assert QUEUES_BY_NAME["questions"].narrow(QueueFilter()).questions_only
