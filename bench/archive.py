"""P9: the archive's first page (the list, and five searches) over the saved copies of the
decided demo (`granska demo --items N --decided F`), through ArchiveService as the Arkiv view
and `granska archive search` call it, vs the same page read
with plain sqlite3 on the same file: the raw FTS5 query for the page's 200 keys (`SELECT rowid
FROM archive_fts WHERE archive_fts MATCH ? ORDER BY rowid DESC LIMIT 200`; for the list, the
newest 200 keys of `archive_items`) and the same 13 columns the Arkiv shows for them (item,
account, author, saved text, status, times, reason, decider, diarienummer, copies), in one
statement. Granska's page is a list of ArchiveEntry whose two times stay SQLite's text until
read (the window reads those of the rows it paints), as the baseline's do. Comparing with the
FTS rows alone (rowid, text, author) measured a page without its
account, status, times or decision: not the same page. Every matching id is printed too.

    python bench/archive.py [--items 1000000] [--decided 0.5] [--repeat 7]
    (goal: <= 1.5x the raw query, and the slowest first page <= 50 ms)

The decided demo is built once into /var/tmp/granska-bench (bench/data.py): at a million items
with half decided, 15-25 minutes on two shared cores. Times are the best of --repeat runs, the
two sides interleaved (medians printed too).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.data import best_ms as _best  # noqa: E402
from bench.data import decided_demo_database  # noqa: E402

# A common word, a flagged word, a rare word, a surname (the author), a prefix being typed.
SEARCHES = ("simhallen", "idioter", "casino", "andersson", "parkeringstill")
PAGE = 200


# The page the Arkiv shows, as plain SQL: the same columns as ArchiveService.search, for the keys.
SAME_PAGE = (
    "SELECT i.id, a.key, a.name, a.platform, i.author_name, coalesce(ai.saved_text, i.text), "
    "i.status, i.created_at, ai.last_at, ai.reason_code, ai.decided_by, ai.diarienummer, ai.copies "
    "FROM archive_items ai JOIN items i ON i.id = ai.item_id JOIN accounts a ON a.id = i.account_id "
    "WHERE ai.key IN ({keys}) ORDER BY ai.key DESC"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--decided", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=None, help="where the demo file is (a copy)")
    args = parser.parse_args()

    from app.models.fulltext import sqlite_match_expression
    from app.services.records.archive import ArchiveFilter, ArchiveService

    started = time.monotonic()
    db = decided_demo_database(args.items, args.decided, *([args.folder] if args.folder else []))
    path = db.engine.url.database
    print(
        f"P9 archive, {args.items} items, {args.decided:g} decided: "
        f"opened in {time.monotonic() - started:.1f} s"
    )
    service = ArchiveService(db.sessions)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    fts = "archive_fts"
    copies = con.execute("SELECT count(*) FROM evidence").fetchone()[0]
    print(f"  {copies} saved copies")
    worst_ratio, worst_ms = 0.0, 0.0
    for words in ("", *SEARCHES):
        if words:
            expr = sqlite_match_expression(words)
            raw_sql = SAME_PAGE.format(
                keys=f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT {PAGE}"
            )

            def raw(expr=expr, raw_sql=raw_sql):  # type: ignore[no-untyped-def]
                return con.execute(raw_sql, (expr,)).fetchall()

            def every(expr=expr):  # type: ignore[no-untyped-def]
                return con.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", (expr,)).fetchall()
        else:

            def raw():  # type: ignore[no-untyped-def]
                keys = f"SELECT key FROM archive_items ORDER BY key DESC LIMIT {PAGE}"
                return con.execute(SAME_PAGE.format(keys=keys)).fetchall()

            every = raw
        f = ArchiveFilter(text=words)
        ours_fn = lambda f=f: service.search(f, limit=PAGE)  # noqa: E731
        ours_fn(), raw(), every()  # warm
        page = ours_fn()
        rows = len(page)
        same = [e.item_id for e in page] == [r[0] for r in raw()]
        assert same, f"{words!r}: the baseline's page is not Granska's page"
        ours, ours_med = _best(ours_fn, args.repeat)
        base, base_med = _best(raw, args.repeat)
        all_ids, _ = _best(every, max(1, args.repeat // 2))
        ratio = ours / base
        worst_ratio, worst_ms = max(worst_ratio, ratio), max(worst_ms, ours)
        label = repr(words) if words else "list"
        print(
            f"  {label:18} granska {ours:8.2f} ms (median {ours_med:8.2f})   raw page {base:7.2f} ms "
            f"(median {base_med:7.2f})   every matching id {all_ids:8.2f} ms   {rows} rows   "
            f"ratio {ratio:.2f}"
        )
    con.close()
    db.dispose()
    print(
        f"ratio: {worst_ratio:.2f} (goal: <= 1.5 the same page by plain sqlite3, raw FTS keys; "
        f"slowest page {worst_ms:.1f} ms, goal <= 50 ms)"
    )


if __name__ == "__main__":
    main()
