"""The statistics the förvaltningschef evaluates the presence in social media by: per period and
account, items and questions, time to first answer against the promise, removals per reason,
registrations per criterion, forwards and hand-overs, platform steps still pending, screenshots,
administrators (and the rule of at least two). Every figure is a grouped query in the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.core.states import WAITING, StepStatus
from app.models import (
    Account,
    AccountAdministrator,
    Administrator,
    Decision,
    Escalation,
    Item,
    OutboxStep,
    Registration,
    Screenshot,
)
from app.services.accounts.roles import ADMINISTRATOR, Duty, refuse, who_am_i
from app.services.context import Actor, acting
from app.services.screenshots.schedule import ScreenshotService
from app.services.stats import kept_counts as kept
from app.services.stats import kept_times as kt
from app.services.stats import response_times as rt
from app.services.stats.promises import promise_of
from app.services.stats.shapes import AccountFigures, AdministratorFigures, Statistics
from app.services.stats.watched_hours import STOCKHOLM, overdue_cutoff

HOUR = 3600.0


def _hours(value: Any) -> float | None:
    return None if value is None else float(value) / HOUR


def month_starts(date_from: date, date_to: date) -> list[datetime]:
    """Local midnight of the first of each month the period touches, then the period's end."""
    edges = [datetime.combine(date_from, time(0), STOCKHOLM)]
    y, m = date_from.year, date_from.month
    while True:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        first = date(y, m, 1)
        if first > date_to:
            break
        edges.append(datetime.combine(first, time(0), STOCKHOLM))
    edges.append(datetime.combine(date_to + timedelta(days=1), time(0), STOCKHOLM))
    return edges


@dataclass(frozen=True)
class _Plain:
    id: int
    key: str
    name: str
    platform: str
    purpose: str
    tone: str


def _driven_by_records(ids: list[int]) -> Any:
    """The account filter on items joined to a record table (decisions, registrations...): as an
    expression no index serves, so SQLite walks the small record table and looks each item up,
    instead of walking a million items by the account index and probing the records."""
    return (Item.account_id + 0).in_(ids)


