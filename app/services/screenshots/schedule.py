"""The yearly picture of each account page: when it is due, and filing it.

The guideline: "Dokumentera närvaron på sociala medier genom att ta en skärmdump på sidan en
gång per år eller vid stora förändringar och sända den till kommunikationschefen."
Grabbing the screen is app/services/screenshots/capture.py; exporting and the registrator's
collective record are app/services/screenshots/export.py; sending is
app/services/screenshots/mail.py.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, translate
from app.models import Account, Screenshot
from app.services.accounts.roles import Duty, require
from app.services.context import Actor, acting
from app.services.mail import check_address
from app.services.records.audit import log_change

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DAYS_PER_YEAR = 365
REASONS = {"annual": "årlig dokumentation", "change": "stor förändring"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NOTE_MAX = 4000


def local_date(moment: datetime) -> date:
    """The calendar date in Sweden, which is what "once a year" is counted in."""
    return moment.astimezone(STOCKHOLM).date()


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one: the last day of that February
        return day.replace(year=day.year + years, day=28)


def next_due_date(last: date, interval_days: int) -> date:
    """A whole number of years (365, 730...) is counted in calendar years, so the yearly
    screenshot stays on its date instead of creeping a day earlier after every 29 February;
    any other interval is plain days."""
    if interval_days > 0 and interval_days % DAYS_PER_YEAR == 0:
        return add_years(last, interval_days // DAYS_PER_YEAR)
    return last + timedelta(days=max(interval_days, 1))


def local_year_bounds(year: int) -> tuple[datetime, datetime]:
    start = datetime(year, 1, 1, tzinfo=STOCKHOLM).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=STOCKHOLM).astimezone(UTC)
    return start, end


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header; refuses anything that is not a PNG."""
    if len(png) < 33 or not png.startswith(PNG_SIGNATURE) or png[12:16] != b"IHDR":
        raise InputError(translate("Core", "Skärmdumpen är ingen PNG-bild."))
    width, height = struct.unpack(">II", png[16:24])
    if width == 0 or height == 0:
        raise InputError(translate("Core", "Skärmdumpen är tom (0 bildpunkter)."))
    return width, height


@dataclass(frozen=True)
class ScreenshotDue:
    account_id: int
    account_key: str
    account_name: str
    platform: str
    page_url: str | None
    interval_days: int
    last_taken_at: datetime | None
    last_screenshot_id: int | None
    next_due: date
    days_left: int  # negative: overdue by that many days

    @property
    def due(self) -> bool:
        return self.days_left <= 0

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def never_taken(self) -> bool:
        return self.last_taken_at is None

    @property
    def status_text(self) -> str:
        if self.overdue:
            return f"försenad {-self.days_left} d"
        if self.due:
            return "ska tas i dag"
        return f"om {self.days_left} d"

    def as_json(self) -> dict[str, Any]:
        return {
            "account": self.account_key,
            "name": self.account_name,
            "platform": self.platform,
            "page_url": self.page_url,
            "interval_days": self.interval_days,
            "last_taken_at": self.last_taken_at.isoformat() if self.last_taken_at else None,
            "last_screenshot_id": self.last_screenshot_id,
            "next_due": self.next_due.isoformat(),
            "days_left": self.days_left,
            "due": self.due,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class ScreenshotInfo:
    """Everything about a filed screenshot except its bytes (ask the service for those)."""

    id: int
    account_id: int
    account_key: str
    account_name: str
    platform: str
    page_url: str | None
    taken_at: datetime
    taken_by: str
    reason: str
    note: str
    width: int
    height: int
    size_bytes: int
    sha256: str
    sent_to: str | None
    sent_at: datetime | None

    @property
    def local_date(self) -> date:
        return local_date(self.taken_at)

    @property
    def year(self) -> int:
        return self.local_date.year

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def file_stem(self) -> str:
        """`{year}-{account}-{date}`: the name the file gets when exported."""
        return f"{self.year}-{self.account_key}-{self.local_date.isoformat()}"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "account": self.account_key,
            "account_name": self.account_name,
            "platform": self.platform,
            "page_url": self.page_url,
            "taken_at": self.taken_at.isoformat(),
            "taken_at_local": self.taken_at.astimezone(STOCKHOLM).isoformat(),
            "taken_by": self.taken_by,
            "reason": self.reason,
            "reason_label": self.reason_label,
            "note": self.note,
            "width": self.width,
            "height": self.height,
            "size_bytes": self.size_bytes,
            "sha256": self.sha256,
            "sent_to": self.sent_to,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
        }


