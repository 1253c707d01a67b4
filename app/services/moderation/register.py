"""Diarieföring. "Avpublicerat och raderat material ska diarieföras med motivering till varför
inlägget tagits bort", and items that lead to action, become a case, concern an existing case,
are of particular interest or hold confidential information are registered without removal.
The registrator fills in the diarienummer later."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.core.states import Action
from app.models import Account, Administrator, Item, ItemStatus, Registration
from app.services.accounts.identity import local_time, unregistered_name
from app.services.moderation.decisions import DecisionScope
from app.services.moderation.reasons import REGISTRATION_CRITERIA

REMOVAL_CRITERION = "removal"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate_diarienummer(value: str | None) -> str | None:
    """A diarienummer as the registrator writes it (e.g. KS/2026:123); None when empty."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > 100 or _CONTROL.search(value) or not re.search(r"\d", value):
        raise InputError(
            say(
                translate("Core", "Ogiltigt diarienummer '%1': skriv det som i diariet, t.ex. KS/2026:123."),
                value,
            )
        )
    return value


def validate_criterion(criterion: str, diarienummer: str | None) -> str | None:
    spec = REGISTRATION_CRITERIA.get(criterion)
    if spec is None:
        known = ", ".join(REGISTRATION_CRITERIA)
        raise InputError(say(translate("Core", "Okänt kriterium '%1'; välj ett av: %2."), criterion, known))
    dnr = validate_diarienummer(diarienummer)
    if spec.needs_diarienummer and dnr is None:
        raise InputError(
            say(
                translate("Core", "Kriteriet '%1' (%2) kräver det befintliga ärendets diarienummer (--dnr)."),
                criterion,
                spec.label,
            )
        )
    return dnr


def _existing(session: Session, item_id: int) -> tuple[str, str, object] | None:
    row = session.execute(
        select(Registration.registered_by, Administrator.name, Registration.registered_at)
        .outerjoin(Administrator, Administrator.username == Registration.registered_by)
        .where(Registration.item_id == item_id)
        .order_by(Registration.id)
        .limit(1)
    ).first()
    return (row[0], row[1] or unregistered_name(row[0]), row[2]) if row else None


_registrations = Registration.__table__


def register_removal(scope: DecisionScope, decision_id: int, motivation: str) -> int:
    """Step 4 of a removal, in the removal's own transaction."""
    values = {
        "item_id": scope.state.id,
        "decision_id": decision_id,
        "criterion": REMOVAL_CRITERION,
        "motivation": motivation,
        "registered_at": scope.now,
        "registered_by": scope.username,
    }
    return scope.writer.insert(_registrations, values)


def register_item(
    scope: DecisionScope, criterion: str, motivation: str, diarienummer: str | None, decision_id: int
) -> int:
    """Registering without removal; refused when the item is already registered."""
    existing = _existing(scope.session, scope.state.id)
    if existing is not None:
        when = local_time(existing[2])  # type: ignore[arg-type]
        raise InputError(say(translate("Core", "Redan diarieförd av %1 %2."), existing[1], when))
    values = {
        "item_id": scope.state.id,
        "decision_id": decision_id,
        "criterion": criterion,
        "motivation": motivation,
        "diarienummer": diarienummer,
        "registered_at": scope.now,
        "registered_by": scope.username,
    }
    return scope.writer.insert(_registrations, values)


def decide_registration(scope: DecisionScope, criterion: str, motivation: str, dnr: str | None) -> int:
    """Registering without removal, inside the caller's decision transaction: the evidence copy
    first, then the decision, the registration, the item's status and the audit event.
    Returns the registration's id."""
    scope.require_not_weeded()
    scope.refuse_on_conflict_of_interest()
    evidence_id, digest = scope.save_evidence()
    decision_id = scope.record_decision(
        Action.REGISTER, motivation=motivation, evidence_id=evidence_id, details={"criterion": criterion}
    )
    registration_id = register_item(scope, criterion, motivation, dnr, decision_id)
    scope.set_status(status_after_registering(scope.state.status))
    details = {
        "criterion": criterion,
        "decision_id": decision_id,
        "evidence_id": evidence_id,
        "sha256": digest,
        "registration_id": registration_id,
        "diarienummer": dnr,
    }
    scope.audit(Action.REGISTER, details)
    return registration_id


def set_diarienummer(scope: DecisionScope, diarienummer: str, registration_id: int | None = None) -> int:
    """The registrator's diarienummer on the item's registration (the newest, unless named)."""
    dnr = validate_diarienummer(diarienummer)
    if dnr is None:
        raise InputError(translate("Core", "Ange ett diarienummer."))
    stmt = select(Registration.id, Registration.diarienummer).where(Registration.item_id == scope.state.id)
    if registration_id is not None:
        stmt = stmt.where(Registration.id == registration_id)
    row = scope.session.execute(stmt.order_by(Registration.id.desc()).limit(1)).first()
    if row is None:
        raise InputError(
            say(
                translate(
                    "Core",
                    "Post %1 är inte diarieförd. Diarieför den först (granska register ID --criterion ...).",
                ),
                scope.state.id,
            )
        )
    scope.session.execute(update(Registration).where(Registration.id == row[0]).values(diarienummer=dnr))
    scope.audit("diarienummer", {"registration_id": row[0], "diarienummer": dnr, "previous": row[1]})
    return row[0]


def status_after_registering(status: str) -> str:
    """A registered item keeps a removal status; an undecided one becomes registered."""
    if status in (ItemStatus.NEW, ItemStatus.FLAGGED, ItemStatus.HANDED_OVER):
        return ItemStatus.REGISTERED
    return status


@dataclass(frozen=True)
class RegistrationRow:
    """One line of the registrator's list."""

    id: int
    item_id: int
    criterion: str
    label: str
    motivation: str
    registered_at: datetime
    registered_by: str
    diarienummer: str | None
    account_key: str
    excerpt: str


def list_registrations(
    sessions: sessionmaker[Session], *, only_missing: bool = False, limit: int = 500
) -> list[RegistrationRow]:
    """Newest first; `only_missing`: those still waiting for their diarienummer."""
    stmt = (
        select(
            Registration.id,
            Registration.item_id,
            Registration.criterion,
            Registration.motivation,
            Registration.registered_at,
            Registration.registered_by,
            Registration.diarienummer,
            Account.key,
            Item.text,
        )
        .join(Item, Item.id == Registration.item_id)
        .join(Account, Account.id == Item.account_id)
        .order_by(Registration.id.desc())
        .limit(limit)
    )
    if only_missing:
        stmt = stmt.where(Registration.diarienummer.is_(None))
    with sessions() as session:
        rows = session.execute(stmt).all()
    return [
        RegistrationRow(
            r[0],
            r[1],
            r[2],
            _criterion_label(r[2]),
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            " ".join(r[8].split())[:120],
        )
        for r in rows
    ]


def _criterion_label(code: str) -> str:
    if code == REMOVAL_CRITERION:
        return "Borttaget material"
    spec = REGISTRATION_CRITERIA.get(code)
    return spec.label if spec else code
