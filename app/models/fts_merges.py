"""The search indexes' merges held while a sync writes beside a person at work (SQLite, #20).

FTS5 merges its segments inside ordinary writes: a little with each write ('automerge', 4
segments on a level), and a whole level at once when it holds 16 ('crisismerge'). On the 1M
demo such a merge took 0.5-1.6 s inside one short write of a sync's in the window (or inside a
decision's own write), and a decision pressed then waited for all of it. While a sync runs in
the window its parts write small segments and merge none (`hold`); the merges are paid after
it in steps a person's write interrupts (`merge_step`), and then the indexes' own settings
come back (`release`). Both settings live in each table's %_config, so they are written in a
transaction of their own; one a crash left held is released by the next sync in the window,
and until then the indexes stay correct, merely in more segments (at most HELD_CRISIS a level).
"""

from __future__ import annotations

from typing import Any

from app.models import tab_search

TABLES = ("items_fts", tab_search.TABLE)
HELD_CRISIS = 1000  # FTS5 allows 2000 segments in all
AUTOMERGE, CRISISMERGE = 4, 16  # FTS5's defaults
# Pages a merge step writes at most (roughly: it ends at the next term): 20-50 ms at a million.
STEP_PAGES = 64


def _set(connection: Any, automerge: int, crisismerge: int) -> None:
    for table in TABLES:
        for name, value in (("automerge", automerge), ("crisismerge", crisismerge)):
            connection.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('{name}', {value})")


def hold(connection: Any) -> None:
    _set(connection, 0, HELD_CRISIS)


def release(connection: Any) -> None:
    _set(connection, AUTOMERGE, CRISISMERGE)


def merge_step(connection: Any, pages: int = STEP_PAGES) -> bool:
    """One bounded step of the merges FTS5 would have made (levels of 4 segments or more, or a
    merge begun); whether any index had such work (its changes count: 2 or more)."""
    driver = connection.connection.driver_connection
    worked = False
    for table in TABLES:
        before = driver.total_changes
        connection.exec_driver_sql(f"INSERT INTO {table}({table}, rank) VALUES ('merge', {pages})")
        worked = worked or driver.total_changes - before >= 2
    return worked
