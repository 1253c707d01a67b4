"""Another program holding an SQLite database: a real second process with a real lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class Holder:
    """Another process with the database open, holding a lock until told to let go."""

    def __init__(self, path: Path, statements: list[str]) -> None:
        script = (
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            f"for s in {statements!r}: c.execute(s)\n"
            "print('ready', flush=True)\nsys.stdin.readline()\n"
        )
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout.readline().strip() == "ready"

    def release(self) -> None:
        self.proc.communicate("\n", timeout=10)
