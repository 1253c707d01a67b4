"""Real disk faults for tests: a small tmpfs that fills up (ENOSPC from the kernel, the same
error a full disk gives SQLite, openpyxl and the zip writer) and a read-only remount of it
(EROFS, which stops root too, unlike file permissions). Mounting needs root (scripts/test and
CI run as root); elsewhere these tests skip, saying why."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, path: Path) -> None:
        self.path = path

    def free(self) -> int:
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize

    def fill(self, leave: int = 0) -> None:
        """Take up all space but `leave` bytes (a file named filler)."""
        filler = self.path / "filler"
        with filler.open("ab") as f:
            while self.free() > leave:
                try:
                    f.write(b"\0" * min(65536, self.free() - leave or 4096))
                    f.flush()
                except OSError:
                    break

    def make_room(self) -> None:
        (self.path / "filler").unlink(missing_ok=True)

    def remount(self, option: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{option}", str(self.path)], check=True)


def _mount(path: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    path = tmp_path / "disk"
    if not _mount(path, "8m"):
        pytest.skip("needs root and mount(8) for a small tmpfs: a real full or read-only disk")
    try:
        yield SmallDisk(path)
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
