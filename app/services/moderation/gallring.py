"""Gallring: "Övriga inlägg och kommentarer behöver inte diarieföras. De kan därför gallras
fortlöpande."

Weeded are items older than the configured age that are neither registered nor under
evidence, that wait for nothing (no decision pending, no step on the platform or by hand), and
that an administrator has looked at: an undecided item is never weeded unseen. The item's
content and author are erased; a tombstone (account, platform id, times, status "weeded") stays
so that the next sync does not bring it back as new and the audit log's ids still point
somewhere. Every run is logged in the audit chain with how many, which period, and who.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import translate
from app.core.states import StepStatus
from app.models import Account, Evidence, Item, ItemStatus, ItemVersion, OutboxStep, Registration, Setting
from app.services.accounts.roles import Duty, require
from app.services.context import Actor, acting
from app.services.records.audit import AuditWriter, reseal_where_sealed

SETTINGS_KEY = "gallring"  # {"days": N}
DEFAULT_DAYS = 180
BATCH = 500
# Waiting for an administrator or for the platform: never weeded.
KEEP_STATUSES = (
    ItemStatus.NEW,
    ItemStatus.FLAGGED,
    ItemStatus.HANDED_OVER,
    ItemStatus.PENDING_PLATFORM,
    ItemStatus.ANSWER_PENDING,
    ItemStatus.FORWARDED,
    ItemStatus.REMOVE_BY_HAND,
    ItemStatus.REMOVED,
    ItemStatus.REGISTERED,
    ItemStatus.WEEDED,
)


@dataclass(frozen=True)
class WeedCandidate:
    id: int
    account_key: str
    created_at: datetime
    status: str


@dataclass(frozen=True)
class GallringResult:
    days: int
    cutoff: datetime
    count: int
    dry_run: bool
    sample: tuple[WeedCandidate, ...]  # the oldest, for the dry run's list


def _eligible(cutoff: datetime):  # type: ignore[no-untyped-def]
    return (
        Item.created_at < cutoff,
        Item.status.not_in(KEEP_STATUSES),
        ~exists().where(Evidence.item_id == Item.id),
        ~exists().where(Registration.item_id == Item.id),
        ~exists().where(OutboxStep.item_id == Item.id, OutboxStep.status != StepStatus.DONE),
    )


class GallringService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    def age_days(self) -> int:
        with self._sessions() as session:
            value = session.scalar(select(Setting.value).where(Setting.key == SETTINGS_KEY))
        if isinstance(value, dict) and isinstance(value.get("days"), int) and value["days"] > 0:
            return int(value["days"])
        return DEFAULT_DAYS

    def set_age_days(self, days: int) -> None:
        days = _check_days(days)
        require(self._sessions, Duty.SETTINGS, self._actor, details={"setting": SETTINGS_KEY})
        with self._sessions.begin() as session:
            row = session.get(Setting, SETTINGS_KEY)
            if row is None:
                session.add(Setting(key=SETTINGS_KEY, value={"days": days}))
            else:
                row.value = {"days": days}

    def run(self, *, dry_run: bool = False, days: int | None = None, sample: int = 50) -> GallringResult:
        days = _check_days(days) if days is not None else self.age_days()
        now = self._actor.now()
        cutoff = now - timedelta(days=days)
        conditions = _eligible(cutoff)
        if dry_run:
            with self._sessions() as session:
                count = session.scalar(select(func.count()).select_from(Item).where(*conditions)) or 0
                rows = session.execute(
                    select(Item.id, Account.key, Item.created_at, Item.status)
                    .join(Account, Account.id == Item.account_id)
                    .where(*conditions)
                    .order_by(Item.created_at, Item.id)
                    .limit(sample)
                )
                return GallringResult(days, cutoff, count, True, tuple(WeedCandidate(*r) for r in rows))
        with self._sessions.begin() as session:
            audit = AuditWriter(session)  # first: the lock, and the log entry is in this commit
            ids = list(session.scalars(select(Item.id).where(*conditions).order_by(Item.id)))
            table = Item.__table__
            for start in range(0, len(ids), BATCH):
                chunk = ids[start : start + BATCH]
                session.execute(delete(ItemVersion).where(ItemVersion.item_id.in_(chunk)))
                session.execute(
                    update(table)
                    .where(table.c.id.in_(chunk))
                    .values(
                        status=ItemStatus.WEEDED,
                        text="",
                        author_name="",
                        author_id=None,
                        author_url=None,
                        permalink=None,
                        raw=None,
                        flags=None,
                        suggested_reason=None,
                        is_question=False,
                        row_version=table.c.row_version + 1,
                    )
                )
            weeded_decided = reseal_where_sealed(session, "item", ids)
            audit.add(
                self._actor.username,
                now,
                "gallring",
                seals=[("item", i) for i in weeded_decided],
                details={
                    "count": len(ids),
                    "days": days,
                    "cutoff": cutoff.isoformat(),
                    "first_id": ids[0] if ids else None,
                    "last_id": ids[-1] if ids else None,
                },
            )
            audit.flush()
        return GallringResult(days, cutoff, len(ids), False, ())


def _check_days(days: int) -> int:
    if not isinstance(days, int) or days < 1 or days > 36500:
        raise InputError(translate("Core", "Åldern för gallring anges i dagar, minst 1."))
    return days
