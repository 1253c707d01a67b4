"""Conflict records: offline decisions that arrived after someone else had decided the item on
the team database. Theirs stands; the offline one and its evidence are kept, and shown to the
people with both decisions (Arkiv → Konflikter från offlinearbete)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.messages import heard
from app.models import Account, Item, OfflineDecision
from app.services.accounts.identity import display_names

__all__ = ["ConflictRecord", "list_conflicts"]


@dataclass(frozen=True)
class ConflictRecord:
    item_id: int
    account: str
    text: str
    offline_action: str
    offline_by: str
    offline_at: datetime
    copy_fresh_at: datetime | None
    team_action: str | None
    team_by: str | None
    team_at: datetime | None
    message: str
    evidence_sha256: str | None
    offline_name: str = ""  # the offline decider's name from the register (offline_by: the login)


def list_conflicts(sessions: sessionmaker[Session], limit: int = 1000) -> list[ConflictRecord]:
    """Newest first; what the reader's role may read (row-level security on PostgreSQL)."""
    o = OfflineDecision
    query = (
        select(o, Item.text, Account.name)
        .join(Item, Item.id == o.item_id)
        .join(Account, Account.id == Item.account_id)
        .where(o.outcome == "conflict")
        .order_by(o.replayed_at.desc(), o.item_id.desc())
        .limit(limit)
    )
    found: list[ConflictRecord] = []
    with sessions() as session:
        rows = list(session.execute(query))
        # Names, not logins: the offline decider's from the register, as the team's already is.
        logins = {r.decided_by for r, _t, _a in rows if r.decided_by}
        logins |= {(r.team_decision or {}).get("decided_by") or "" for r, _t, _a in rows} - {""}
        names = display_names(session, logins)
        for record, text, account in rows:
            team = record.team_decision or {}
            at = team.get("decided_at")
            said = (record.offline or {}).get("message_said")  # beside the Swedish (replay.py)
            found.append(
                ConflictRecord(
                    record.item_id, account, text or "", record.action, record.decided_by,
                    record.decided_offline_at, record.copy_fresh_at, team.get("action"),
                    names.get(team.get("decided_by") or "") or team.get("name"),
                    datetime.fromisoformat(at) if at else None, heard(record.message, said) or "",
                    record.evidence_sha256,
                    names.get(record.decided_by, record.decided_by),
                )
            )  # fmt: skip
    return found
