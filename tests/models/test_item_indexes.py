"""Every index on the items serves a query the app runs, and every one of those queries keeps the
index it needs (#20, perf20v). Each index costs every stored comment on the sync's and the
import's write path, so one that no plan names is waste; and an index dropped that a query
needs turns its plan into a walk of a bigger index or of the table. The plans are the very
statements the services send (the queue's pages and counts, search, the archive, the
statistics and response times, the author's other comments, the sync's author-deletion check,
the command line's listing of every item, weeding), read on a migrated database with data.

Measured on the 1M demo (perf20v): no index on the items duplicates another; dropping any one of
them in turn changes the plan of at least one of these queries. ix_items_author was named by no
plan: SQLite walked the account's time index for "the author's other comments" and tested every
item of the account (0.27 s warm at a million, far longer cold); that query now names it.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import inspect

from app.core.connector import CompleteListing
from app.services.context import Actor
from app.services.intake.author_deletions import author_changes
from app.services.moderation.gallring import GallringService
from app.services.queue.listing import QueueFilter, QueueService
from app.services.stats.figures import StatisticsService
from tests.helpers import moderation as m
from tests.helpers.statistics import DECEMBER, NOW, fill_december
from tests.models.test_query_plans import KNOWN_SCANS, full_scans, hot_queries, plans

# Each index on the items, and the query that needs it (dropping it changes that query's plan).
NEEDED = {
    "ix_items_status_created": "a tab's page: one status, oldest first",
    "ix_items_created": "every item by time: the command line's listing, counts under a period",
    "ix_items_reason_created": "a tab filtered by the rules' reason",
    "ix_items_search_keys": "a search's page and counts: each match's keys",
    "ix_items_account_created": "an account's items by time: statistics, the questions tab",
    "ix_items_first_response": "the response times still to be counted",
    "ix_items_questions": "the statistics' questions of a period",
    "ix_items_waiting_questions": "the statistics' questions still waiting",
    "ix_items_post": "the sync's author-deletion check of the posts it listed",
    "ix_items_author": "the author's other comments on the account (the detail pane)",
}
PG_NAMED = re.compile(r"(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) (\w+)")


def indexes_named(dialect: str, plan: list[str]) -> set[str]:
    if dialect == "sqlite":
        return {m.group(1) for line in plan if (m := re.search(r"INDEX (\w+)", line))}
    return {m.group(1) for line in plan if (m := PG_NAMED.search(line))}


def every_item_query(database) -> None:  # type: ignore[no-untyped-def]
    sessions = database.sessions
    hot_queries(sessions)
    StatisticsService(sessions, Actor("chef", clock=lambda: NOW)).figures(*DECEMBER)
    queue = QueueService(sessions)
    anyone = queue.page(QueueFilter(search="badet"))[0]
    queue.by_author(anyone.id)
    queue.detail(anyone.id)
    first = queue.page(QueueFilter(), limit=2)  # `granska queue` with no tab: every item
    queue.page(QueueFilter(), after=first[-1].cursor, limit=2)
    queue.queue_counts(QueueFilter(since=NOW - timedelta(days=30), until=NOW))
    GallringService(sessions, Actor("chef", clock=lambda: NOW)).run(dry_run=True, days=1)
    with sessions() as session:
        listed = [
            CompleteListing(frozenset({"c1"}), post_external_id="p1"),
            CompleteListing(frozenset(), post_external_id="p1", parent_external_id="c1"),
            CompleteListing(frozenset(), created_after=NOW - timedelta(days=3)),
        ]
        account_id = m.ensure_account(sessions, "fb")
        author_changes(session, account_id, listed)
        author_changes(session, account_id, listed, stored_before=3)  # a sync's own left out


def test_every_index_on_the_items_serves_a_query_and_keeps_it(database):
    fill_december(database.sessions)
    m.add_item(database.sessions, "Jävla skämt om badet", author_id="u7")
    m.add_item(database.sessions, "Badet är stängt igen", author_id="u7")
    dialect = database.engine.dialect.name
    with plans(database.engine) as found:
        every_item_query(database)
    scanned = [(s, p) for s, p in found if full_scans(dialect, p) - KNOWN_SCANS]
    assert not scanned, "\n\n".join(f"{s}\n  " + "\n  ".join(p) for s, p in scanned)
    named = set().union(*(indexes_named(dialect, plan) for _s, plan in found))
    on_items = {ix["name"] for ix in inspect(database.engine).get_indexes("items")}
    # An index a query needs was dropped: its query lost its plan.
    assert set(NEEDED) <= on_items
    # Every index on the items is named by some query's plan (on PostgreSQL, whose planner
    # picks by its statistics, the tiny test data may not show it: there the missing ones
    # must at least be among those the queries were written for).
    unused = {ix for ix in on_items if ix.startswith("ix_items_")} - named
    if dialect == "sqlite":
        assert not unused, f"no query uses {unused}"
    assert unused <= set(NEEDED), f"no query uses {unused - set(NEEDED)}"
    assert {"ix_items_post", "ix_items_search_keys"} <= named


def test_the_authors_other_comments_read_the_authors_index(sqlite_db):
    m.add_item(sqlite_db.sessions, "Badet är kallt", author_id="u7")
    mine = m.add_item(sqlite_db.sessions, "Badet är stängt", author_id="u7")
    m.add_item(sqlite_db.sessions, "Någon annan", author_id="u8", author_name="Bo Berg")
    with plans(sqlite_db.engine) as found:
        others = QueueService(sqlite_db.sessions).by_author(mine)
    assert [o.text for o in others] == ["Badet är kallt"]
    [plan] = [p for s, p in found if "author_id = ?" in s]
    assert any("USING INDEX ix_items_author (account_id=? AND author_id=?)" in line for line in plan), plan
