"""`granska` with the platform double as every account's connector, for subprocess tests:
python -m tests.helpers.fake_cli ARGS..."""

from __future__ import annotations

import sys

import app.services.accounts.platforms as platforms
from app.cli import main
from tests.helpers.platform import fake_registry

platforms.connector_registry = fake_registry  # type: ignore[assignment]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
