"""Offline work (#16), on a PostgreSQL server of the bench's own that it stops at the end:

1. switch: from the first failed query (the server stopped) to the local copy's first queue
   page and the offline moderation ready (what the window needs to be usable); goal < 2 s.
2. refresh: the incremental refresh of the copy after 1,000 new items arrived on the team
   database, against writing those 1,000 items into a clone of the copy (same schema, indexes,
   search index and size) in one transaction (the bare local write); goal <= 2x.
3. replay: handing 1,000 offline Keep decisions to the team database, against making 1,000
   Keep decisions online on the same database; goal <= 1.5x.

The person acts on two accounts (facebook, instagram) of the demo data's six. The issue asks
for a 1M-item team database; building one through the importer takes long on a shared
machine, so the size is a flag (--items, default 100,000) and the copy's size is printed.

    python bench/offline.py [--items N] [--decisions N]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from app.models import Account, AccountAdministrator, Administrator, Item, ItemStatus  # noqa: E402
from app.models.db import open_database  # noqa: E402
from app.services.context import Actor  # noqa: E402
from app.services.intake.demo import load_demo  # noqa: E402
from app.services.moderation.facade import ModerationService  # noqa: E402
from app.services.offline.copy import LocalCopy  # noqa: E402
from app.services.offline.journal import OfflineModeration  # noqa: E402
from app.services.offline.replay import replay_journal  # noqa: E402
from bench.offline_window import time_switch  # noqa: E402
from tests.helpers.private_postgres import PrivatePostgres  # noqa: E402

ME = "postgres"  # the bench's login on its own server
MY_ACCOUNTS = ("facebook", "instagram")
ROUNDS = 3


def act_on_two_accounts(team: object) -> None:
    """The login is an administrator (roles in use) assigned to two of the accounts."""
    sessions = team.sessions  # type: ignore[attr-defined]
    with sessions.begin() as s:
        admin = Administrator(username=ME, name="Bänk Person", roles="administrator", active=True)
        s.add(admin)
        s.flush()
        for key in MY_ACCOUNTS:
            account_id = s.scalar(select(Account.id).where(Account.key == key))
            s.add(AccountAdministrator(account_id=account_id, administrator_id=admin.id))


def new_items(team: object, n: int) -> list[dict[str, object]]:
    """`n` new open items on one of the person's accounts, as a sync brings them."""
    engine = team.engine  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    with engine.begin() as con:
        account_id = con.scalar(select(Account.id).where(Account.key == MY_ACCOUNTS[0]))
        rows = [
            {
                "account_id": account_id,
                "kind": "comment",
                "external_id": f"bench-new-{now.timestamp()}-{i}",
                "parent_external_id": None,
                "post_external_id": None,
                "author_name": f"Skribent {i}",
                "text": f"Ny kommentar nummer {i} om bänken vid torget",
                "created_at": now,
                "fetched_at": now,
                "status": ItemStatus.NEW,
                "is_question": False,
                "row_version": 1,
            }  # fmt: skip
            for i in range(n)
        ]
        con.execute(insert(Item.__table__), rows)
        top = con.scalar(select(Item.id).order_by(Item.id.desc()).limit(1))
        return [dict(r._mapping) for r in con.execute(select(Item.__table__).where(Item.id > top - n))]


def clone(copy: LocalCopy, folder: Path) -> Path:
    """The copy as it is now, in another file (SQLite's backup): the same schema, indexes and
    size for the baseline to write into."""
    target = folder / f"scratch-{time.monotonic_ns()}.db"
    source, dest = sqlite3.connect(copy.path), sqlite3.connect(target)
    with dest:
        source.backup(dest)
    source.close()
    dest.close()
    return target


