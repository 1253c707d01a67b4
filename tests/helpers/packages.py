"""Two items (one removed with a 42,000-character text, one registered) and screenshots around
them, for the evidence package tests (building and checking)."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.models import Screenshot
from app.services.context import Actor
from tests.helpers import moderation as m

ACTOR = Actor("polisanmalan", clock=lambda: datetime(2026, 6, 2, 9, 0, tzinfo=UTC))
LONG = "Hotfull text. " * 3000  # 42,000 characters: cut in Excel, whole in the evidence


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def two_items_in(database):  # type: ignore[no-untyped-def]
    sessions = database.sessions
    removed = m.remove(sessions, m.add_item(sessions, LONG + "\x01"), "brott")
    registered = m.add_item(sessions, "Synpunkt om skolan")
    m.register(sessions, registered, "arende")
    account_id = m.ensure_account(sessions, "fb")
    with sessions.begin() as session:
        for n, taken in enumerate(
            [m.T0 - timedelta(days=400), m.T0 - timedelta(days=30), m.T0 + timedelta(days=5)]
        ):
            session.add(
                Screenshot(
                    account_id=account_id,
                    taken_at=taken,
                    taken_by="testare",
                    png=b"\x89PNG fake %d" % n,
                    sha256="x",
                    width=1,
                    height=1,
                )
            )
    return database, removed, registered


def rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    entries = change(entries)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
