"""P0: import N items through Granska's import path vs raw sqlite3 executemany of the same rows.

Granska's side reads a JSON Lines file, validates every line, flags every text, upserts in one
transaction and keeps the FTS5 index in sync. The baseline inserts the same, already parsed rows
into a bare table of the same columns with plain sqlite3. Both run here, in this process, now.

    python bench/ingest.py [--items N] [--repeat K] [--phases]

`--phases` times only the floor below, statement by statement (its insert, each search index
fill, the tab counts, each index built at the end, the commit).

Two baselines: a bare table of the same columns (no index at all), and Granska's own migrated
schema (its indexes; the FTS5 index, the queue's tab counts and the tabs' own search index
filled in one statement each, its insert triggers lifted and its plain indexes built once at
the end, as Granska's bulk import keeps them),
given the very rows the import stores (read back from an untimed import: flagged items and
questions land in their indexes and tabs as they do for Granska): the storage floor any import
into that schema pays. Both baselines get the page cache Granska's import sets for itself
(`IMPORT_CACHE_KIB`), so neither side is measured with a handicap.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.models import tab_search  # noqa: E402
from app.models.base import to_driver_datetime  # noqa: E402
from app.models.bulk_indexes import restore_indexes, set_aside_indexes  # noqa: E402
from app.models.db import open_database  # noqa: E402
from app.models.queue_counts import count_new_rows  # noqa: E402
from app.services.intake import import_process  # noqa: E402
from app.services.intake.demo import DEMO_ACCOUNTS, _ensure_accounts, demo_items  # noqa: E402
from app.services.intake.importer import ImportService  # noqa: E402
from app.services.intake.item_writer import _INSERT_COLUMNS, IMPORT_CACHE_KIB  # noqa: E402

COLUMNS = (
    "account_id",
    "kind",
    "external_id",
    "parent_external_id",
    "post_external_id",
    "author_name",
    "author_id",
    "author_url",
    "text",
    "created_at",
    "permalink",
    "raw",
)


def write_input(path: Path, n: int) -> list[tuple]:
    keys = {key: i + 1 for i, (key, *_rest) in enumerate(DEMO_ACCOUNTS)}
    rows = []
    with path.open("w", encoding="utf-8") as f:
        for item in demo_items(n):
            record = {
                "account": item.account,
                "platform": item.platform,
                "kind": item.kind,
                "external_id": item.external_id,
                "parent_external_id": item.parent_external_id,
                "post_external_id": item.post_external_id,
                "author_name": item.author_name,
                "author_id": item.author_id,
                "author_url": item.author_url,
                "text": item.text,
                "created_at": item.created_at.isoformat(),
                "permalink": item.permalink,
                "raw": item.raw,
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            rows.append(
                (
                    keys[item.account],
                    item.kind,
                    item.external_id,
                    item.parent_external_id,
                    item.post_external_id,
                    item.author_name,
                    item.author_id,
                    item.author_url,
                    item.text,
                    to_driver_datetime(item.created_at, "sqlite"),
                    item.permalink,
                    json.dumps(item.raw, ensure_ascii=False),
                )
            )
    return rows


def baseline(path: Path, rows: list[tuple]) -> float:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    con.execute(f"CREATE TABLE items (id INTEGER PRIMARY KEY, {', '.join(COLUMNS)})")
    start = time.perf_counter()
    with con:
        con.executemany(
            f"INSERT INTO items ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", rows
        )
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def stored_rows(db_path: Path, jsonl: Path) -> list[tuple]:
    """The rows Granska's import stores for `jsonl` (statuses, flags, suggested reasons and
    questions as its rules set them), read back from an untimed import: what the floor stores."""
    granska(db_path, jsonl)
    con = sqlite3.connect(db_path)
    rows = con.execute(f"SELECT {', '.join(_INSERT_COLUMNS)} FROM items ORDER BY id").fetchall()
    con.close()
    db_path.unlink()
    return rows


FILL_FTS = "INSERT INTO items_fts(rowid, text, author_name) SELECT id, text, author_name FROM items"


def driver(con: sqlite3.Connection) -> SimpleNamespace:
    """`con` as the models' helpers call a connection (exec_driver_sql; a list: executemany)."""

    def run(statement: str, params: object = ()) -> sqlite3.Cursor:
        if isinstance(params, list):
            return con.executemany(statement, params)
        return con.execute(statement, params)  # type: ignore[arg-type]

    return SimpleNamespace(exec_driver_sql=run, info={})


def baseline_same_schema(db_path: Path, stored: list[tuple]) -> float:
    """The storage floor: raw sqlite3 into Granska's own migrated schema (its indexes; the FTS5
    index, the tab counts and the tabs' own search index filled in one statement each (a tab),
    as the bulk import fills them; the plain indexes dropped first and built at the end, sorted)
    of the very rows the import stores (`stored_rows`: flagged
    items in the reason index and the flagged tab, questions in the questions tab), with no
    parsing, validation or flagging."""
    db = open_database(f"sqlite:///{db_path}")
    _ensure_accounts(db.sessions)
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    # The cheapest upkeep the schema allows, as Granska's bulk import does it: the search index
    # and the queue's tab counts filled in one statement each, not by their per-row triggers.
    con.execute("DROP TRIGGER items_fts_ai")
    con.execute("DROP TRIGGER queue_counts_ai")
    con.execute(f"DROP TRIGGER {tab_search.TABLE}_ai")
    con.execute("DROP TRIGGER response_times_ai")  # as the bulk import does (app/models/fulltext.py)
    cols = _INSERT_COLUMNS
    shim = driver(con)
    start = time.perf_counter()
    with con:
        con.execute("BEGIN")
        # The items' plain indexes set aside and built once at the end, sorted, as Granska's
        # bulk import does above its threshold (app/models/bulk_indexes.py): what is left to
        # beat is the cheapest the schema allows, not random inserts into ten btrees.
        set_aside_indexes(shim)
        con.executemany(
            f"INSERT INTO items ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", stored
        )
        con.execute(FILL_FTS)
        tab_search.index_rows(shim, 0, count_new_rows(shim, 0))
        restore_indexes(shim)
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed


