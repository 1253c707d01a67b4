"""Running `granska --smoke-test` as a separate process and reading its report."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

SMOKE_TIMEOUT_S = 240
# Every check app/smoke.py reports, in order.
CHECKS = (
    "databas",
    "resurser",
    "översättningar",
    "tidszon",
    "textkodning",
    "postgresql-drivrutin",
    "nyckelring",
    "huvudfönster",
    "Qt-meddelanden",
)


@dataclass
class SmokeReport:
    returncode: int
    output: str
    wall_s: float

    def status(self, check: str) -> str:
        """ "ok", "FEL" or "hoppades över" for the named check (fails when it is not reported)."""
        for line in self.output.splitlines():
            m = re.match(r"^(ok|FEL|hoppades över)\s+" + re.escape(check) + ":", line)
            if m:
                return m.group(1)
        raise AssertionError(f"no line for {check!r} in:\n{self.output}")

    def line(self, check: str) -> str:
        self.status(check)
        return next(line for line in self.output.splitlines() if f" {check}: " in line)

    def checks(self) -> list[str]:
        found = re.findall(r"^(?:ok|FEL|hoppades över)\s+(\S+):", self.output, re.MULTILINE)
        return list(found)

    def assert_all_ok(self) -> None:
        assert self.returncode == 0, self.output
        assert self.checks() == list(CHECKS), self.output
        for check in CHECKS:
            assert self.status(check) == "ok", self.output
        assert self.output.rstrip().endswith("Röktest: godkänt")

    @property
    def window_shown_s(self) -> float:
        m = re.search(r"Start till fönster: ([\d.]+) s", self.output)
        assert m, self.output
        return float(m.group(1))


def run_smoke_test(
    command: Sequence[str], *, env: dict[str, str] | None = None, unset: Sequence[str] = ()
) -> SmokeReport:
    import time

    full_env = dict(os.environ)
    full_env.update(env or {})
    for name in unset:
        full_env.pop(name, None)
    started = time.perf_counter()
    result = subprocess.run(
        [*command, "--smoke-test"], capture_output=True, text=True, env=full_env, timeout=SMOKE_TIMEOUT_S,
    )  # fmt: skip
    wall = time.perf_counter() - started
    return SmokeReport(result.returncode, result.stdout + result.stderr, wall)


def migrations_head() -> str:
    from alembic.script import ScriptDirectory

    from app.models.db import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def leftover_smoke_secrets(service: str) -> list[str]:
    """Test secrets the smoke test left in the Secret Service keyring (should be none)."""
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        left = []
        for item in collection.search_items({"service": service}):
            try:
                username = item.get_attributes().get("username", "")
            except secretstorage.exceptions.ItemNotFoundException:
                continue  # deleted between the search and this look (another test's own secret)
            if username.startswith("smoke-test:"):
                left.append(username)
        return left
    finally:
        connection.close()
