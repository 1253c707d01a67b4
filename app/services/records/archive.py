"""The archive: everything Granska saved (evidence copies, removals, registrations), searchable
with no network and no credentials, only the database.

An item is in the archive once evidence was saved, it was removed, or it was registered. The
period and administrator filters apply to those events ("saved, removed or registered by Anna in
May"); the text search uses the same full-text index as the queue.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select, tuple_, union_all
from sqlalchemy.orm import Session, aliased, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.models import Account, Decision, Evidence, Item, Registration
from app.models.archive_search_pg import copy_matches
from app.models.evidence_text import saved_item_text
from app.models.fulltext import match_clause, search_terms
from app.services.accounts.identity import display_names
from app.services.accounts.roles import me_now, require_records, roles_in_use, who_am_i
from app.services.context import Actor, acting
from app.services.records import archive_paging, archive_paging_pg
from app.services.records.archive_entry import ArchiveEntry, Cursor
from app.services.records.archive_history import HistoryLine, archive_history
from app.services.records.removal_log import REMOVE_ACTION

if TYPE_CHECKING:
    from app.models.base import AnySelect


@dataclass(frozen=True)
class ArchiveFilter:
    text: str = ""
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    account_keys: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    administrators: tuple[str, ...] = ()  # usernames


@dataclass(frozen=True)
class SavedCopy:
    evidence_id: int
    saved_at: datetime
    saved_by: str
    sha256: str
    payload: str  # exactly as saved
    intact: bool  # the payload still hashes to the recorded SHA-256
    text: str | None  # the item's text inside the copy, when it can be found
    saved_by_name: str = ""  # the administrator's name (accounts.identity.display_names)

    def pretty(self) -> str:
        try:
            return json.dumps(json.loads(self.payload), ensure_ascii=False, indent=2, sort_keys=True)
        except ValueError:
            return self.payload


@dataclass(frozen=True)
class ArchiveDetail:
    entry: ArchiveEntry
    copies: list[SavedCopy]
    # The platform's current state as last fetched; "known" only when fetched after the newest
    # saved copy (otherwise the copy is the latest thing we know).
    current_text: str
    current_status: str
    fetched_at: datetime
    edited_at: datetime | None
    current_known: bool
    permalink: str | None
    author_url: str | None
    raw: dict[str, Any] | None
    history: list[HistoryLine] = field(default_factory=list)


def saved_text(payload: str) -> str | None:
    """The item's text inside an evidence copy (the copy's layout is the remove workflow's)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    item = data.get("item")
    for source in (item if isinstance(item, dict) else None, data):
        said = source.get("text") if source is not None else None
        if isinstance(said, str):
            return said
    return None


def _events() -> Any:
    """(item, when, who) for every archive event."""
    return union_all(
        select(Evidence.item_id, Evidence.saved_at.label("at"), Evidence.saved_by.label("who")),
        select(Decision.item_id, Decision.decided_at, Decision.decided_by).where(
            Decision.action == REMOVE_ACTION
        ),
        select(Registration.item_id, Registration.registered_at, Registration.registered_by),
    ).subquery("events")


