"""The queues' counts under a search stop at a cap (app/services/queue/capped_counts.py): a
count above the cap comes back as cap + 1, "more than"; below it, exact; without a search,
always exact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.services.intake.importer import ImportService
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from tests.helpers.items import add_accounts, record, write_jsonl


@pytest.fixture
def queue(database, tmp_path):
    """40 items: 30 say "simhallen" (all new), 10 say "tack" (5 of them questions)."""
    add_accounts(database.sessions, ("fb", "facebook"))
    start = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
    texts = ["Simhallen är stängd igen"] * 30 + ["Tack för hjälpen"] * 5 + ["Tack, men när öppnar ni?"] * 5
    records = [
        record(
            f"c{i}",
            account="fb",
            platform=None,
            text=text,
            created_at=(start + timedelta(minutes=i)).isoformat(),
        )
        for i, text in enumerate(texts)
    ]
    ImportService(database.sessions).import_file(write_jsonl(tmp_path / "q.jsonl", records))
    return QueueService(database.sessions)


def exact(queue: QueueService, f: QueueFilter) -> dict[str, int]:
    return {q.name: queue.count(q.narrow(f)) for q in QUEUES}


def test_a_search_count_stops_above_the_cap(queue):
    for words in ("simhallen", "tack", "simhall", "ingenting"):
        f = QueueFilter(search=words)
        want = {name: min(n, 11) for name, n in exact(queue, f).items()}
        assert queue.queue_counts(f, cap=10) == want, words
    assert queue.queue_counts(QueueFilter(search="simhallen"), cap=10)["new"] == 11  # "10+"
    assert queue.queue_counts(QueueFilter(search="tack"), cap=10)["new"] == 10  # exact


def test_counts_without_a_search_or_a_cap_are_exact(queue):
    assert queue.queue_counts(QueueFilter(), cap=10)["new"] == 40
    assert queue.queue_counts(QueueFilter(search="simhallen"))["new"] == 30
    assert queue.queue_counts(QueueFilter(search="simhallen", account_keys=("fb",)), cap=40)["new"] == 30
    assert queue.queue_counts(QueueFilter(search="simhallen", account_keys=("nej",)), cap=10)["new"] == 0