def floor_phases(db_path: Path, stored: list[tuple]) -> dict[str, float]:
    """The floor of `baseline_same_schema`, step by step: seconds per statement."""
    db = open_database(f"sqlite:///{db_path}")
    _ensure_accounts(db.sessions)
    db.dispose()
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    for trigger in ("items_fts_ai", "queue_counts_ai", f"{tab_search.TABLE}_ai", "response_times_ai"):
        con.execute(f"DROP TRIGGER {trigger}")
    cols = _INSERT_COLUMNS
    shim = driver(con)
    phases: dict[str, float] = {}

    def timed(name: str, step) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        step()
        phases[name] = time.perf_counter() - start

    con.execute("BEGIN")
    timed("set aside indexes", lambda: set_aside_indexes(shim))
    aside = shim.info["granska_set_aside_indexes"]
    insert = f"INSERT INTO items ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    timed("insert into items", lambda: con.executemany(insert, stored))
    timed(
        "items_fts fill",
        lambda: con.execute(FILL_FTS),
    )
    held: set[tuple[str, bool]] = set()
    timed("tab counts", lambda: held.update(count_new_rows(shim, 0)))
    timed(f"{tab_search.TABLE} fill", lambda: tab_search.index_rows(shim, 0, held))
    for name, sql in aside:
        timed(f"index {name}", lambda sql=sql: con.execute(sql))
    timed("commit", con.commit)
    con.close()
    return phases


def granska(db_path: Path, jsonl: Path) -> float:
    db = open_database(f"sqlite:///{db_path}")
    _ensure_accounts(db.sessions)
    start = time.perf_counter()
    result = ImportService(db.sessions).import_file(jsonl)
    elapsed = time.perf_counter() - start
    assert result.created > 0
    db.dispose()
    return elapsed


def print_phases(n: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        jsonl = tmpdir / "items.jsonl"
        write_input(jsonl, n)
        stored = stored_rows(tmpdir / "stored.db", jsonl)
        runs = []
        for run in range(repeat):
            runs.append(floor_phases(tmpdir / f"floor{run}.db", stored))
            (tmpdir / f"floor{run}.db").unlink()
    print(f"floor at {n} items, step by step (best, median of {repeat} runs), s:")
    for name in runs[0]:
        times = sorted(r[name] for r in runs)
        print(f"  {name:44} {times[0]:7.2f} {times[len(times) // 2]:7.2f}")
    totals = sorted(sum(r.values()) for r in runs)
    print(f"  {'total':44} {totals[0]:7.2f} {totals[len(totals) // 2]:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each side, interleaved; the best of each counts (default 3)",
    )
    parser.add_argument("--phases", action="store_true", help="only the floor, step by step")
    args = parser.parse_args()
    if args.phases:
        return print_phases(args.items, args.repeat)
    runs: dict[str, list[float]] = {"raw": [], "floor": [], "granska": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        jsonl = tmpdir / "items.jsonl"
        rows = write_input(jsonl, args.items)
        jsonl_size = jsonl.stat().st_size
        stored = stored_rows(tmpdir / "stored.db", jsonl)
        # Interleaved, so that a busy moment on a shared machine does not favour one side.
        for run in range(args.repeat):
            runs["raw"].append(baseline(tmpdir / f"raw{run}.db", rows))
            runs["floor"].append(baseline_same_schema(tmpdir / f"floor{run}.db", stored))
            runs["granska"].append(granska(tmpdir / f"granska{run}.db", jsonl))
            for name in ("raw", "floor", "granska"):
                (tmpdir / f"{name}{run}.db").unlink()
    n = len(rows)
    child = jsonl_size >= import_process.CHILD_FROM_BYTES and (os.cpu_count() or 1) >= 2
    print(f"granska's import read by a child process (app/services/intake/import_process.py): {child}")
    base, floor, ours = (min(runs[k]) for k in ("raw", "floor", "granska"))
    print(
        f"items: {n}, best of {args.repeat} interleaved runs "
        f"(granska: {', '.join(f'{t:.2f}' for t in runs['granska'])} s)"
    )
    print(f"raw sqlite3 executemany:  {base:8.2f} s  {n / base:12,.0f} items/s")
    print(f"raw sqlite3, same schema: {floor:8.2f} s  {n / floor:12,.0f} items/s")
    print(f"granska import:           {ours:8.2f} s  {n / ours:12,.0f} items/s")
    print(f"ratio (granska / raw executemany, bare table): {base / ours:.3f}  (goal >= 0.10)")
    print(f"ratio (granska / raw executemany, same schema): {floor / ours:.3f}  (goal >= 0.6)")
    print(
        f"ratio: {floor / ours:.3f} (goal: >= 0.6 of a raw executemany into the same schema; "
        f"{base / ours:.3f} of the bare table, goal >= 0.10)"
    )


if __name__ == "__main__":
    main()