_INFO_COLUMNS = (
    Screenshot.id, Screenshot.account_id, Account.key, Account.name, Account.platform,
    Account.page_url, Screenshot.taken_at, Screenshot.taken_by, Screenshot.reason,
    Screenshot.note, Screenshot.width, Screenshot.height, func.length(Screenshot.png),
    Screenshot.sha256, Screenshot.sent_to, Screenshot.sent_at,
)  # fmt: skip


class ScreenshotService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    @property
    def actor_name(self) -> str:
        return self._actor.username

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

    def now(self) -> datetime:
        return self._actor.now()

    def today(self) -> date:
        return local_date(self._actor.now())

    def require_screenshots(self, account_keys: Iterable[str]) -> None:
        """Taking, filing and sending an account's picture is the kommunikationschef's and the
        account's own administrators' (Forbidden otherwise, the refusal in the audit log).
        Called before the screen is grabbed, so a refused person waits for nothing."""
        for key in sorted(set(account_keys)):
            require(self._sessions, Duty.SCREENSHOTS, self._actor, account_key=key)

    def active_accounts(self, created_before: datetime | None = None) -> list[tuple[str, str]]:
        """(key, name) of the accounts that should be photographed, by key."""
        stmt = select(Account.key, Account.name).where(Account.active.is_(True)).order_by(Account.key)
        if created_before is not None:
            stmt = stmt.where(Account.created_at < created_before)
        with self._sessions() as session:
            return [(key, name) for key, name in session.execute(stmt)]

    # --- the schedule -------------------------------------------------------------------

    def due_screenshots(self, today: date | None = None) -> list[ScreenshotDue]:
        """Every active account with its last screenshot and next due date, the most overdue
        first. An account never photographed has been due since it was registered."""
        today = today or self.today()
        latest = (
            select(Screenshot.account_id, func.max(Screenshot.taken_at).label("last"))
            .group_by(Screenshot.account_id)
            .subquery()
        )
        stmt = (
            select(
                Account.id,
                Account.key,
                Account.name,
                Account.platform,
                Account.page_url,
                Account.screenshot_interval_days,
                Account.created_at,
                latest.c.last,
                Screenshot.id,
            )
            .outerjoin(latest, latest.c.account_id == Account.id)
            .outerjoin(
                Screenshot, (Screenshot.account_id == Account.id) & (Screenshot.taken_at == latest.c.last)
            )
            .where(Account.active.is_(True))
            .order_by(Account.key, Screenshot.id.desc())
        )
        result: dict[int, ScreenshotDue] = {}
        with self._sessions() as session:
            for acc_id, key, name, platform, url, interval, created, last, shot_id in session.execute(stmt):
                if acc_id in result:  # two screenshots at the very same instant: keep the newest id
                    continue
                if last is not None:
                    due = next_due_date(local_date(last), interval)
                else:
                    due = local_date(created)
                result[acc_id] = ScreenshotDue(
                    acc_id, key, name, platform, url, interval, last, shot_id, due, (due - today).days
                )
        return sorted(result.values(), key=lambda d: (d.next_due, d.account_key))

    def page_url(self, account_key: str) -> str | None:
        with self._sessions() as session:
            return self._account(session, account_key).page_url

    def set_interval(self, account_key: str, days: int) -> None:
        if not 1 <= days <= 5 * DAYS_PER_YEAR:
            raise InputError(
                say(translate("Core", "Intervallet måste vara 1–%1 dagar, inte %2."), 5 * DAYS_PER_YEAR, days)
            )
        self.require_screenshots([account_key])
        with self._sessions.begin() as session:
            account = self._account(session, account_key)
            account.screenshot_interval_days = days
            log_change(
                session,
                "account_changed",
                account_id=account.id,
                actor=self._actor,
                details={"key": account_key, "fields": ["screenshot_interval_days"]},
                seals=[("account", account.id)],
            )

    # --- filing -------------------------------------------------------------------------

    def file_screenshot(
        self, account_key: str, png: bytes, *, reason: str = "annual", note: str = ""
    ) -> ScreenshotInfo:
        """Store the PNG with who, when, why, its size and SHA-256, in one transaction."""
        if reason not in REASONS:
            raise InputError(
                say(
                    translate("Core", "Okänt skäl '%1'; välj annual (årlig) eller change (stor förändring)."),
                    reason,
                )
            )
        note = (note or "").replace("\x00", "").strip()
        if len(note) > NOTE_MAX:
            raise InputError(say(translate("Core", "Anteckningen får vara högst %1 tecken."), NOTE_MAX))
        width, height = png_size(png)
        self.require_screenshots([account_key])
        digest = hashlib.sha256(png).hexdigest()
        with self._sessions.begin() as session:
            account = self._account(session, account_key)
            shot = Screenshot(
                account_id=account.id,
                taken_at=self._actor.now(),
                taken_by=self._actor.username,
                reason=reason,
                note=note,
                png=png,
                sha256=digest,
                width=width,
                height=height,
            )
            session.add(shot)
            session.flush()
            shot_id = shot.id
            log_change(
                session, "screenshot", account_id=account.id, actor=self._actor,
                details={"screenshot_id": shot_id, "reason": reason, "sha256": digest}, seals=(),
            )  # fmt: skip
        return self.get(shot_id)

    # --- reading ------------------------------------------------------------------------

    def list_screenshots(
        self, account_key: str | None = None, year: int | None = None, ids: Iterable[int] | None = None
    ) -> list[ScreenshotInfo]:
        """Newest first; `year` is the calendar year in Sweden."""
        stmt = select(*_INFO_COLUMNS).join(Account, Account.id == Screenshot.account_id)
        if account_key is not None:
            stmt = stmt.where(Account.key == account_key)
        if year is not None:
            start, end = local_year_bounds(year)
            stmt = stmt.where(Screenshot.taken_at >= start, Screenshot.taken_at < end)
        if ids is not None:
            wanted = sorted(set(ids))
            stmt = stmt.where(Screenshot.id.in_(wanted))
        stmt = stmt.order_by(Screenshot.taken_at.desc(), Screenshot.id.desc())
        with self._sessions() as session:
            if account_key is not None:
                self._account(session, account_key)
            rows = [ScreenshotInfo(*row) for row in session.execute(stmt)]
        if ids is not None and len(rows) != len(wanted):
            missing = sorted(set(wanted) - {r.id for r in rows})
            raise InputError(
                say(translate("Core", "Okänd skärmdump: %1."), ", ".join(str(m) for m in missing))
            )
        return rows

    def get(self, screenshot_id: int) -> ScreenshotInfo:
        return self.list_screenshots(ids=[screenshot_id])[0]

    def png(self, screenshot_id: int) -> bytes:
        """The stored bytes, checked against the stored SHA-256: a damaged picture is reported,
        never sent or exported as if it were the one that was filed."""
        with self._sessions() as session:
            row = session.execute(
                select(Screenshot.png, Screenshot.sha256).where(Screenshot.id == screenshot_id)
            ).first()
        if row is None:
            raise InputError(say(translate("Core", "Okänd skärmdump: %1."), screenshot_id))
        data = bytes(row[0])
        if hashlib.sha256(data).hexdigest() != row[1]:
            raise EnvironmentFault(
                say(
                    translate(
                        "Core",
                        "Skärmdump %1 stämmer inte med sin SHA-256-summa: bilden i databasen är skadad.",
                    ),
                    screenshot_id,
                )
            )
        return data

    def years(self, account_key: str | None = None) -> list[int]:
        """The years (in Sweden) that have screenshots, newest first."""
        stmt = select(Screenshot.taken_at).join(Account, Account.id == Screenshot.account_id)
        if account_key is not None:
            stmt = stmt.where(Account.key == account_key)
        with self._sessions() as session:
            return sorted({local_date(t).year for t in session.scalars(stmt)}, reverse=True)

    # --- sending ------------------------------------------------------------------------

    def mark_sent(self, ids: Iterable[int], to: str, at: datetime | None = None) -> None:
        """Record that the screenshots went to `to`; all of them or none."""
        wanted = sorted(set(ids))
        if not wanted:
            raise InputError(translate("Core", "Ange minst en skärmdump."))
        to = check_address(to, translate("Core", "Mottagarens adress"))
        at = at or self._actor.now()
        self.require_screenshots(s.account_key for s in self.list_screenshots(ids=wanted))
        with self._sessions.begin() as session:
            shots = session.scalars(select(Screenshot).where(Screenshot.id.in_(wanted))).all()
            missing = sorted(set(wanted) - {s.id for s in shots})
            if missing:
                raise InputError(
                    say(translate("Core", "Okänd skärmdump: %1."), ", ".join(str(m) for m in missing))
                )
            for shot in shots:
                shot.sent_to = to
                shot.sent_at = at
            log_change(
                session,
                "screenshot_sent",
                actor=self._actor,
                details={"to": to, "count": len(shots)},
                seals=[("screenshot", s.id) for s in shots],
            )

    @staticmethod
    def _account(session: Session, key: str) -> Account:
        account = session.scalar(select(Account).where(Account.key == key))
        if account is None:
            raise InputError(say(translate("Core", "Okänt konto '%1'."), key))
        return account
