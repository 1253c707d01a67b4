"""P9 on PostgreSQL: the archive's first page (the list, and five searches) through
ArchiveService on a throw-away PostgreSQL holding the first --items items of the decided demo
(copied from the SQLite file, with their decisions, saved copies and registrations; the archive
table then filled as migration 0011_perf20e fills it), vs the same page (same 13 columns, same
order, the same statement) by plain psycopg on the same server. The old path (computed from
the events, as before 0011_perf20e) is timed too.

    python bench/archive_pg.py [--items 100000] [--repeat 7]   (goal: <= 1.5x, <= 50 ms)
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services.records.archive_paging_pg import plain_sql  # noqa: E402
from bench.archive import PAGE, SEARCHES  # noqa: E402
from bench.data import SHARED  # noqa: E402
from bench.data import best_ms as _best  # noqa: E402
from tests.helpers.private_postgres import PrivatePostgres  # noqa: E402

TABLES = ("accounts", "items", "decisions", "evidence", "registrations")
# The list and each search as Granska sends them while no one has roles: the statement of
# app/services/records/archive_paging_pg.py (see there why a search is two branches).
PAGES = {True: plain_sql(True), False: plain_sql(False)}


def copy_demo(url: str, source: Path, items: int) -> None:
    import psycopg

    from app.models.archive_index_pg import BACKFILL

    lite = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with psycopg.connect(url.replace("+psycopg", "")) as pg:
        pg.execute("SET session_replication_role = replica")  # no triggers, no FK checks
        pg.execute("SET TimeZone = 'UTC'")
        pg.execute("DELETE FROM archive_items")
        for table in TABLES:
            columns = [
                r[0]
                for r in pg.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "AND is_generated = 'NEVER' ORDER BY ordinal_position",
                    (table,),
                )
            ]
            where = {"accounts": "", "items": f" WHERE id <= {items}"}.get(
                table, f" WHERE item_id <= {items}"
            )
            pg.execute(f"DELETE FROM {table}")
            with pg.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {', '.join(columns)} FROM {table}{where}"):
                    copy.write_row(row)
        pg.execute(BACKFILL)
        pg.execute("SET session_replication_role = origin")
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--source", type=Path, default=SHARED / "demo-1000000-0.5.db")
    args = parser.parse_args()

    import psycopg

    from app.models.archive_search_pg import tsquery
    from app.models.db import open_database
    from app.services.records.archive import ArchiveFilter, ArchiveService

    server = PrivatePostgres()
    try:
        db = open_database(server.url)
        started = time.monotonic()
        copy_demo(server.url, args.source, args.items)
        service = ArchiveService(db.sessions)
        con = psycopg.connect(server.url.replace("+psycopg", ""), autocommit=True)
        copies = con.execute("SELECT count(*) FROM evidence").fetchone()[0]  # type: ignore[index]
        print(f"P9 archive on PostgreSQL, {args.items} items, {copies} saved copies "
              f"(copied in {time.monotonic() - started:.0f} s)")  # fmt: skip
        everyone = tuple(r[0] for r in con.execute("SELECT DISTINCT decided_by FROM decisions"))
        worst_ratio, worst_ms = 0.0, 0.0
        for words in ("", *SEARCHES):
            found = tsquery(words) if words else None
            sql = PAGES[found is not None]
            params = {"limit": PAGE, "query": found}

            def raw(sql=sql, params=params):  # type: ignore[no-untyped-def]
                return con.execute(sql, params).fetchall()

            f = ArchiveFilter(text=words)
            ours_fn = lambda f=f: service.search(f, limit=PAGE)  # noqa: E731
            old = ArchiveFilter(text=words, administrators=everyone)  # computed from the events
            old_fn = lambda old=old: service.search(old, limit=PAGE)  # noqa: E731
            ours_fn(), raw()
            page = ours_fn()
            assert [e.item_id for e in page] == [r[0] for r in raw()], words
            assert page == old_fn(), f"{words!r}: the table's page is not the events' page"
            ours, ours_med = _best(ours_fn, args.repeat)
            base, base_med = _best(raw, args.repeat)
            before, _ = _best(old_fn, max(1, args.repeat // 3))
            ratio = ours / base
            worst_ratio, worst_ms = max(worst_ratio, ratio), max(worst_ms, ours)
            label = repr(words) if words else "list"
            print(
                f"  {label:18} granska {ours:8.2f} ms (median {ours_med:8.2f})   raw page {base:7.2f} ms "
                f"(median {base_med:7.2f})   from the events (before) {before:8.2f} ms   "
                f"{len(page)} rows   ratio {ratio:.2f}"
            )
        con.close()
        db.dispose()
    finally:
        server.remove()
    print(
        f"ratio: {worst_ratio:.2f} (goal: <= 1.5 the same page by plain psycopg; "
        f"slowest page {worst_ms:.1f} ms, goal <= 50 ms)"
    )


if __name__ == "__main__":
    main()
