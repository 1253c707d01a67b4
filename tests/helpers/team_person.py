"""One person at their own workstation, for the team-credential tests: run under a
dbus-run-session of its own with its own HOME, so its keyring is its own.

python -m tests.helpers.team_person URL login|set KEY (token on stdin)|get KEY

`get` prints the token's SHA-256 (or "none"), never the token."""

from __future__ import annotations

import hashlib
import sys

from app.models.db import open_database
from app.services.accounts.team_credentials import TeamCredentialStore


def main(url: str, action: str, key: str = "") -> int:
    db = open_database(url)
    try:
        store = TeamCredentialStore(db.sessions)
        if action == "login":
            result = store.login()
            print(f"created={result.created_key} shared={len(result.shared)}")
        elif action == "set":
            store.set(f"account:{key}", sys.stdin.read().strip())
            print("saved")
        elif action == "get":
            token = store.get(f"account:{key}")
            print(hashlib.sha256(token.encode()).hexdigest() if token else "none")
        elif action == "registry":  # as the moderation service and sync reach the platform
            from app.services.accounts.connections import AccountRef, for_database, keyring_registry

            registry = for_database(keyring_registry(), db.sessions)
            with db.sessions() as session:
                from sqlalchemy import select

                from app.models import Account

                account = AccountRef.of(session.scalars(select(Account).where(Account.key == key)).one())
            token = registry._secret_for(account) if registry._secret_for else None
            print(hashlib.sha256(token.encode()).hexdigest() if token else "none")
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