def bare_local_write(rows: list[dict[str, object]], scratch_path: Path) -> float:
    """The 1,000 items written into a file like the copy, one transaction, no network."""
    scratch = open_database(f"sqlite:///{scratch_path}")
    with scratch.engine.connect() as con:  # warm, as the copy is
        con.exec_driver_sql("SELECT count(*) FROM items").scalar()
    started = time.perf_counter()
    with scratch.engine.begin() as con:
        con.execute(insert(Item.__table__), rows)
    took = time.perf_counter() - started
    scratch.dispose()
    return took


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=1_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="granska-bench-offline-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")  # the copy, in a data folder of the bench's own
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    pg = PrivatePostgres()
    try:
        team = open_database(pg.url)
        started = time.perf_counter()
        load_demo(team.sessions, args.items)
        print(f"team database: {args.items} demo items in {time.perf_counter() - started:.1f} s")
        act_on_two_accounts(team)

        copy = LocalCopy.for_team(team.engine.url)  # where the window looks for it
        started = time.perf_counter()
        full = copy.refresh(team)
        took = time.perf_counter() - started
        copy.close()  # the WAL folded back into the file
        size = copy.path.stat().st_size / 2**20
        print(f"first copy: {full.items} items, {full.records} records in {took:.1f} s; file {size:.1f} MiB")

        # 2. Incremental refresh after 1,000 new items, against writing them locally; three
        # rounds each, interleaved, the medians compared (the machine is shared).
        _ = copy.db  # opened again (as the window and the command line keep it) before the clock starts
        refreshes, bares = [], []
        for _round in range(ROUNDS):
            scratch = clone(copy, folder)
            rows = new_items(team, 1000)
            started = time.perf_counter()
            inc = copy.refresh(team)
            refreshes.append(time.perf_counter() - started)
            assert inc.items >= 1000, inc
            bares.append(bare_local_write(rows, scratch))
        refresh, bare = statistics.median(refreshes), statistics.median(bares)
        print(
            f"refresh after 1,000 new items: {refresh * 1000:.0f} ms; bare local write {bare * 1000:.0f} ms"
        )
        print(f"ratio: {refresh / bare:.2f} (goal: 2)")

        # 3. Replay of N offline decisions against N decisions online.
        with copy.db.sessions() as s:
            open_ids = list(
                s.scalars(
                    select(Item.id)
                    .where(Item.status.in_([ItemStatus.NEW, ItemStatus.FLAGGED]))
                    .order_by(Item.id)
                    .limit(2 * args.decisions)
                )
            )
        if len(open_ids) < 2 * args.decisions:
            raise SystemExit(f"only {len(open_ids)} open items in the copy; ask for fewer --decisions")
        offline_ids, online_ids = open_ids[: args.decisions], open_ids[args.decisions :]
        offline = OfflineModeration(copy, actor=Actor(ME))
        for item_id in offline_ids:
            offline.keep(item_id)
        online = ModerationService(team.sessions, actor=Actor(ME))
        made_online = replayed = 0.0
        applied = 0
        step = max(1, args.decisions // ROUNDS)
        for start in range(0, args.decisions, step):  # interleaved: both see the same load
            began = time.perf_counter()
            for item_id in online_ids[start : start + step]:
                online.keep(item_id)
            made_online += time.perf_counter() - began
            with copy.db.engine.begin() as con:  # this round's share of the journal only
                con.exec_driver_sql(
                    "CREATE TABLE IF NOT EXISTS bench_hold AS SELECT * FROM offline_journal WHERE 0"
                )
                con.exec_driver_sql(
                    "INSERT INTO bench_hold SELECT * FROM offline_journal WHERE seq > ?", (start + step,)
                )
                con.exec_driver_sql("DELETE FROM offline_journal WHERE seq > ?", (start + step,))
            began = time.perf_counter()
            report = replay_journal(team, copy)
            replayed += time.perf_counter() - began
            applied += report.applied
            assert not report.conflicts, report
            with copy.db.engine.begin() as con:
                con.exec_driver_sql("INSERT INTO offline_journal SELECT * FROM bench_hold")
                con.exec_driver_sql("DELETE FROM bench_hold")
        assert applied == args.decisions, applied
        print(f"{args.decisions} decisions online {made_online:.1f} s; replayed {replayed:.1f} s")
        print(f"ratio: {replayed / made_online:.2f} (goal: 1.5)")

        # 1. The switch, the server stopped: the real window (offscreen), best of ROUNDS, the old
        # behaviour (the probe) interleaved as the baseline.
        copy.refresh(team)
        copy.close()
        team.dispose()
        switches, probes = [], []
        for _round in range(ROUNDS):
            switches.append(time_switch(pg, ME, switch_on_failure=True))
            probes.append(time_switch(pg, ME, switch_on_failure=False))
        switch, probed = min(switches), min(probes)
        print(
            f"switch to the copy after the first failed query: best {switch * 1000:.0f} ms, median "
            f"{statistics.median(switches) * 1000:.0f} ms; old behaviour (the 5 s probe): best "
            f"{probed * 1000:.0f} ms, median {statistics.median(probes) * 1000:.0f} ms"
        )
        print(f"ratio: {switch / 2.0:.2f} (goal: 1)")
    finally:
        pg.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
