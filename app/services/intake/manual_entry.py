"""Items from channels no connector reads (the intranet, a forum, a post someone printed out):
typed in by an administrator — where it was (URL), who wrote it, what it said, and when. They
go through the same import path as everything else, so the flagging rules see them too."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.incoming import IncomingItem
from app.core.messages import say, translate
from app.models import Account, Item
from app.services.accounts.accounts import _check_url
from app.services.context import Actor, acting
from app.services.intake.importer import ImportService


@dataclass(frozen=True)
class ManualItem:
    id: int
    external_id: str
    created: bool  # False: the same item was entered before, and it was updated instead


def manual_external_id(account: str, url: str | None, author: str, text: str, when: datetime) -> str:
    """The same entry typed twice (a double click, two administrators) is one item: the id is
    the link when there is one, else a hash of who, what and when."""
    if url:
        return url[:200]
    digest = hashlib.sha256(f"{account}\n{author}\n{when.isoformat()}\n{text}".encode()).hexdigest()
    return f"manuell:{digest[:32]}"


class ManualEntryService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        importer: ImportService | None = None,
        actor: Actor | None = None,
    ) -> None:
        self._sessions = sessions
        self._importer = importer or ImportService(sessions)
        self._actor = acting(sessions, actor)

    def add(
        self,
        account_key: str,
        text: str,
        *,
        author: str = "",
        url: str | None = None,
        written_at: datetime | None = None,
    ) -> ManualItem:
        if not text.strip():
            raise InputError(translate("Core", "Skriv in texten som posten innehöll."))
        if "\x00" in text or "\x00" in author:
            raise InputError(
                translate("Core", "Texten innehåller ett NUL-tecken (U+0000), som inte kan lagras.")
            )
        url = _check_url((url or "").strip() or None, translate("Core", "Länken"))
        when = written_at or self._actor.now()
        if when.tzinfo is None:
            raise InputError(translate("Core", "Tidpunkten saknar tidszon."))
        if when > self._actor.now():
            raise InputError(translate("Core", "Tidpunkten ligger i framtiden."))
        with self._sessions() as session:
            account = session.scalar(select(Account).where(Account.key == account_key))
            if account is None:
                raise InputError(say(translate("Core", "Okänt konto %1."), repr(account_key)))
            platform = account.platform
        external_id = manual_external_id(account_key, url, author.strip(), text, when)
        item = IncomingItem(
            account=account_key, external_id=external_id, text=text, created_at=when,
            platform=platform, kind="comment", author_name=author.strip()[:500], permalink=url,
            raw={"manual": True, "entered_by": self._actor.username,
                 "entered_at": self._actor.now().isoformat()},
        )  # fmt: skip
        result = self._importer.import_items([item])
        with self._sessions() as session:
            stmt = (
                select(Item.id)
                .join(Account)
                .where(Account.key == account_key, Item.external_id == external_id)
            )
            item_id = session.scalar(stmt)
        assert item_id is not None  # imported just above, in this thread
        return ManualItem(item_id, external_id, result.created == 1)
