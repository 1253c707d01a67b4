"""The commands of the fault matrix, as a subprocess (for kill -9) or in this process:
`python -m tests.faults.runner --db URL ARGS...` is `granska` with the platform double as the
connector of accounts on the test platform, and `granska sync` reading its token from
FAULT_TOKEN instead of the keyring (the real keyring is tested elsewhere)."""

from __future__ import annotations

import os
import sys

import app.commands.credentials as credentials
import app.services.accounts.platforms as platforms
from app.cli import main
from app.services.accounts.platforms import ConnectorRegistry
from tests.helpers.platform import fake_registry
from tests.helpers.platforms import quick_options


def _sync_registry() -> ConnectorRegistry:
    return ConnectorRegistry(lambda _a: os.environ.get("FAULT_TOKEN"), quick_options(page_size=10))


def run(argv: list[str]) -> int:
    platforms.connector_registry = fake_registry  # type: ignore[assignment]
    credentials.keyring_registry = _sync_registry  # type: ignore[assignment]
    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
