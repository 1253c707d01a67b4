"""The register entries the registrator receives: one per removal, one per item registered
without removal. OSL 5 kap 2 § asks for the date received, the diarienummer, the sender and in
brief what the document concerns; the guideline adds the motivation for every removal.

Rows are streamed from SQL (never all held in memory) and turned into cell values here, so the
Excel export and the evidence package write exactly the same rows.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from app.core.errors import InputError
from app.core.messages import say, translate
from app.core.states import STATUS_LABELS, Action
from app.models import (
    Account,
    Administrator,
    Decision,
    Evidence,
    Item,
    ItemStatus,
    Notice,
    Registration,
)
from app.models.evidence_text import saved_item_text
from app.services.accounts.identity import unregistered_name
from app.services.accounts.platforms import platform_label
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.records.spreadsheet import Column

if TYPE_CHECKING:
    from app.models.base import AnySelect

STOCKHOLM = ZoneInfo("Europe/Stockholm")
REMOVE_ACTION = Action.REMOVE
REMOVAL_CRITERION = "removal"

MODE_LABELS = {"hide": "Dold", "delete": "Raderad"}
# Decided but not confirmed by the platform: the comment is still visible.
PENDING_MODE_LABELS = {"hide": "Ska döljas (ännu synlig)", "delete": "Ska raderas (ännu synlig)"}
NOTICE_STATUS_LABELS = {
    "queued": "Köat, ännu inte publicerat",
    "manual": "Ska publiceras för hand",
    "failed": "Kunde inte publiceras",
}
KIND_LABELS = {"post": "Inlägg", "comment": "Kommentar"}

TIME_NOTE = (
    "Alla tider i arbetsboken är svensk tid (Europe/Stockholm, sommartid när den gäller). "
    "Excel-celler saknar tidszon; Granska lagrar tiderna i UTC."
)
ROW_ID_NOTE = (
    "Granskas id för raden. Ändra det inte: diarienumret läses tillbaka med hjälp "
    "av det (granska import-dnr FIL.xlsx)."
)
DNR_NOTE = "Fylls i av registratorn. Läses sedan in i Granska med granska import-dnr FIL.xlsx."


# The time zone is stated once: in the first time column's note, the printed page's header and
# the summary. What is `printed=False` (links, ids, hashes, the full text) stays in the file, after
# the printed columns: one A4 page wide holds only what a person reads on paper.
def _common_head(when: str) -> list[Column]:
    return [
        Column("Rad-id", width=7, note=ROW_ID_NOTE),
        Column("Inkom", "datetime", 15.5, note=TIME_NOTE),
        Column(when, "datetime", 15.5),
        Column("Diarienummer", width=14, note=DNR_NOTE, number_format="@"),
        Column("Kanal", width=12),
        Column("Konto", width=16),
        Column("Avsändare", width=15),
        Column("Avsändarens profil", width=28, printed=False),
        Column("Avsändarens id", width=14, printed=False),
        Column("Kort beskrivning", "long", 34),
        Column("Fullständig text", "long", 60, printed=False),
    ]


REMOVAL_COLUMNS = [
    *_common_head("Borttagen"),
    Column("Skäl (kod)", width=13, printed=False),
    Column("Skäl", width=17),
    Column("Motivering", "long", 28),
    Column("Beslutad av", width=13),
    Column("Åtgärd på plattformen", width=11),
    Column("Resultat", "long", 18),
    Column("Offentligt meddelande", "long", 40, printed=False),
    Column("Meddelandets länk eller status", width=16),
    Column("Länk till inlägget", width=30, printed=False),
    Column("Bevisets SHA-256", width=20, printed=False),
    Column("Post-id", "int", 9, printed=False),
]
REGISTRATION_COLUMNS = [
    *_common_head("Diarieförd"),
    Column("Kriterium (kod)", width=15, printed=False),
    Column("Kriterium", width=22),
    Column("Motivering", "long", 34),
    Column("Diarieförd av", width=15),
    Column("Länk till inlägget", width=30, printed=False),
    Column("Bevisets SHA-256", width=20, printed=False),
    Column("Post-id", "int", 9, printed=False),
]


def sheet_headers(columns: list[Column]) -> list[str]:
    """The headers in the order the sheet has them: the printed columns first."""
    return [c.header for c in columns if c.printed] + [c.header for c in columns if not c.printed]


@dataclass(frozen=True)
class LogScope:
    """Which entries: a period (UTC bounds, end exclusive), some accounts, or some items."""

    since: datetime | None = None
    until: datetime | None = None
    account_keys: tuple[str, ...] = ()
    item_ids: tuple[int, ...] = ()


def period_scope(date_from: date, date_to: date, account_keys: tuple[str, ...] = ()) -> LogScope:
    """Whole days in Swedish time, both ends included."""
    if date_to < date_from:
        raise InputError(
            say(translate("Core", "Perioden slutar (%1) före den börjar (%2)."), date_to, date_from)
        )
    since = datetime.combine(date_from, time(0), STOCKHOLM)
    until = datetime.combine(date_to + timedelta(days=1), time(0), STOCKHOLM)
    return LogScope(since=since, until=until, account_keys=tuple(account_keys))


def local_naive(value: datetime | None) -> datetime | None:
    """A cell value: Swedish wall-clock time without zone (xlsx has none), whole seconds."""
    if value is None:
        return None
    return value.astimezone(STOCKHOLM).replace(tzinfo=None, microsecond=0)


def _copy_for(at: Any, value: Callable[[Any], Any]) -> Any:
    """`value` of the copy saved for this decision: the newest at or before it, else the first
    after."""
    before, after = aliased(Evidence), aliased(Evidence)
    return func.coalesce(
        select(value(before))
        .where(before.item_id == Item.id, before.saved_at <= at)
        .order_by(before.saved_at.desc(), before.id.desc())
        .limit(1)
        .scalar_subquery(),
        select(value(after))
        .where(after.item_id == Item.id)
        .order_by(after.saved_at, after.id)
        .limit(1)
        .scalar_subquery(),
    )


def _latest_evidence_hash(at: Any) -> Any:
    return _copy_for(at, lambda ev: ev.sha256)


def _saved_text(at: Any) -> Any:
    """The text as saved in that copy (what was removed), the item's current text if none."""
    return func.coalesce(_copy_for(at, lambda ev: saved_item_text(ev.payload)), Item.text)


