"""`audit verify` at two sizes: time, events per second and peak memory, each size in its own
process (ru_maxrss is a process's high-water mark), against a bare pass that only reads the same
events and seals through the driver (the floor any verify stands on).

    python -m bench.audit_verify                  # 10k items and the shared 1M demo (read only)
    python -m bench.audit_verify --large 200000   # a 200k demo built in the shared folder

The last line is `ratio: peak memory at the large size / at 10k (goal: ≤ 1.3)`.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.data import SHARED, decided_demo_database


def _database(items: int, folder: Path = SHARED) -> Path:
    path = folder / f"demo-{items}-0.5.db"
    if not path.with_name(path.name + ".ok").exists():
        decided_demo_database(items, 0.5, folder).dispose()
    return path


def _measure(path: str, bare: bool) -> dict[str, float]:
    """One size, in this (fresh) process: the file is opened read only, nothing is written."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.services.records.audit_verify import verify_chain

    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if bare:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        started = time.perf_counter()
        events = sum(1 for _ in con.execute("SELECT * FROM audit_events ORDER BY id"))
        sum(1 for _ in con.execute("SELECT * FROM audit_seals ORDER BY event_id, seq"))
        took = time.perf_counter() - started
        con.close()
        intact = True
    else:
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
        with Session(engine) as session:
            started = time.perf_counter()
            report = verify_chain(session)
            took = time.perf_counter() - started
        events, intact = report.events, report.intact
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"events": events, "seconds": took, "rss_mb": peak / 1024, "grew_mb": (peak - start_rss) / 1024,
            "intact": intact}  # fmt: skip


def _run(path: Path, bare: bool) -> dict[str, float]:
    args = [sys.executable, "-m", "bench.audit_verify", "--one", str(path)] + (["--bare"] if bare else [])
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--one")
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--folder", type=Path, default=SHARED, help="where the demo files are (a copy)")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one, args.bare)))
        return
    peaks = []
    for items in (10_000, args.large):
        path = _database(items, args.folder)
        for bare in (True, False):
            r = _run(path, bare)
            label = "bare read" if bare else "verify"
            print(
                f"{items:>9} items, {label:>9}: {r['events']:>7} events in {r['seconds']:7.2f} s "
                f"({r['events'] / r['seconds']:8.0f}/s), peak rss {r['rss_mb']:.0f} MB "
                f"(+{r['grew_mb']:.0f} MB during), intact={r['intact']}",
                flush=True,
            )
            if not bare:
                peaks.append(r["rss_mb"])
    print(f"ratio: {peaks[1] / peaks[0]:.2f} (goal: ≤ 1.3, peak memory at {args.large} / at 10000)")


if __name__ == "__main__":
    main()
