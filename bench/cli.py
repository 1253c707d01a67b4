"""How long a `granska` command takes to start and answer, against a bare Python start.

Each command is a fresh process, as when a person or a script types it. The baseline is
`python -c "import sqlite3"` with the same interpreter, measured in the same run: Python's own
start-up, which no command can beat. `queue` runs on a database filled with the demo data.

    python bench/cli.py [--items N] [--repeat K]

The median of K runs each (after one warm-up run, so the files are in the page cache).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"--help": 3.0, "queue --json --limit 50": 6.0}


def _granska(*args: str) -> list[str]:
    return [sys.executable, "-m", "app.cli", *args]


def median_seconds(argv: list[str], env: dict[str, str], repeat: int) -> float:
    subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="granska-bench-cli-") as work:
        env = {**os.environ, "GRANSKA_DB": f"sqlite:///{Path(work) / 'bench.db'}", "HOME": work}
        env.pop("DISPLAY", None)
        started = time.perf_counter()
        subprocess.run(_granska("demo", "--items", str(args.items)), env=env, cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        print(f"demo database: {args.items} items in {time.perf_counter() - started:.1f} s")
        baseline = median_seconds([sys.executable, "-c", "import sqlite3"], env, args.repeat)
        print(f'python -c "import sqlite3": {baseline * 1000:.0f} ms')
        results = {}
        for command in GOALS:
            results[command] = median_seconds(_granska(*command.split()), env, args.repeat)
            print(f"granska {command}: {results[command] * 1000:.0f} ms")
        for command, goal in GOALS.items():
            print(f"granska {command}")
            print(f"ratio: {results[command] / baseline:.1f} (goal: {goal:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
