"""The account pages' screenshots go into the local copy on request (granska offline sync
--skarmdumpar), pictures byte for byte, and from then on at every refresh, incrementally."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from app.models import Account, Screenshot
from app.services.offline.copy import LocalCopy
from tests.helpers.moderation import add_item, ensure_account

NOW = datetime.now(UTC).replace(microsecond=0)


def _shoot(db, png: bytes) -> int:
    with db.sessions.begin() as s:
        account = s.scalar(select(Account.id).where(Account.key == "fb"))
        shot = Screenshot(account_id=account, taken_at=NOW, taken_by="anna", reason="annual", note="",
                          png=png, sha256=hashlib.sha256(png).hexdigest(), width=2, height=1)  # fmt: skip
        s.add(shot)
        s.flush()
        return shot.id


def test_screenshots_are_copied_on_request_and_then_kept_up_to_date(sqlite_db, tmp_path: Path) -> None:
    ensure_account(sqlite_db.sessions)
    add_item(sqlite_db.sessions, "Fråga om badhuset", external_id="c1", created_at=NOW)
    first = _shoot(sqlite_db, b"\x89PNG\r\n\x1a\n first page")
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    with copy.db.sessions() as s:
        assert s.scalars(select(Screenshot.id)).all() == []  # not without asking: they are large

    copy.refresh(sqlite_db, screenshots=True)
    with copy.db.sessions() as s:
        assert s.scalars(select(Screenshot.png)).all() == [b"\x89PNG\r\n\x1a\n first page"]

    second = _shoot(sqlite_db, b"\x89PNG\r\n\x1a\n second page")
    result = copy.refresh(sqlite_db)  # asked once: kept
    assert not result.full
    with copy.db.sessions() as s:
        shots = s.execute(select(Screenshot.id, Screenshot.sha256).order_by(Screenshot.id)).all()
    assert [i for i, _ in shots] == [first, second]
    assert shots[1][1] == hashlib.sha256(b"\x89PNG\r\n\x1a\n second page").hexdigest()
    copy.close()
