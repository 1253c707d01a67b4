"""An archived item's history (app/services/records/archive.py): evidence saved, decisions,
registrations and notices, each line a core message (app/core/messages.py) with names, not
codes, so the archive window says it in its own language and the command line in Swedish."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.messages import say, translate
from app.models import Decision, Evidence, Notice, Registration
from app.services.accounts.identity import display_names
from app.services.moderation.decisions import ACTION_PAST
from app.services.moderation.history import NOTICE_STATUS, platform_result_text
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    kind: str  # evidence, decision, registration, notice
    summary: str


def _with_motivation(text: str, motivation: str | None) -> str:
    return say("%1 %2", text, motivation.strip()) if motivation and motivation.strip() else text


def archive_history(session: Session, item_id: int) -> list[HistoryLine]:
    lines: list[HistoryLine] = []
    for ev in session.scalars(select(Evidence).where(Evidence.item_id == item_id)):
        saved = say(translate("Core", "Bevis sparat (SHA-256 %1…)"), ev.sha256[:12])
        lines.append(HistoryLine(ev.saved_at, ev.saved_by, "evidence", saved))
    for d in session.scalars(select(Decision).where(Decision.item_id == item_id)):
        what: str = ACTION_PAST.get(d.action, d.action)
        if d.reason_code:
            reason = REMOVAL_REASONS.get(d.reason_code)
            what = say("%1 – %2", what, reason.label if reason else d.reason_code)
        decided: str = say(translate("Core", "Beslut: %1."), what)
        if d.platform_result:
            decided = say("%1 %2", decided, platform_result_text(d.platform_result))
        decided = _with_motivation(decided, d.motivation)
        lines.append(HistoryLine(d.decided_at, d.decided_by, "decision", decided))
    for r in session.scalars(select(Registration).where(Registration.item_id == item_id)):
        criterion = REGISTRATION_CRITERIA.get(r.criterion)
        label = criterion.label if criterion else translate("Core", "Borttaget material")
        dnr = r.diarienummer or translate("Core", "diarienummer saknas")
        registered = _with_motivation(
            say(translate("Core", "Diarieförd (%1, %2)."), label, dnr), r.motivation
        )
        lines.append(HistoryLine(r.registered_at, r.registered_by, "registration", registered))
    for n in session.scalars(select(Notice).where(Notice.item_id == item_id)):
        state: str = NOTICE_STATUS.get(n.status, n.status)
        if n.platform_ref:
            state = say("%1 – %2", state, n.platform_ref)
        notice = say(translate("Core", "Meddelande (%1): %2"), state, n.text)
        lines.append(HistoryLine(n.created_at, n.created_by, "notice", notice))
    names = display_names(session, {line.who for line in lines})  # names, not logins
    lines = [replace(line, who=names.get(line.who, line.who)) for line in lines]
    return sorted(lines, key=lambda line: line.at)