class StatisticsService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = actor

    def _now(self) -> datetime:
        return acting(self._sessions, self._actor).now()

    def default_period(self) -> tuple[date, date]:
        today = self._now().astimezone(STOCKHOLM).date()
        return date(today.year, 1, 1), today

    def _visible_accounts(self, session: Session, account_key: str | None) -> tuple[list[Any], bool]:
        """The accounts my roles let me see figures for, and whether per administrator too."""
        who = acting(self._sessions, self._actor)
        me = who_am_i(session, who.username)
        everyone = me.may(Duty.STATISTICS)
        stmt = select(Account).order_by(Account.key)
        if not everyone:
            if ADMINISTRATOR not in me.roles:
                session.rollback()
                refuse(self._sessions, me, who, Duty.STATISTICS)
            stmt = stmt.where(Account.id.in_(me.account_ids))
        if account_key is not None:
            found = session.scalar(select(Account.id).where(Account.key == account_key))
            if found is None:
                raise InputError(say(translate("Core", "Okänt konto %1."), repr(account_key)))
            stmt = stmt.where(Account.key == account_key)
        accounts = list(session.scalars(stmt))
        if account_key is not None and not accounts:
            refuse(self._sessions, me, who, Duty.STATISTICS, account_key=account_key)
        return accounts, everyone

    def figures(
        self, date_from: date | None = None, date_to: date | None = None, account_key: str | None = None
    ) -> Statistics:
        default_from, default_to = self.default_period()
        date_from, date_to = date_from or default_from, date_to or default_to
        if date_to < date_from:
            raise InputError(
                say(translate("Core", "Perioden slutar (%1) före den börjar (%2)."), date_to, date_from)
            )
        now = self._now()
        edges = month_starts(date_from, date_to)
        since, until = edges[0], edges[-1]
        with self._sessions() as session:
            accounts, everyone = self._visible_accounts(session, account_key)
            promises = {a.id: promise_of(a) for a in accounts}
            accounts = [_Plain(a.id, a.key, a.name, a.platform, a.purpose, a.tone) for a in accounts]
            ids = [a.id for a in accounts]
            targets = {i: p.target_seconds for i, p in promises.items() if p.target_seconds is not None}
            cutoffs = {i: overdue_cutoff(promises[i], now, t) for i, t in targets.items()}
            con = session.connection()
            dialect = con.dialect.name
            counts: dict[int, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
            volume: dict[str, dict[str, int]] = {}
            months = [e.astimezone(STOCKHOLM).strftime("%Y-%m") for e in edges[:-1]]
            platform_of = {a.id: a.platform for a in accounts}
            for account_id, found in rt.question_counts(con, since, until, ids, cutoffs).items():
                counts[account_id].update(found)
            # Each month a bare count of its range of the index: cheaper than a sum per month
            # evaluated on every item of the year. The items are their sum.
            for month, lo, hi in zip(months, edges[:-1], edges[1:], strict=True):
                for account_id, n in con.execute(rt.count_query(lo, hi, ids)):
                    per = volume.setdefault(platform_of[account_id], {})
                    per[month] = per.get(month, 0) + int(n)
                    counts[account_id]["items"] += int(n)
            sums: kept.Sums | None = None
            if kt.available(con):  # SQLite: each question's time worked out once, kept
                if kt.refresh(con, promises, now):
                    session.commit()
                    con = session.connection()
                # and its kept counts: every figure in one statement, read once, used twice
                sums = kept.period_sums(session, since, until, ids)
                responses = kt.summaries(con, since, until, ids, targets)
                per_admin = (
                    self._per_administrator(session, since, until, ids, targets, sums) if everyone else None
                )
            else:
                last = max(date_to, now.astimezone(STOCKHOLM).date()) + timedelta(days=1)
                rt.fill_calendar(con, promises, date_from - timedelta(days=1), last)
                try:
                    rt.fill_timed(
                        con, dialect, since, until, ids, who=Item.first_response_by if everyone else None
                    )
                    responses = rt.summaries(con, targets)
                    per_admin = (
                        self._per_administrator(session, since, until, ids, targets) if everyone else None
                    )
                finally:
                    rt.drop_timed(con)
                    rt.drop_calendar(con)
            grouped = self._grouped(session, since, until, ids, sums)
            session.rollback()  # the temporary calendar is gone with the transaction
        due = {d.account_id: d for d in ScreenshotService(self._sessions, self._actor).due_screenshots()}
        result = []
        for a in accounts:
            c, r, g = counts[a.id], responses.get(a.id), grouped[a.id]
            d = due.get(a.id)
            result.append(
                AccountFigures(
                    a.key, a.name, a.platform, a.purpose, a.tone, promises[a.id],
                    items=c["items"], questions=c["questions"],
                    answered=int(r.answered) if r else 0,
                    median_first_response_hours=_hours(r.median_cal) if r else None,
                    median_first_response_watched_hours=_hours(r.median_watched) if r else None,
                    p90_first_response_watched_hours=_hours(r.p90_watched) if r else None,
                    answered_within_promise=(int(r.within or 0) if r else 0) if a.id in targets else None,
                    waiting_now=c["waiting"], overdue_now=c["overdue"] if a.id in targets else None,
                    removed_by_reason=g["removed"], removed_registered=g["removed_registered"],
                    registered_by_criterion=g["registered"], forwards=g["forward"],
                    hand_overs=g["hand_over"], police_reports=g["police"], pending_steps=g["pending"],
                    screenshots_taken=g["shots"], last_screenshot_id=g["last_shot"],
                    screenshot_due=d.next_due if d else None,
                    screenshot_overdue=bool(d and d.overdue), administrators=tuple(g["admins"]),
                )
            )  # fmt: skip
        return Statistics(
            date_from, date_to, now, tuple(result), tuple(months), volume,
            tuple(per_admin) if per_admin is not None else None,
        )  # fmt: skip

    def _grouped(
        self, session: Session, since: datetime, until: datetime, ids: list[int], sums: kept.Sums | None
    ) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = defaultdict(
            lambda: {"removed": {}, "registered": {}, "removed_registered": 0, "forward": 0,
                     "hand_over": 0, "police": 0, "pending": 0, "shots": 0, "last_shot": None,
                     "admins": []}
        )  # fmt: skip
        if session.get_bind().dialect.name == "sqlite":
            kept.fill_grouped(session, since, until, ids, out, sums)
        else:
            self._grouped_records(session, since, until, ids, out)
        query5 = (
            select(Screenshot.account_id, func.count(), func.max(Screenshot.id))
            .where(Screenshot.taken_at >= since, Screenshot.taken_at < until, Screenshot.account_id.in_(ids))
            .group_by(Screenshot.account_id)
        )
        for account_id, n, last in session.execute(query5):
            out[account_id]["shots"], out[account_id]["last_shot"] = int(n), last
        query6 = (
            select(AccountAdministrator.account_id, Administrator.name)
            .join(Administrator, Administrator.id == AccountAdministrator.administrator_id)
            .where(Administrator.active.is_(True), AccountAdministrator.account_id.in_(ids))
            .order_by(Administrator.name)
        )
        for account_id, name in session.execute(query6):
            out[account_id]["admins"].append(name)
        return out

    def _grouped_records(
        self, session: Session, since: datetime, until: datetime, ids: list[int], out: dict[int, Any]
    ) -> None:
        """The records' counts as grouped joins (PostgreSQL; SQLite reads its kept counts)."""
        in_period = and_(Decision.decided_at >= since, Decision.decided_at < until, _driven_by_records(ids))
        registered = exists().where(Registration.item_id == Decision.item_id)
        query1 = (
            select(
                Item.account_id,
                Decision.action,
                Decision.reason_code,
                func.count(),
                func.sum(case((registered, 1), else_=0)),
            )
            .select_from(Decision)
            .join(Item, Item.id == Decision.item_id)
            .where(in_period, Decision.action.in_(("remove", "forward", "hand_over")))
            .group_by(Item.account_id, Decision.action, Decision.reason_code)
        )
        for account_id, action, reason, n, with_registration in session.execute(query1):
            g = out[account_id]
            if action == "remove":
                g["removed"][reason or "okänt"] = g["removed"].get(reason or "okänt", 0) + int(n)
                g["removed_registered"] += int(with_registration or 0)
            else:
                g[action] += int(n)
        query2 = (
            select(Item.account_id, Registration.criterion, func.count())
            .select_from(Registration)
            .join(Item, Item.id == Registration.item_id)
            .where(
                Registration.registered_at >= since,
                Registration.registered_at < until,
                _driven_by_records(ids),
            )
            .group_by(Item.account_id, Registration.criterion)
        )
        for account_id, criterion, n in session.execute(query2):
            out[account_id]["registered"][criterion] = int(n)
        query4 = (
            select(Item.account_id, func.count())
            .select_from(OutboxStep)
            .join(Item, Item.id == OutboxStep.item_id)
            .where(OutboxStep.status.in_([*WAITING, StepStatus.MANUAL]), _driven_by_records(ids))
            .group_by(Item.account_id)
        )
        for account_id, n in session.execute(query4):
            out[account_id]["pending"] = int(n)
        query3 = (
            select(Item.account_id, func.count())
            .select_from(Escalation)
            .join(Item, Item.id == Escalation.item_id)
            .where(
                Escalation.kind == "police_report",
                Escalation.created_at >= since,
                Escalation.created_at < until,
                _driven_by_records(ids),
            )
            .group_by(Item.account_id)
        )
        for account_id, n in session.execute(query3):
            out[account_id]["police"] = int(n)

    def _per_administrator(
        self,
        session: Session,
        since: datetime,
        until: datetime,
        ids: list[int],
        targets: dict[int, float],
        sums: kept.Sums | None = None,
    ) -> list[AdministratorFigures]:
        """Decisions per administrator in the period, and the response times of the questions
        whose clock their decision (or answer) stopped."""
        if session.get_bind().dialect.name == "sqlite":
            decisions = kept.decisions_per_administrator(session, since, until, ids, sums)
        else:
            stmt = (
                select(Decision.decided_by, Decision.action, func.count())
                .select_from(Decision)
                .join(Item, Item.id == Decision.item_id)
                .where(Decision.decided_at >= since, Decision.decided_at < until, _driven_by_records(ids))
                .group_by(Decision.decided_by, Decision.action)
            )
            decisions = defaultdict(dict)
            for who, action, n in session.execute(stmt):
                per = decisions[who.casefold()]
                per[action] = per.get(action, 0) + int(n)
        con = session.connection()
        if kt.available(con):
            responses = kt.summaries(con, since, until, ids, targets, per_administrator=True)
        else:
            responses = rt.summaries(con, targets, per_administrator=True)
        names: dict[str, str] = dict(
            session.execute(select(func.lower(Administrator.username), Administrator.name)).all()
        )
        result = []
        for who in sorted(set(decisions) | set(responses)):
            r = responses.get(who)
            result.append(
                AdministratorFigures(
                    who,
                    names.get(who, who),
                    decisions.get(who, {}),
                    int(r.answered) if r else 0,
                    _hours(r.median_watched) if r else None,
                )
            )
        return result


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)
