"""Who acts: the OS login mapped to an administrator in the register, the nearest manager who
gets escalations, and conflicts of interest ("Om den som är administratör/redaktör har privat
intresse i något som diskuteras, bör någon annan från kommunen istället föra dialogen")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.messages import say, translate
from app.models import Administrator, Recusal, Setting
from app.models.folding import casefold
from app.services.mail import SETTINGS_KEY as MAIL_SETTINGS_KEY

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class AdminInfo:
    id: int | None
    username: str
    name: str
    email: str = ""
    manager_email: str = ""


def local_time(value: datetime) -> str:
    return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def find_administrator(session: Session, username: str) -> AdminInfo:
    """The administrator this OS login maps to. A login that is not in the register still
    acts under its own name (a fresh database has no register yet); the record shows who."""
    row = session.execute(
        select(
            Administrator.id,
            Administrator.username,
            Administrator.name,
            Administrator.email,
            Administrator.manager_email,
        ).where(casefold(Administrator.username) == casefold(username), Administrator.active.is_(True))
    ).first()
    if row is None:
        return AdminInfo(None, username, username)
    return AdminInfo(*row)


def display_names(session: Session, usernames: set[str]) -> dict[str, str]:
    """Each login's name in the administrators' register (any letter case), else a readable
    stand-in (unregistered_name), never the bare login."""
    if not usernames:
        return {}
    rows = session.execute(
        select(Administrator.username, Administrator.name).where(
            casefold(Administrator.username).in_({u.casefold() for u in usernames})
        )
    )
    names = {u.casefold(): n for u, n in rows if n}
    return {u: names.get(u.casefold()) or unregistered_name(u) for u in usernames}


def unregistered_name(username: str) -> str:
    """A login the administrators' register does not know: the OS account's full name where this
    machine has one ("Erik Ek (erik)"), else «okänd användare (root)»."""
    full = _os_full_name(username)
    if full:
        return say("%1 (%2)", full, username)
    return say(translate("Core", "okänd användare (%1)"), username)


def _os_full_name(username: str) -> str:
    try:
        import pwd
    except ImportError:  # Windows: no user database to ask
        return ""
    try:
        gecos = pwd.getpwnam(username).pw_gecos
    except (KeyError, OSError):
        return ""
    name = gecos.split(",")[0].strip()
    return name if name and name.casefold() != username.casefold() else ""


def active_administrator(session: Session, username: str) -> AdminInfo | None:
    info = find_administrator(session, username)
    return info if info.id is not None else None


def recusal_for(session: Session, item_id: int, username: str) -> tuple[str, str] | None:
    """(handed_to, reason) when `username` handed this item over on a conflict of interest."""
    row = session.execute(
        select(Recusal.handed_to, Recusal.reason)
        .where(Recusal.item_id == item_id, casefold(Recusal.username) == casefold(username))
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def head_of_communications(session: Session) -> str:
    """The guideline's kommunikationschef, as set with the mail settings (granska mail set)."""
    value = session.scalar(select(Setting.value).where(Setting.key == MAIL_SETTINGS_KEY))
    if isinstance(value, dict):
        return str(value.get("head_of_communications") or "").strip()
    return ""


def escalation_recipient(session: Session, admin: AdminInfo, kind: str) -> str:
    """The nearest manager of the deciding administrator, else the head of communications."""
    if kind != "head_of_communications" and admin.manager_email:
        return admin.manager_email
    return head_of_communications(session)
