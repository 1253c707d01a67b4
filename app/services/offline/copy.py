"""The local copy: a SQLite file in the user's data folder holding what this person may read of
the team database, built with the project's own migrations, so the queue, the Arkiv and the
evidence packages read it with their ordinary code.

What is copied: the accounts, administrators and who runs which account, the settings; the
open queue of the accounts the person is assigned to, and every item with a saved record
(evidence, decision, registration, notice) in the period (default: this year and the last),
with its versions and records, and the posts and parent comments of their threads. Never the
platform credentials (account_secrets, account_key_copies, person_keys), the team's audit
chain or its outbox. It reads as the person's own login, so row-level security decides.

A refresh is incremental: per table a high-water mark (the highest id copied); the team's
audit log, which every change to an item passes through, names the items changed since.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Integer, Table, and_, any_, delete, func, insert, literal, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from app.models import (
    OPEN_STATUSES,
    Account,
    AccountAdministrator,
    Administrator,
    AuditEvent,
    Decision,
    Escalation,
    Evidence,
    Item,
    ItemVersion,
    Notice,
    OfflineDecision,
    Recusal,
    Registration,
    Screenshot,
    Setting,
)
from app.models.base import utcnow
from app.models.db import Database, act_as, data_dir, open_database, session_user

__all__ = ["LocalCopy", "RefreshResult", "copy_fresh_at", "copy_path", "offline_mark"]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
CHUNK = 500
TEAM_CHUNK = 5000  # ids per query to PostgreSQL (one array parameter)

_items = Item.__table__
# Whole tables, small: replaced at every refresh.
_WHOLE: tuple[Table, ...] = (
    Account.__table__,
    Administrator.__table__,
    AccountAdministrator.__table__,
    Setting.__table__,
)
# An item's records: copied with the item, by item_id.
_RECORDS: tuple[Table, ...] = (
    ItemVersion.__table__,
    Evidence.__table__,
    Decision.__table__,
    Registration.__table__,
    Notice.__table__,
    Recusal.__table__,
    Escalation.__table__,
    OfflineDecision.__table__,
)
# Records that bring their item into the copy when made in the period, with the time they carry.
_SAVED = {
    "evidence": Evidence.__table__.c.saved_at,
    "decisions": Decision.__table__.c.decided_at,
    "registrations": Registration.__table__.c.registered_at,
    "notices": Notice.__table__.c.created_at,
}
_MARKS = ("items", "item_versions", "audit_events", *_SAVED)
_STATE_DDL = "CREATE TABLE IF NOT EXISTS offline_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def copy_path(team_url: URL) -> Path:
    """One copy per team database and login, in the user's data folder."""
    who = team_url.set(password=None).render_as_string(hide_password=True)
    digest = hashlib.sha256(who.encode()).hexdigest()[:16]
    return data_dir() / "offline" / f"lokal-kopia-{digest}.db"


