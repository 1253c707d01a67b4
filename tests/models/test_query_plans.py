"""Every hot query of the window keeps an index: the queue's pages per tab, its counts, search,
the archive and the statistics, read from the plans SQLite and PostgreSQL make for the very
statements the services send. A full scan of a big table fails (#20: indexes that duplicated
each other were dropped; this proves nothing needed them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from app.services.context import Actor
from app.services.queue.listing import QUEUES, QueueFilter, QueueService
from app.services.records.archive import ArchiveFilter, ArchiveService
from app.services.stats.figures import StatisticsService
from tests.helpers import moderation as m
from tests.helpers.statistics import DECEMBER, NOW, fill_december

# Tables that grow with the items; the others (accounts, settings, the kept counts) stay small.
BIG = {
    "items", "decisions", "evidence", "registrations", "notices", "outbox", "audit_events",
    "audit_seals", "item_versions", "archive_items", "escalations", "export_rows",
}  # fmt: skip
# Read whole today by the statistics (their periods are on the decisions' own times, which have
# no index): known, and not the items' indexes. A new one fails. The queue and the archive (on
# PostgreSQL too, since its archive_items, 0011_perf20e) have none.
KNOWN_SCANS = {"decisions", "notices", "registrations", "escalations"}
SQLITE_SCAN = re.compile(r"^SCAN (\w+)(?: AS \w+)?$")
PG_SCAN = re.compile(r"Seq Scan on (\w+)")


@contextmanager
def plans(engine) -> Iterator[list[tuple[str, list[str]]]]:  # type: ignore[no-untyped-def]
    """The plan of every SELECT sent meanwhile, made on the spot (temporary tables exist)."""
    found: list[tuple[str, list[str]]] = []
    busy = [False]
    dialect = engine.dialect.name

    def after(conn, _cursor, statement: str, parameters: Any, _context, many: bool) -> None:  # type: ignore[no-untyped-def]
        if busy[0] or many or not statement.lstrip().upper().startswith(("SELECT", "WITH")):
            return
        busy[0] = True
        try:
            if dialect == "sqlite":
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
                found.append((statement, [r[3] for r in rows]))
            else:
                conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
                rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters).fetchall()
                conn.exec_driver_sql("SET LOCAL enable_seqscan = on")
                found.append((statement, [r[0] for r in rows]))
        finally:
            busy[0] = False

    event.listen(engine, "after_cursor_execute", after)
    try:
        yield found
    finally:
        event.remove(engine, "after_cursor_execute", after)


def full_scans(dialect: str, plan: list[str]) -> set[str]:
    pattern = SQLITE_SCAN if dialect == "sqlite" else PG_SCAN
    return {match.group(1) for line in plan if (match := pattern.search(line.strip()))} & BIG


def test_a_full_scan_is_seen():
    assert full_scans("sqlite", ["SCAN items", "SEARCH accounts USING INDEX x (id=?)"]) == {"items"}
    assert full_scans("sqlite", ["SCAN items USING COVERING INDEX ix_items_search_keys"]) == set()
    assert full_scans("postgresql", ["  ->  Seq Scan on items  (cost=0.00..1.01 rows=1)"]) == {"items"}


def hot_queries(sessions) -> None:  # type: ignore[no-untyped-def]
    """The queue's and the archive's (the statistics' are read apart, with their known scans)."""
    queue = QueueService(sessions)
    for q in QUEUES:
        for f in (
            q.narrow(QueueFilter()),
            q.narrow(QueueFilter(account_keys=("fb",))),
            q.narrow(QueueFilter(reasons=("svordomar",))),
            q.narrow(QueueFilter(since=NOW - timedelta(days=30), until=NOW)),
            q.narrow(QueueFilter(search="badet")),
        ):
            first = queue.page(f, limit=2)
            if first:
                queue.page(f, after=first[-1].cursor, limit=2)
            queue.page(f, limit=2, from_end=True)
    for f in (
        QueueFilter(),
        QueueFilter(account_keys=("fb",)),
        QueueFilter(since=NOW - timedelta(days=30), until=NOW),
        QueueFilter(search="badet"),
    ):
        queue.queue_counts(f)
    archive = ArchiveService(sessions)
    for af in (ArchiveFilter(), ArchiveFilter(text="badet"), ArchiveFilter(account_keys=("fb",))):
        archive.search(af, limit=20)
        archive.count(af, cap=1000)
        first = archive.search(af, limit=1)
        if first:
            archive.search(af, after=first[-1].cursor, limit=20)


def test_every_hot_query_reads_through_an_index(database):
    fill_december(database.sessions)
    m.add_item(database.sessions, "Jävla skämt om badet")
    with plans(database.engine) as found:
        hot_queries(database.sessions)
    with plans(database.engine) as statistics:
        StatisticsService(database.sessions, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER)
    dialect = database.engine.dialect.name
    assert len(found) > 40 and statistics
    scanned = [(stmt, plan) for stmt, plan in found if full_scans(dialect, plan)]
    scanned += [(stmt, plan) for stmt, plan in statistics if full_scans(dialect, plan) - KNOWN_SCANS]
    assert not scanned, "\n\n".join(f"{stmt}\n  " + "\n  ".join(plan) for stmt, plan in scanned)
