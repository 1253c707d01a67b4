"""The checks the window runs after the queue is painted, not before.

At start the window opens the database with `defer_checks`: the file's header, schema and every
table but the items' are checked, the search indexes' triggers and newest rows. What reads the
whole file (SQLite's quick_check over a million items: seconds) and what counts every row (the
indexes' and tab counts' agreement) runs here, on a worker, once the queue shows. Nothing
interrupts the user unless it finds something: damage is said at once, and the file is marked
so that the next start reads it whole before anything else and moves it aside (it is never
deleted); a disagreeing index is rebuilt, as at a start that checks everything.
"""

from __future__ import annotations

from app.core.messages import say, translate
from app.models.db import Database, check_search_index, sqlite_file
from app.models.sqlite_checks import SUSPECT_SUFFIX, _check_sqlite_file, _needs_full_check


def run_deferred_checks(db: Database) -> list[str]:
    """What the user must be told (empty: all is well). Run on the window's database writer."""
    if not db.checks_deferred:
        return []
    messages: list[str] = []
    path = sqlite_file(db.engine.url)
    if path is not None and path.exists() and _needs_full_check(path):
        problem = _check_sqlite_file(path, whole=True)
        if problem is not None:
            path.with_name(path.name + SUSPECT_SUFFIX).touch()
            return [
                say(
                    translate(
                        "Core",
                        "Databasen %1 är skadad (%2). Avsluta Granska och starta det igen: den "
                        "skadade filen flyttas då undan (den raderas aldrig) och en ny databas skapas. "
                        "Det som redan sparats finns kvar i den undanflyttade filen.",
                    ),
                    path,
                    problem,
                )
            ]
    messages.extend(check_search_index(db.engine, count_rows=True))
    return messages
