"""A PostgreSQL server of the test's own, which the test may stop and start (the shared one
scripts/test runs is used by every other test). Same binaries as scripts/test."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bin() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in Path(p).parent.name.split(".") if x.isdigit()],
    )
    return Path(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivatePostgres:
    def __init__(self) -> None:
        pg_bin = _bin()
        if pg_bin is None:
            raise RuntimeError("PostgreSQL's binaries are not installed")
        self._bin = pg_bin
        # Outside pytest's 0700 tmp folders: the server runs as `postgres` when we are root.
        self.root = Path(tempfile.mkdtemp(prefix="granska-pg-"))
        self.data, self.sock = self.root / "pg", self.root / "sock"
        self.data.mkdir()
        self.sock.mkdir()
        os.chmod(self.root, 0o755)
        if os.geteuid() == 0:
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(self.sock, "postgres", "postgres")
        self.port = _free_port()
        self._run(f"{self._bin}/initdb -D {self.data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
        self.start()

    def _run(self, command: str) -> None:
        argv = ["su", "postgres", "-c", command] if os.geteuid() == 0 else ["bash", "-c", command]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        self._run(
            f"{self._bin}/pg_ctl -D {self.data} -l {self.data}/server.log -w -o "
            f"'-p {self.port} -c listen_addresses=127.0.0.1 -k {self.sock} -c fsync=off' start"
        )

    def stop(self) -> None:
        self._run(f"{self._bin}/pg_ctl -D {self.data} -m fast -w stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def private_postgres(monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivatePostgres]:
    """A server of the test's own, which it may stop and start; connections give up after 2 s."""
    monkeypatch.setenv("GRANSKA_PG_CONNECT_TIMEOUT_S", "2")
    pg = PrivatePostgres()
    yield pg
    pg.remove()
