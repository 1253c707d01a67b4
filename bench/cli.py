"""How long a `granska` command takes to start and answer, against a bare Python start.

Each command is a fresh process, as when a person or a script types it. The baseline is
`python -c "import sqlite3"` with the same interpreter, measured in the same run: Python's own
start-up, which no command can beat. `queue` runs on a copy of the shared 10k demo database with
half its items decided (bench/data.py `decided_demo_database`; the shared file is only read).

    python bench/cli.py [--items N] [--repeat K]

Each command K times after one warm-up run (so the files are in the page cache); the ratio is of
the fastest runs (the machine is shared: the fastest run is the one least disturbed), the median
is printed beside it, and the processor time (least of the runs; a busy machine stretches the
clock, not this). `queue` is timed plain, with a search, with several statuses and with two
accounts; the last line is the slowest of them against the goal. `queue --all-accounts` takes the
whole way (SQLAlchemy, as before the quick read of app/services/queue/quick.py) and is printed
for comparison, without a goal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOALS = {
    "--help": 3.0,
    "queue --json --limit 50": 6.0,
    # What else a script asks `queue`: a search (the FTS index), several statuses, some accounts.
    "queue --json --limit 50 --search simhallen": 6.0,
    "queue --json --limit 50 --status new --status flagged --status registered": 6.0,
    "queue --json --limit 50 --account facebook --account x": 6.0,
}
COMPARED = "queue --json --limit 50 --all-accounts"


def _granska(*args: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *args]


def _children_cpu() -> float:
    """Processor time of the finished child processes; NaN where there is no `resource` (Windows)."""
    try:
        import resource
    except ImportError:
        return float("nan")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(argv: list[str], env: dict[str, str], repeat: int) -> tuple[float, float, float]:
    """The fastest and the median of `repeat` runs, and the least processor time (user and
    system) one of them used, in seconds."""
    subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)  # warm-up
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _children_cpu()
        subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - start_cpu)
    return min(times), statistics.median(times), min(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    from bench.data import decided_demo_database

    shared = decided_demo_database(args.items, 0.5)
    source = Path(shared.engine.url.database or "")
    shared.dispose()
    with tempfile.TemporaryDirectory(prefix="granska-bench-cli-") as work:
        copy = Path(work) / "bench.db"
        shutil.copyfile(source, copy)  # `queue` opens read-write (WAL): never the shared file
        env = {**os.environ, "GRANSKA_DB": f"sqlite:///{copy}", "HOME": work}
        env.pop("DISPLAY", None)
        print(f"demo database: a copy of {source} ({args.items} items, half decided)")
        base, base_median, base_cpu = timed([sys.executable, "-c", "import sqlite3"], env, args.repeat)
        print(
            f'python -c "import sqlite3": {base * 1000:.0f} ms (median {base_median * 1000:.0f} ms, '
            f"processor {base_cpu * 1000:.0f} ms)"
        )
        results = {}
        for command in [*GOALS, COMPARED]:
            results[command] = timed(_granska(*command.split()), env, args.repeat)
            best, median, cpu = results[command]
            print(
                f"granska {command}: {best * 1000:.0f} ms (median {median * 1000:.0f} ms, "
                f"processor {cpu * 1000:.0f} ms = {cpu / base_cpu:.1f}x)"
            )
        print(f"granska {COMPARED} (the whole way, no goal): {results[COMPARED][0] / base:.1f}x")
        for command, goal in GOALS.items():
            print(f"granska {command}")
            print(f"ratio: {results[command][0] / base:.1f} (goal: {goal:g})")
        # The last line: the worst of the `queue` commands against their common goal.
        worst = max((c for c in GOALS if c.startswith("queue")), key=lambda c: results[c][0])
        print(f"granska {worst} (the slowest queue command)")
        print(f"ratio: {results[worst][0] / base:.1f} (goal: {GOALS[worst]:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