def _latest_saved_text() -> Any:
    """The text in the item's newest evidence copy; the current text when it has none."""
    ev = aliased(Evidence)
    newest = (
        select(saved_item_text(ev.payload))
        .where(ev.item_id == Item.id)
        .order_by(ev.saved_at.desc(), ev.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(newest, Item.text)


def _like_any_case(column: Any, term: str) -> Any:
    """`column` contains `term` (lower case). SQLite folds only ASCII case, so the word is also
    tried capitalised and in capitals: "åsa" finds "Åsa" and "ÅSA" there too."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    variants = dict.fromkeys((escaped, escaped.capitalize(), escaped.upper()))
    return or_(*[column.ilike(f"%{v}%", escape="\\") for v in variants])


# The words are matched with LIKE in the evidence copies, and SQLite refuses a LIKE pattern of
# more than 50,000 bytes ("pattern too complex"): a search is a few words, not a pasted page.
MAX_SEARCH_CHARS = 1000


def _text_matches(dialect: str, query: str) -> Any:
    """What was saved is what is searched: an item with an evidence copy matches on the copy's
    text (or its author), never on text the author put there afterwards; an item without a
    copy matches on its current text through the full-text index."""
    _check_length(query)
    terms = search_terms(query)
    if not terms:
        return None
    by_index = copy_matches(query) if dialect == "postgresql" else None
    if by_index is not None:
        # The copies' own tsvector and its GIN index (app/models/archive_search_pg.py).
        in_copy = Item.id.in_(select(Evidence.item_id).where(by_index))
    else:
        in_copy = _like_in_copy(terms)
    has_copy = select(Evidence.id).where(Evidence.item_id == Item.id).exists()
    current = match_clause(dialect, query, Item.id)
    return in_copy if current is None else or_(in_copy, and_(~has_copy, current))


def _like_in_copy(terms: list[str]) -> Any:
    """Where the archive's own index does not serve the request on SQLite: LIKE in the copies."""
    ev = aliased(Evidence)
    saved = saved_item_text(ev.payload)
    return (
        select(ev.id)
        .where(ev.item_id == Item.id,
               *[or_(_like_any_case(saved, t), _like_any_case(Item.author_name, t)) for t in terms])
        .exists()
    )  # fmt: skip


_ENTRY_COLUMNS = (
    Item.id,
    Account.key,
    Account.name,
    Account.platform,
    Item.author_name,
    _latest_saved_text(),
    Item.status,
    Item.created_at,
)


def _latest() -> list[Any]:
    """Per item: the latest removal's reason, who decided last, the diarienummer, the copies."""
    latest_removal = (
        select(Decision.reason_code)
        .where(Decision.item_id == Item.id, Decision.action == REMOVE_ACTION)
        .order_by(Decision.decided_at.desc(), Decision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    latest_decider = (
        select(Decision.decided_by)
        .where(Decision.item_id == Item.id)
        .order_by(Decision.decided_at.desc(), Decision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    latest_dnr = (
        select(Registration.diarienummer)
        .where(Registration.item_id == Item.id, Registration.diarienummer.is_not(None))
        .order_by(Registration.registered_at.desc(), Registration.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    copies = select(func.count()).where(Evidence.item_id == Item.id).scalar_subquery()
    return [latest_removal, latest_decider, latest_dnr, copies]


def _check_length(query: str) -> None:
    if len(query) > MAX_SEARCH_CHARS:
        raise InputError(
            say(
                translate("Core", "Söktexten är för lång (%1 tecken, högst %2): sök på några ord ur texten."),
                len(query),
                MAX_SEARCH_CHARS,
            )
        )


class ArchiveService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = actor

    def _record_accounts(self, session: Session) -> frozenset[int] | None:
        """The accounts whose records I may read (None: every one): at once when no one has
        roles (one query), else from who I am."""
        if not roles_in_use(session):
            return None
        who = acting(self._sessions, self._actor)
        return who_am_i(session, who.username).record_accounts()

    def _reads_all(self, session: Session) -> bool:
        """Whether I may read every account's records (SQLite's own index serves only those)."""
        return self._record_accounts(session) is None

    def _readable(self, stmt: AnySelect) -> AnySelect:
        """Only the accounts whose records I may read (an administrator: their own)."""
        accounts = me_now(self._sessions, self._actor)[0].record_accounts()
        return stmt if accounts is None else stmt.where(Item.account_id.in_(sorted(accounts)))

    def _statement(self, f: ArchiveFilter, dialect: str) -> tuple[AnySelect, Any]:
        events = _events()
        conditions = []
        if f.since is not None:
            conditions.append(events.c.at >= f.since)
        if f.until is not None:
            conditions.append(events.c.at < f.until)
        if f.administrators:
            conditions.append(events.c.who.in_(f.administrators))
        archived = (
            select(events.c.item_id, func.max(events.c.at).label("last_at"))
            .where(*conditions)
            .group_by(events.c.item_id)
            .subquery("archived")
        )
        stmt = (
            select(*_ENTRY_COLUMNS, archived.c.last_at, *_latest())
            .join(archived, archived.c.item_id == Item.id)
            .join(Account, Account.id == Item.account_id)
        )
        if f.account_keys:
            stmt = stmt.where(Account.key.in_(f.account_keys))
        if f.reasons:
            stmt = stmt.where(
                select(Decision.id)
                .where(Decision.item_id == Item.id, Decision.action == REMOVE_ACTION,
                       Decision.reason_code.in_(f.reasons))
                .exists()
            )  # fmt: skip
        if f.text.strip():
            clause = _text_matches(dialect, f.text)
            if clause is not None:
                stmt = stmt.where(clause)
        return stmt, archived.c.last_at

    def search(self, f: ArchiveFilter, after: Cursor | None = None, limit: int = 200) -> list[ArchiveEntry]:
        """Newest first, keyset-paged on (latest event, item id); from the archive's index (SQLite,
        no period or administrator filter) the latest event counts to the second."""
        with self._sessions() as session:
            dialect = session.get_bind().dialect.name
            if archive_paging_pg.uses_index(f, dialect):
                _check_length(f.text)
                rows = archive_paging_pg.plain_page(session, f, after, limit)
                if rows is not None:  # the page by plain SQL: no filter but the text, no roles
                    return list(map(ArchiveEntry._make, rows))
                accounts = self._record_accounts(session)
                page = archive_paging_pg.page(_ENTRY_COLUMNS, f, after, limit, accounts)
                return [] if page is None else [ArchiveEntry(*row) for row in session.execute(page)]
            if archive_paging.uses_index(f, dialect):
                _check_length(f.text)
                rows = archive_paging.plain_page(session, f, after, limit)
                if rows is not None:  # the page by plain SQL: no filter but the text, all readable
                    return list(map(ArchiveEntry._make, rows))
            if archive_paging.uses_index(f, dialect) and self._reads_all(session):
                page = archive_paging.page(_ENTRY_COLUMNS, f, after, limit)
                return [] if page is None else [ArchiveEntry(*row) for row in session.execute(page)]
            stmt, last_at = self._statement(f, dialect)
            stmt = self._readable(stmt)
            if after is not None:
                stmt = stmt.where(tuple_(last_at, Item.id) < tuple_(*after))
            stmt = stmt.order_by(last_at.desc(), Item.id.desc()).limit(limit)
            return [ArchiveEntry(*row) for row in session.execute(stmt)]

    def count(self, f: ArchiveFilter, cap: int | None = None) -> int:
        """How many entries `f` finds; with `cap`, counting stops after `cap` + 1 of them (a
        result above `cap` means "more than `cap`")."""
        with self._sessions() as session:
            dialect = session.get_bind().dialect.name
            if archive_paging_pg.uses_index(f, dialect):
                _check_length(f.text)
                return archive_paging_pg.count(session, f, self._record_accounts(session), cap)
            if archive_paging.uses_index(f, dialect) and self._reads_all(session):
                _check_length(f.text)
                return archive_paging.count(session, f, cap)
            stmt, _last_at = self._statement(f, dialect)
            stmt = self._readable(stmt)
            if cap is not None:
                stmt = stmt.limit(cap + 1)
            return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0

    def administrators(self) -> list[str]:
        """Everyone who saved, removed or registered something, for the filter."""
        events = _events()
        with self._sessions() as session:
            return list(session.scalars(select(events.c.who).distinct().order_by(events.c.who)))

    def detail(self, item_id: int) -> ArchiveDetail | None:
        require_records(self._sessions, [item_id], self._actor, what="archive")
        with self._sessions() as session:
            stmt, _last_at = self._statement(ArchiveFilter(), session.get_bind().dialect.name)
            row = session.execute(stmt.where(Item.id == item_id)).first()
            item = session.get(Item, item_id)
            if row is None or item is None:
                return None
            saved = list(
                session.scalars(select(Evidence).where(Evidence.item_id == item_id).order_by(Evidence.id))
            )
            names = display_names(session, {ev.saved_by for ev in saved})  # names, not logins
            copies = [
                SavedCopy(ev.id, ev.saved_at, ev.saved_by, ev.sha256, ev.payload,
                          hashlib.sha256(ev.payload.encode("utf-8")).hexdigest() == ev.sha256,
                          saved_text(ev.payload), names.get(ev.saved_by, ev.saved_by))
                for ev in saved
            ]  # fmt: skip
            newest = max((c.saved_at for c in copies), default=None)
            return ArchiveDetail(
                entry=ArchiveEntry(*row), copies=copies, current_text=item.text,
                current_status=item.status, fetched_at=item.fetched_at, edited_at=item.edited_at,
                current_known=newest is None or item.fetched_at > newest,
                permalink=item.permalink, author_url=item.author_url, raw=item.raw,
                history=archive_history(session, item_id),
            )  # fmt: skip