def copy_fresh_at(session: Session) -> datetime | None:
    """From when the local copy this session reads is; None on a team database or on a
    workstation's own file (no offline_state table)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    con = session.connection()
    if con.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'offline_state'").first() is None:
        return None
    value = con.exec_driver_sql("SELECT value FROM offline_state WHERE key = 'fresh_at'").scalar()
    return datetime.fromisoformat(value) if value else None


def offline_mark(fresh_at: datetime) -> str:
    """The line an export made offline carries (in Swedish, as the export is)."""
    local = fresh_at.astimezone(STOCKHOLM)
    return (
        f"Gjord offline från lokal kopia från {local:%H:%M} ({local:%Y-%m-%d}); "
        "det som beslutats i teamdatabasen efter det finns inte med."
    )


def period_start(years: int = 2, now: datetime | None = None) -> datetime:
    """1 January of the previous year (years=2), Swedish time."""
    local = (now or utcnow()).astimezone(STOCKHOLM)
    return datetime(local.year - (years - 1), 1, 1, tzinfo=STOCKHOLM).astimezone(UTC)


def _private(path: Path) -> None:
    """The file is the person's own: the folder 0700, the file 0600 (SQLite gives its -wal and
    -shm files the database file's permissions). On Windows the user's LOCALAPPDATA already is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        return
    os.chmod(path.parent, 0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


@dataclass(frozen=True)
class RefreshResult:
    items: int
    records: int
    fresh_at: datetime
    full: bool


def _team_among(t: Connection, column: Any, ids: list[int]) -> Any:
    if t.dialect.name == "postgresql":
        return column == any_(literal(ids, ARRAY(Integer)))
    return column.in_(ids)


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    batch: list[int] = []
    for i in sorted(set(ids)):
        batch.append(i)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class LocalCopy:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: Database | None = None

    @classmethod
    def for_team(cls, team_url: URL) -> LocalCopy:
        return cls(copy_path(team_url))

    def exists(self) -> bool:
        return (
            self.path.exists() and self.path.stat().st_size > 0 and self.state().get("fresh_at") is not None
        )

    @property
    def db(self) -> Database:
        if self._db is None:
            _private(self.path)
            self._db = open_database(f"sqlite:///{self.path}")
            with self._db.engine.begin() as con:
                con.exec_driver_sql(_STATE_DDL)
            username = self.username()
            if username:  # who acts on the copy: the team login that made it
                act_as(self._db.engine, username)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None

    # --- what is known about the copy ---------------------------------------------------------
    def state(self) -> dict[str, str]:
        if not self.path.exists():
            return {}
        import sqlite3

        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, value FROM offline_state").fetchall())
        except sqlite3.Error:
            return {}
        finally:
            con.close()

    def fresh_at(self) -> datetime | None:
        value = self.state().get("fresh_at")
        return datetime.fromisoformat(value) if value else None

    def username(self) -> str | None:
        return self.state().get("username")

    # --- refresh --------------------------------------------------------------------------------
    def refresh(self, team: Database, *, years: int = 2, screenshots: bool | None = None) -> RefreshResult:
        """Bring the copy up to date from the team database (the person's own connection).
        `screenshots`: also the account pages' screenshots (the pictures) of the period; once
        asked for, kept at every refresh (None: as before)."""
        copy = self.db
        state = self.state()
        marks = {k: int(v) for k, v in state.items() if k.startswith("hwm:") for k in [k[4:]]}
        shots = state.get("screenshots") == "1" if screenshots is None else screenshots
        full = not marks
        since = period_start(years)
        me = session_user(team.engine) or ""
        started = utcnow()
        isolation = {"isolation_level": "REPEATABLE READ"} if team.dialect == "postgresql" else {}
        with team.engine.connect().execution_options(**isolation) as t, copy.engine.connect() as c:
            # One consistent picture of the team database, and the ids up to which it is read.
            tops = {name: _max_id(t, name) for name in _MARKS}
            if shots:
                tops["screenshots"] = _max_id(t, "screenshots")
            # Outside a transaction (SQLite ignores it inside one): rows decided offline on the
            # copy may share ids with the team's, and are replaced by them.
            c.exec_driver_sql("PRAGMA foreign_keys=OFF")
            c.commit()
            try:
                with c.begin():
                    for table in _WHOLE:
                        c.execute(delete(table))
                        rows = [dict(r._mapping) for r in t.execute(select(table))]
                        if rows:
                            c.execute(insert(table), rows)
                    wanted = self._items_wanted(t, c, me, since, marks, tops, full)
                    items, records = self._copy_items(t, c, wanted)
                    if shots:
                        records += _copy_screenshots(
                            t, c, marks.get("screenshots", 0), tops["screenshots"], since
                        )
                    self._write_state(c, tops, started, me, years)
                    c.exec_driver_sql(
                        "INSERT INTO offline_state (key, value) VALUES ('screenshots', ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        ("1" if shots else "0",),
                    )
                    if me:
                        act_as(copy.engine, me)
            finally:
                c.exec_driver_sql("PRAGMA foreign_keys=ON")
                c.commit()
            t.rollback()
        return RefreshResult(items, records, started, full)

    def _items_wanted(
        self,
        t: Connection,
        c: Connection,
        me: str,
        since: datetime,
        marks: dict[str, int],
        tops: dict[str, int],
        full: bool,
    ) -> set[int]:
        links, admins = AccountAdministrator.__table__, Administrator.__table__
        mine = (
            select(links.c.account_id)
            .join(admins, admins.c.id == links.c.administrator_id)
            .where(func.lower(admins.c.username) == me.lower())
        )
        roles_in_use = t.scalar(
            select(func.count()).where(
                admins.c.active.is_(True), admins.c.roles.is_not(None), admins.c.roles != ""
            )
        )
        if not me or not roles_in_use:  # while no one has a role, everyone acts on every account
            mine = select(Account.__table__.c.id)
        hwm = marks.get("items", 0)
        wanted = set(
            t.scalars(
                select(_items.c.id).where(
                    _items.c.id > hwm,
                    _items.c.id <= tops["items"],
                    _items.c.status.in_([str(s) for s in OPEN_STATUSES]),
                    _items.c.account_id.in_(mine),
                )
            )
        )
        for name, when in _SAVED.items():
            table = when.table
            wanted.update(
                t.scalars(
                    select(table.c.item_id)
                    .distinct()
                    .where(table.c.id > marks.get(name, 0), table.c.id <= tops[name], when >= since)
                )
            )
        if not full:
            events, versions = AuditEvent.__table__, ItemVersion.__table__
            changed = set(
                t.scalars(
                    select(events.c.item_id)
                    .distinct()
                    .where(
                        events.c.id > marks.get("audit_events", 0),
                        events.c.id <= tops["audit_events"],
                        events.c.item_id.is_not(None),
                    )
                )
            )
            changed.update(
                t.scalars(
                    select(versions.c.item_id)
                    .distinct()
                    .where(
                        versions.c.id > marks.get("item_versions", 0), versions.c.id <= tops["item_versions"]
                    )
                )
            )
            for batch in _chunks(changed):  # changed items matter where the copy holds them
                wanted.update(c.scalars(select(_items.c.id).where(_items.c.id.in_(batch))))
        return wanted | _thread_context(t, wanted)

    def _copy_items(self, t: Connection, c: Connection, wanted: set[int]) -> tuple[int, int]:
        records = 0
        for batch in _chunks(wanted, TEAM_CHUNK if t.dialect.name == "postgresql" else CHUNK):
            rows = [
                dict(r._mapping) for r in t.execute(select(_items).where(_team_among(t, _items.c.id, batch)))
            ]
            held = [
                i
                for part in _chunks(batch)
                for i in c.scalars(select(_items.c.id).where(_items.c.id.in_(part)))
            ]
            if held:  # items the copy holds already: their records as the team has them now
                for part in _chunks(held):
                    for table in _RECORDS:
                        c.execute(delete(table).where(table.c.item_id.in_(part)))
                    # Delete, then insert: the search index's triggers see both (INSERT OR
                    # REPLACE would bypass the delete trigger).
                    c.execute(delete(_items).where(_items.c.id.in_(part)))
            if rows:
                c.execute(insert(_items), rows)
            for table in _RECORDS:
                query = select(table).where(_team_among(t, table.c.item_id, batch))
                found = [dict(r._mapping) for r in t.execute(query)]
                if found:
                    c.execute(insert(table), found)
                    records += len(found)
        return len(wanted), records

    def _write_state(self, c: Connection, tops: dict[str, int], at: datetime, me: str, years: int) -> None:
        values = {f"hwm:{k}": str(v) for k, v in tops.items()}
        values |= {"fresh_at": at.isoformat(), "years": str(years)}
        if me:
            values["username"] = me
        for key, value in values.items():
            c.exec_driver_sql(
                "INSERT INTO offline_state (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _copy_screenshots(t: Connection, c: Connection, after: int, top: int, since: datetime) -> int:
    """The screenshots taken in the period that the team database has added since the last
    refresh (the ones the login may read: row-level security decides), pictures included."""
    shots = Screenshot.__table__
    query = select(shots).where(shots.c.id > after, shots.c.id <= top, shots.c.taken_at >= since)
    copied = 0
    for part in t.execution_options(yield_per=50).execute(query).partitions():
        rows = [dict(r._mapping) for r in part]
        c.execute(delete(shots).where(shots.c.id.in_([r["id"] for r in rows])))
        c.execute(insert(shots), rows)
        copied += len(rows)
    return copied


def _max_id(t: Connection, name: str) -> int:
    return int(t.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {name}").scalar_one())


def _thread_context(t: Connection, ids: set[int]) -> set[int]:
    """The posts and parent comments of the items' threads (the detail pane shows them): one
    join per batch, on the unique (account, external id)."""
    child, parent = _items.alias("child"), _items.alias("parent")
    found: set[int] = set()
    for batch in _chunks(ids, TEAM_CHUNK if t.dialect.name == "postgresql" else CHUNK):
        for link in (child.c.parent_external_id, child.c.post_external_id):  # equi-joins on the index
            found.update(
                t.scalars(
                    select(parent.c.id)
                    .join(
                        child, and_(parent.c.account_id == child.c.account_id, parent.c.external_id == link)
                    )
                    .where(_team_among(t, child.c.id, batch))
                )
            )
    return found - ids
