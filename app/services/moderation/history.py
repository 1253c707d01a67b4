"""An item's history for the detail pane: evidence saved, decisions, registrations, notices,
and what happened on the platform and by e-mail (from the audit log)."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.messages import Message, heard, say, translate
from app.models import AuditEvent, Decision, Escalation, Evidence, Notice, OutboxStep, Registration
from app.services.accounts.identity import display_names
from app.services.moderation.decisions import ACTION_PAST
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.moderation.remove import BY_HAND_CONFIRMED
from app.services.records.audit import action_label

# Audit actions that add something the records themselves do not say.
_FROM_AUDIT = {
    "platform_removed",
    "platform_failed",
    "remove_by_hand",
    "removed_by_hand",
    "notice_posted",
    "notice_manual",
    "escalation_sent",
    "escalation_failed",
    "diarienummer",
}
NOTICE_STATUS = {
    "queued": translate("Core", "köat"),
    "posted": translate("Core", "publicerat"),
    "manual": translate("Core", "ska publiceras för hand"),
    "failed": translate("Core", "misslyckades"),
}


# What the decision row says for actions that are done later, on the platform: the platform's
# own events ("Borttagen på plattformen", "Svar publicerat") say when they were done.
DECIDED_TEXT = {
    "answer": translate("Core", "Svar beslutat"),
    "remove": translate("Core", "Borttagning beslutad"),
    "keep": translate("Core", "Godkänd"),
    "forward": translate("Core", "Vidarebefordrad"),
    "hand_over": translate("Core", "Överlämnad"),
    "register": translate("Core", "Diarieförd"),
    "notify": translate("Core", "Meddelad"),
}
# What the platform step wrote on the decision (app/services/moderation/remove.py), said again
# in the window's language; anything else (a person's name in it, the platform's own words) as
# it was stored.
PLATFORM_RESULTS: dict[str, str] = {
    text: text
    for text in (
        translate("Core", "Dold på plattformen."),
        translate("Core", "Raderad på plattformen."),
        translate("Core", "Kommentaren fanns inte längre på plattformen."),
        translate("Core", "Ska tas bort för hand."),
    )
}
_CONFIRMED = re.compile(re.escape(BY_HAND_CONFIRMED.source).replace("%1", "(.+)") + r"\Z", re.DOTALL)


_WAITING = translate("Core", "Väntar på plattformen: %1")


def platform_result_text(stored: str, said_before: dict[str, str] | None = None) -> str:
    """What the platform step wrote on a decision, as a message when Granska wrote it; the
    reason a removal waits as the outbox step keeps it (`said_before`, see `kept_reasons`)."""
    if stored in PLATFORM_RESULTS:
        return PLATFORM_RESULTS[stored]
    prefix = _WAITING.source.removesuffix("%1")
    if said_before and stored.startswith(prefix) and stored[len(prefix) :] in said_before:
        return say(_WAITING, said_before[stored[len(prefix) :]])
    confirmed = _CONFIRMED.match(stored)
    return say(BY_HAND_CONFIRMED, confirmed[1]) if confirmed else stored


MAIL_KIND = {
    "forward": translate("Core", "Vidarebefordrad med e-post"),
    "forward_reminder": translate("Core", "Påminnelse om svar"),
}
MAIL_STATUS = {
    "queued": translate("Core", "väntar på att skickas"),
    "sent": translate("Core", "skickad"),
    "no_recipient": translate("Core", "ingen mottagare"),
    "not_needed": translate("Core", "behövdes inte (frågan är avgjord)"),
}


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def kept_reasons(session: Session, item_id: int) -> dict[str, str]:
    """The item's reasons kept with their source (app/core/messages.py kept/heard), by their
    Swedish text: the outbox steps' current reasons and each failed attempt's error in the audit
    trail (`error_said` beside it since #15). The audit trail and a decision's platform result
    (both sealed, so kept as they were written) name these texts, and the window says them in
    its own language."""
    said: dict[str, str] = {}
    for text, kept in session.execute(
        select(OutboxStep.last_error, OutboxStep.last_error_said).where(OutboxStep.item_id == item_id)
    ):
        if isinstance(back := heard(text, kept), Message):
            said[back] = back
    for (details,) in session.execute(
        select(AuditEvent.details).where(AuditEvent.item_id == item_id, AuditEvent.action.in_(_FROM_AUDIT))
    ):
        if isinstance(details, dict) and isinstance(details.get("error"), str):
            if isinstance(back := heard(details["error"], details.get("error_said")), Message):
                said[back] = back
    return said


def item_history(session: Session, item_id: int) -> list[tuple[datetime, str, str, str]]:
    rows: list[tuple[datetime, str, str, str]] = []
    said_before = kept_reasons(session, item_id)
    for e in session.execute(
        select(Evidence.saved_at, Evidence.saved_by, Evidence.sha256).where(Evidence.item_id == item_id)
    ):
        saved = say(translate("Core", "Beviskopia sparad (SHA-256 %1…)"), e.sha256[:16])
        rows.append((e.saved_at, e.saved_by, "evidence", saved))
    for d in session.execute(select(Decision).where(Decision.item_id == item_id)).scalars():
        # An answer is decided here and answered when published (the notice's row says when).
        what: str = DECIDED_TEXT.get(d.action) or ACTION_PAST.get(d.action, d.action).capitalize()
        if d.reason_code in REMOVAL_REASONS:
            what = say("%1: %2", what, REMOVAL_REASONS[d.reason_code].label)
        if d.motivation:
            what = say("%1 – %2", what, _short(d.motivation))
        if d.details and d.details.get("to"):
            what = say(translate("Core", "%1 (till %2)"), what, d.details["to"])
        if d.platform_result:
            what = say("%1. %2", what, platform_result_text(d.platform_result, said_before))
        rows.append((d.decided_at, d.decided_by, "decision", what))
    for r in session.execute(select(Registration).where(Registration.item_id == item_id)).scalars():
        criterion = REGISTRATION_CRITERIA.get(r.criterion)
        label = criterion.label if criterion else translate("Core", "Borttaget material")
        dnr = r.diarienummer or translate("Core", "ännu inget diarienummer")
        registered = say(translate("Core", "Diarieförd: %1 (%2)"), label, dnr)
        rows.append((r.registered_at, r.registered_by, "registration", registered))
    for n in session.execute(select(Notice).where(Notice.item_id == item_id)).scalars():
        state = NOTICE_STATUS.get(n.status, n.status)
        noun = (
            translate("Core", "Svar") if n.kind in ("answer", "referral") else translate("Core", "Meddelande")
        )
        when = n.posted_at if n.status == "posted" and n.posted_at else n.created_at
        rows.append(
            (when, n.created_by, "notice", say(translate("Core", "%1 %2: %3"), noun, state, _short(n.text)))
        )
    for x in session.execute(select(Escalation).where(Escalation.item_id == item_id)).scalars():
        to = x.to_email or translate("Core", "ingen mottagare")
        mail = MAIL_KIND.get(x.kind) or translate("Core", "E-post till chef")
        state = MAIL_STATUS.get(x.status, x.status)
        rows.append((x.created_at, x.created_by, "notice", say("%1 (%2): %3", mail, to, state)))
    for a in session.execute(
        select(AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.details).where(
            AuditEvent.item_id == item_id, AuditEvent.action.in_(_FROM_AUDIT)
        )
    ):
        details = a.details or {}
        extra = details.get("error") or details.get("diarienummer") or details.get("to") or ""
        extra = said_before.get(extra, extra) if details.get("error") else extra
        label = action_label(a.action, details)
        text = say("%1: %2", label, extra) if extra else label
        rows.append((a.at, a.actor, "audit", text))
    names = display_names(session, {r[1] for r in rows})
    rows = [(at, names.get(who, who), kind, text) for at, who, kind, text in rows]
    rows.sort(key=lambda r: r[0])
    return rows
