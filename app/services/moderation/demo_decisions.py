"""`granska demo --decided F`: a share of the demo's items decided as administrators would, through
the real decision path (the same DecisionScope, `decide_removal` and `decide_registration` the
window and the command line use: evidence copy, decision, registration, queued notice and
escalation, audit event with its seals), so the archive, `audit verify`, statistics and the
registrator's export can be measured at scale.

Decisions are committed a few hundred to a transaction (`decision_batch`): the per-decision work
is the real one, only the commits are shared. A flagged item with a removal reason is removed
for that reason (by hand: the demo's accounts have no platform connection); every other decided
item is registered (a question as leading to action, the rest as of particular interest), so
every decided item has a saved copy. Each decision is dated a few hours after its item, by one
of the administrators assigned to the item's account.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.models import Account, Item, ItemStatus
from app.models.base import utcnow
from app.services.context import Actor
from app.services.moderation.decisions import decision_batch
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.moderation.register import decide_registration
from app.services.moderation.remove import decide_removal

BATCH = 500

# Who decides on each demo account (app/services/intake/demo.py assigns the same people).
DECIDERS = {
    "facebook": ("sofia", "erik"),
    "instagram": ("erik", "amina"),
    "youtube": ("sofia", "amina"),
    "x": ("sofia", "erik", "amina"),
    "linkedin": ("sofia",),
    "intranat": ("erik", "amina"),
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoDecisions:
    removed: int
    registered: int


@dataclass(frozen=True)
class _Pick:
    item_id: int
    reason: str | None  # a removal reason, or None: registered
    criterion: str
    username: str
    at: datetime


def _picks(sessions: sessionmaker[Session], share: float, seed: int) -> list[_Pick]:
    """A share `share` of all items, spread evenly over them in id order, among those still
    waiting for a decision."""
    rng = random.Random(seed)
    now = utcnow()
    with sessions() as session:
        total = session.scalar(select(Item.id).order_by(Item.id.desc()).limit(1)) or 0
        rows = session.execute(
            select(Item.id, Item.suggested_reason, Item.is_question, Account.key, Item.created_at)
            .join(Account, Account.id == Item.account_id)
            .where(Item.status.in_((ItemStatus.NEW, ItemStatus.FLAGGED)))
            .order_by(Item.id)
        ).all()
    wanted = min(len(rows), round(share * total))
    if wanted <= 0:
        return []
    step = len(rows) / wanted
    picks = []
    for n in range(wanted):
        item_id, reason, question, key, created = rows[int(n * step)]
        at = min(now, created + timedelta(minutes=rng.randrange(10, 48 * 60)))
        picks.append(
            _Pick(
                item_id,
                reason if reason in REMOVAL_REASONS else None,
                "atgard" if question else "sarskilt-intresse",
                rng.choice(DECIDERS.get(key, ("sofia",))),
                at,
            )
        )
    return picks


def _at(when: datetime) -> Callable[[], datetime]:
    return lambda: when


def decide_demo_share(
    sessions: sessionmaker[Session],
    share: float,
    progress: Progress | None = None,
    *,
    seed: int = 2017,
    batch: int = BATCH,
) -> DemoDecisions:
    if not 0.0 <= share <= 1.0:
        raise InputError("Andelen avgjorda poster (--decided) ska vara mellan 0 och 1, t.ex. 0.5.")
    picks = _picks(sessions, share, seed)
    removed = registered = 0
    for start in range(0, len(picks), batch):
        with decision_batch(sessions) as scope:
            for pick in picks[start : start + batch]:
                one = scope(pick.item_id, Actor(pick.username, clock=_at(pick.at)))
                if pick.reason is not None:
                    spec = REMOVAL_REASONS[pick.reason]
                    decide_removal(one, pick.reason, spec.motivation, "hide", True)
                    removed += 1
                else:
                    spec_r = REGISTRATION_CRITERIA[pick.criterion]
                    decide_registration(one, pick.criterion, f"{spec_r.label}. {spec_r.explanation}", None)
                    registered += 1
        if progress is not None:
            progress(min(start + batch, len(picks)), len(picks))
    return DemoDecisions(removed, registered)
