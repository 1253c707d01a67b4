"""`audit verify` at two sizes: time, events per second and peak memory, each size in its own
process (ru_maxrss is a process's high-water mark), against two bare passes through the driver:
one that only reads the events and seals (the floor any verify stands on), and an honest
baseline that reads every row verify reads (events, seals, evidence copies, each sealed table and
its seals) and hashes each one with hashlib in a plain loop, with no canonical form and no checks.

    python -m bench.audit_verify                  # 10k items and the shared 1M demo (read only)
    python -m bench.audit_verify --large 200000   # a 200k demo built in the shared folder
    python -m bench.audit_verify --runs 3         # best of three of each (a loaded machine)

The memory line is the goal: the peaks of both processes together at the large size (from 100k
events verify runs a second process) / the peak of the one process at 10k, ≤ 1.3 (and the larger
process's alone). The second process's peak is its own (Linux's VmHWM, which it reports): the
kernel's ru_maxrss of a child also counts the parent's pages it shared between fork and exec.
Then the CPU of both; the last is `ratio: verify's time / the bare hashing loop's at the large
size`, with verify's events/s against the goal (≥ 50,000/s).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.data import SHARED, decided_demo_database


def _database(items: int, folder: Path = SHARED) -> Path:
    path = folder / f"demo-{items}-0.5.db"
    if not path.with_name(path.name + ".ok").exists():
        decided_demo_database(items, 0.5, folder).dispose()
    return path


def _hash_loop(con: sqlite3.Connection) -> int:
    """Every row verify reads, each hashed once: the same I/O and row building, no canonical JSON."""
    from app.models.seals import KINDS

    sha = hashlib.sha256
    queries = [
        "SELECT * FROM audit_events ORDER BY id",
        "SELECT event_id, kind, record_id, sha256 FROM audit_seals ORDER BY event_id, seq",
        "SELECT id, item_id, sha256, payload FROM evidence ORDER BY id",
    ]
    for spec in KINDS.values():
        columns = ", ".join(f'"{c}"' for c in spec.columns)
        sealed = (
            ""
            if spec.required
            else f" WHERE id IN (SELECT record_id FROM audit_seals WHERE kind = '{spec.kind}')"
        )
        queries.append(f"SELECT {columns} FROM {spec.table.name}{sealed} ORDER BY id")
        queries.append(
            f"SELECT record_id, event_id, sha256 FROM audit_seals WHERE kind = '{spec.kind}' "
            "ORDER BY record_id, event_id"
        )
    events = 0
    for n, query in enumerate(queries):
        cursor = con.execute(query)
        while batch := cursor.fetchmany(5000):
            for row in batch:
                sha("\x1f".join(map(str, row)).encode()).hexdigest()
            if n == 0:
                events += len(batch)
    return events


def _measure(path: str, bare: str) -> dict[str, float]:
    """One size, in this (fresh) process: the file is opened read only, nothing is written."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.services.records.audit_verify import verify_chain

    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu = time.process_time()
    if bare == "hash":
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        started = time.perf_counter()
        events = _hash_loop(con)
        took = time.perf_counter() - started
        con.close()
        intact = True
    elif bare:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        started = time.perf_counter()
        events = sum(1 for _ in con.execute("SELECT * FROM audit_events ORDER BY id"))
        sum(1 for _ in con.execute("SELECT * FROM audit_seals ORDER BY event_id, seq"))
        took = time.perf_counter() - started
        con.close()
        intact = True
    else:
        from app.services.records import audit_parallel

        told: list[int | None] = []
        answer = audit_parallel.Helper.result

        def result(helper: audit_parallel.Helper) -> Any:
            found = answer(helper)
            told.append(found.peak_kb)
            return found

        audit_parallel.Helper.result = result  # type: ignore[method-assign]
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        with Session(engine) as session:
            started = time.perf_counter()
            report = verify_chain(session)
            took = time.perf_counter() - started
        events, intact = report.events, report.intact
    cpu = time.process_time() - cpu  # this process's own CPU (SQLite runs in it): the load aside
    helper = resource.getrusage(resource.RUSAGE_CHILDREN)  # verify's second process, when it ran
    helper_cpu = helper.ru_utime + helper.ru_stime
    helper_kb = helper.ru_maxrss if not bare else 0
    if not bare and told:
        helper_kb = told[0] if told[0] is not None else helper_kb
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"events": events, "seconds": took, "cpu": cpu, "helper_cpu": helper_cpu,
            "helper_mb": helper_kb / 1024, "rss_mb": peak / 1024,
            "grew_mb": (peak - start_rss) / 1024, "intact": intact}  # fmt: skip


def _run(path: Path, bare: str, runs: int) -> dict[str, float]:
    """The fastest of `runs` (each in a fresh process)."""
    args = [sys.executable, "-m", "bench.audit_verify", "--one", str(path), "--bare", bare]
    results = []
    for _ in range(runs):
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    best: dict[str, float] = min(results, key=lambda r: r["seconds"])
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--one")
    parser.add_argument("--bare", default="", help="'read' or 'hash': a bare pass instead of verify")
    parser.add_argument("--runs", type=int, default=1, help="best of this many runs of each")
    parser.add_argument("--folder", type=Path, default=SHARED, help="where the demo files are (a copy)")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one, args.bare)))
        return
    peaks = []
    for items in (10_000, args.large):
        path = _database(items, args.folder)
        for bare, label in (("read", "bare read"), ("hash", "bare hash"), ("", "verify")):
            r = _run(path, bare, args.runs)
            cpu = r["cpu"] + r["helper_cpu"]
            helped = (
                f" + second process {r['helper_cpu']:.2f} s = {cpu:.2f} s, "
                f"{r['events'] / max(r['cpu'], r['helper_cpu']):.0f}/s on the busier core"
                if r["helper_cpu"]
                else ""
            )
            print(
                f"{items:>9} items, {label:>9}: {r['events']:>7} events in {r['seconds']:7.2f} s "
                f"({r['events'] / r['seconds']:8.0f}/s; CPU {r['cpu']:.2f} s{helped}, "
                f"{r['events'] / cpu:.0f}/s of CPU), "
                f"peak rss {r['rss_mb']:.0f} MB "
                f"(+{r['grew_mb']:.0f} MB during; second process {r['helper_mb']:.0f} MB), "
                f"intact={r['intact']}",
                flush=True,
            )
            if label == "bare hash":
                baseline, baseline_cpu = r["seconds"], r["cpu"]
            if not bare:
                peaks.append((max(r["rss_mb"], r["helper_mb"]), r["rss_mb"] + r["helper_mb"]))
                rate, took, cpu_took = r["events"] / r["seconds"], r["seconds"], cpu
    print(
        f"memory: {peaks[1][1] / peaks[0][1]:.2f} (goal: ≤ 1.3, both processes' peaks together at "
        f"{args.large}, {peaks[1][1]:.0f} MB, / at 10000, {peaks[0][1]:.0f} MB; the larger process "
        f"alone {peaks[1][0] / peaks[0][0]:.2f})"
    )
    print(f"CPU: verify {cpu_took:.2f} s (both processes) / the bare loop {baseline_cpu:.2f} s")
    print(
        f"ratio: {took / baseline:.2f} (verify / a bare sqlite3+hashlib loop over the same rows at "
        f"{args.large} items, wall, best of {args.runs}; goal: ≥ 50000 events/s, here {rate:.0f}/s)"
    )


if __name__ == "__main__":
    main()