def _scoped(stmt: AnySelect, scope: LogScope, at: Any) -> AnySelect:
    if scope.since is not None:
        stmt = stmt.where(at >= scope.since)
    if scope.until is not None:
        stmt = stmt.where(at < scope.until)
    if scope.account_keys:
        stmt = stmt.where(Account.key.in_(scope.account_keys))
    if scope.item_ids:
        stmt = stmt.where(Item.id.in_(scope.item_ids))
    return stmt


_ITEM_COLUMNS = (
    Item.id.label("item_id"),
    Item.kind,
    Item.created_at,
    Item.author_name,
    Item.author_id,
    Item.author_url,
    Item.permalink,
    Item.status,
    Account.key.label("account_key"),
    Account.name.label("account_name"),
    Account.platform,
)


def removal_statement(scope: LogScope) -> AnySelect:
    r = aliased(Registration)
    n = aliased(Notice)
    registration_id = (
        select(r.id)
        .where(r.item_id == Decision.item_id, r.criterion == REMOVAL_CRITERION,
               or_(r.decision_id == Decision.id, r.decision_id.is_(None)))
        .order_by(r.decision_id.is_(None), r.id.desc())
        .limit(1)
        .scalar_subquery()
    )  # fmt: skip
    notice_id = (
        select(n.id)
        .where(n.item_id == Decision.item_id, n.kind == "removal")
        .order_by(n.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    stmt = (
        select(
            Decision.id.label("decision_id"),
            Decision.decided_at,
            Decision.reason_code,
            Decision.motivation,
            Decision.mode,
            Decision.decided_by,
            Decision.platform_result,
            Administrator.name.label("admin_name"),
            Registration.id.label("registration_id"),
            Registration.diarienummer,
            Notice.text.label("notice_text"),
            Notice.status.label("notice_status"),
            Notice.platform_ref.label("notice_ref"),
            _latest_evidence_hash(Decision.decided_at).label("evidence_sha256"),
            _saved_text(Decision.decided_at).label("text"),
            *_ITEM_COLUMNS,
        )  # fmt: skip
        .join(Item, Item.id == Decision.item_id)
        .join(Account, Account.id == Item.account_id)
        .outerjoin(Administrator, Administrator.id == Decision.administrator_id)
        .outerjoin(Registration, Registration.id == registration_id)
        .outerjoin(Notice, Notice.id == notice_id)
        .where(Decision.action == REMOVE_ACTION)
        .order_by(Decision.decided_at, Decision.id)
    )
    return _scoped(stmt, scope, Decision.decided_at)


def registration_statement(scope: LogScope) -> AnySelect:
    """Items registered (diarieförda) for another reason than their removal."""
    stmt = (
        select(
            Registration.id.label("registration_id"),
            Registration.registered_at,
            Registration.criterion,
            Registration.motivation,
            Registration.diarienummer,
            Registration.registered_by,
            Administrator.name.label("admin_name"),
            _latest_evidence_hash(Registration.registered_at).label("evidence_sha256"),
            _saved_text(Registration.registered_at).label("text"),
            *_ITEM_COLUMNS,
        )  # fmt: skip
        .join(Item, Item.id == Registration.item_id)
        .join(Account, Account.id == Item.account_id)
        .outerjoin(Administrator, Administrator.username == Registration.registered_by)
        .where(Registration.criterion != REMOVAL_CRITERION)
        .order_by(Registration.registered_at, Registration.id)
    )
    return _scoped(stmt, scope, Registration.registered_at)


def count_entries(session: Session, scope: LogScope) -> tuple[int, int]:
    removals = _scoped(
        select(func.count()).select_from(Decision).join(Item, Item.id == Decision.item_id)
        .join(Account, Account.id == Item.account_id).where(Decision.action == REMOVE_ACTION),
        scope, Decision.decided_at,
    )  # fmt: skip
    registrations = _scoped(
        select(func.count()).select_from(Registration)
        .join(Item, Item.id == Registration.item_id).join(Account, Account.id == Item.account_id)
        .where(Registration.criterion != REMOVAL_CRITERION),
        scope, Registration.registered_at,
    )  # fmt: skip
    return session.scalar(removals) or 0, session.scalar(registrations) or 0


def stream(session: Session, stmt: AnySelect) -> Iterator[Any]:
    """Rows a thousand at a time (a server-side cursor on PostgreSQL), as named tuples: reading
    a field by name from a SQLAlchemy Row costs more than building the row."""
    result = session.execute(stmt.execution_options(yield_per=1000))
    entry = namedtuple("entry", list(result.keys()))  # type: ignore[misc]
    return map(entry._make, result)


def excerpt(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _who(username: str, name: str | None) -> str:
    """The administrator's name, as the registrator knows them; a readable stand-in if no name."""
    return name or unregistered_name(username)


def _description(row: Any) -> str:
    kind = KIND_LABELS.get(row.kind, "Inlägg")
    return f"{kind} på {row.account_name}: {excerpt(row.text)}"


def _head(row_key: str, row: Any, at: datetime) -> list[Any]:
    return [
        row_key, local_naive(row.created_at), local_naive(at), row.diarienummer,
        platform_label(row.platform), row.account_name,
        row.author_name, row.author_url, row.author_id, _description(row), row.text,
    ]  # fmt: skip


def removal_key(decision_id: int) -> str:
    return f"B{decision_id}"


def registration_key(registration_id: int) -> str:
    return f"D{registration_id}"


def removal_values(row: Any) -> list[Any]:
    reason = REMOVAL_REASONS.get(row.reason_code or "")
    status = STATUS_LABELS.get(row.status, row.status)
    result = f"{status}: {row.platform_result}" if row.platform_result else status
    if row.platform_result and row.platform_result.startswith(f"{status}:"):
        result = row.platform_result  # the outbox already said it is waiting: not twice
    if row.status == ItemStatus.REMOVE_BY_HAND:
        action = "För hand"
    elif row.status == ItemStatus.PENDING_PLATFORM:
        action = PENDING_MODE_LABELS.get(row.mode or "", row.mode)
    else:
        action = MODE_LABELS.get(row.mode or "", row.mode)
    if row.notice_status == "posted":
        notice_state = row.notice_ref or "Publicerat"
    elif row.notice_status:
        notice_state = NOTICE_STATUS_LABELS.get(row.notice_status, row.notice_status)
    else:
        notice_state = "Inget meddelande"
    return [
        *_head(removal_key(row.decision_id), row, row.decided_at),
        row.reason_code, reason.label if reason else None, row.motivation,
        _who(row.decided_by, row.admin_name), action, result, row.notice_text, notice_state,
        row.permalink, row.evidence_sha256, row.item_id,
    ]  # fmt: skip


def registration_values(row: Any) -> list[Any]:
    criterion = REGISTRATION_CRITERIA.get(row.criterion)
    return [
        *_head(registration_key(row.registration_id), row, row.registered_at),
        row.criterion, criterion.label if criterion else None, row.motivation,
        _who(row.registered_by, row.admin_name), row.permalink, row.evidence_sha256, row.item_id,
    ]  # fmt: skip
