"""One decision on one item, in one transaction: lock, look, decide, record, audit.

Every action (remove, register, keep, answer, ...) runs inside `decision_scope`. It first locks
the audit chain's head row, so two administrators deciding the same item at the same moment
are put one after the other on SQLite and PostgreSQL alike; the second then reads the item as
the first left it and is told "Redan avgjord av ...". Nothing of a refused decision is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, exists, select, true
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.core.states import Action
from app.models import AccountAdministrator, Administrator, Decision, Item, ItemStatus, Recusal, Setting
from app.models.db import session_user
from app.models.folding import casefold
from app.services.accounts.identity import AdminInfo, local_time, unregistered_name
from app.services.accounts.roles import Duty, Me, parse_roles, refuse
from app.services.context import Actor, same_person
from app.services.moderation.writer import Query, Writer
from app.services.records.audit import AuditWriter
from app.services.records.evidence import (
    SNAPSHOT_WIDTH,
    ItemSnapshot,
    save_evidence,
    snapshot_columns,
    snapshot_from,
)

# Statuses waiting for a decision (handed_over: waiting for someone without a conflict).
# A registered item is documented, not moderated: anyone may still keep, answer or remove it.
# A forwarded question waits for an answer: anyone may answer or close it.
UNDECIDED = frozenset(
    {ItemStatus.NEW, ItemStatus.FLAGGED, ItemStatus.HANDED_OVER, ItemStatus.REGISTERED, ItemStatus.FORWARDED}
)
# Settled, but the one who settled them may change their mind (kept -> removed, say).
REVISABLE = frozenset({ItemStatus.KEPT, ItemStatus.ANSWERED})

ACTION_PAST: dict[str, str] = {
    Action.REMOVE: translate("Core", "borttagen"),
    Action.KEEP: translate("Core", "godkänd"),
    Action.ANSWER: translate("Core", "besvarad"),
    Action.FORWARD: translate("Core", "vidarebefordrad"),
    Action.HAND_OVER: translate("Core", "överlämnad"),
    Action.REGISTER: translate("Core", "diarieförd"),
    Action.NOTIFY: translate("Core", "meddelad"),
}
STATUS_TEXT: dict[str, str] = {
    ItemStatus.PENDING_PLATFORM: translate("Core", "väntar på plattformen"),
    ItemStatus.REMOVE_BY_HAND: translate("Core", "ska tas bort för hand"),
    ItemStatus.ANSWER_PENDING: translate("Core", "besvarad, men svaret är inte publicerat än"),
    ItemStatus.REMOVED: translate("Core", "borttagen"),
    ItemStatus.WEEDED: translate("Core", "gallrad"),
    ItemStatus.DELETED_BY_AUTHOR: translate("Core", "raderad av skribenten"),
    ItemStatus.CONTEXT: translate("Core", "kommunens eget inlägg (sammanhang, inget att besluta om)"),
}


# Settings key: {"<reason code>": "notice text"}, the municipality's own public notices. Read
# in the decision's one SELECT, as removals need it.
NOTICE_TEMPLATES_KEY = "notice_templates"

_items = Item.__table__
_admins = Administrator.__table__
_recusals = Recusal.__table__
_settings = Setting.__table__
_decisions = Decision.__table__
_links = AccountAdministrator.__table__
_roles_set = Administrator.__table__.alias("roles_set")

# Logins compare without regard to letter case (ANNA is anna), recusals included.
_login = casefold(bindparam("username"))

# The one read of a decision: the item with its thread and account (for the evidence copy),
# the actor as an administrator, a conflict of interest, and the notice templates.
_STATE = Query(
    select(
        *snapshot_columns(),
        _admins.c.id,
        _admins.c.name,
        _admins.c.email,
        _admins.c.manager_email,
        _admins.c.roles,
        exists()
        .where(_links.c.account_id == _items.c.account_id, _links.c.administrator_id == _admins.c.id)
        .label("assigned"),
        exists()
        .where(_roles_set.c.active == true(), _roles_set.c.roles.is_not(None), _roles_set.c.roles != "")
        .label("roles_in_use"),
        select(_recusals.c.handed_to)
        .where(_recusals.c.item_id == _items.c.id, casefold(_recusals.c.username) == _login)
        .limit(1)
        .scalar_subquery()
        .label("recused_to"),
        select(_settings.c.value)
        .where(_settings.c.key == NOTICE_TEMPLATES_KEY)
        .scalar_subquery()
        .label("notice_templates"),
    )
    .select_from(
        snapshot_from().outerjoin(
            _admins, and_(casefold(_admins.c.username) == _login, _admins.c.active == true())
        )
    )
    .where(_items.c.id == bindparam("item_id"))
)


@dataclass(frozen=True)
class ItemState:
    id: int
    account_id: int
    account_key: str
    platform: str
    status: str
    external_id: str
    parent_external_id: str | None
    post_external_id: str | None
    permalink: str | None
    author_name: str
    text: str
    assigned_to_id: int | None
    snapshot: ItemSnapshot
    recused_to: str | None = None
    notice_templates: dict[str, Any] | None = None
    # The actor on this item's account: their roles, whether they are assigned to the account,
    # and whether roles are in use in this database at all (see roles.py).
    actor_roles: str | None = None
    assigned: bool = False
    roles_in_use: bool = False


@dataclass(frozen=True)
class LastDecision:
    action: str
    decided_by: str
    name: str
    decided_at: datetime


def _load(writer: Writer, item_id: int, username: str) -> tuple[ItemState, AdminInfo]:
    row = writer.first(_STATE, {"item_id": item_id, "username": username})
    if row is None:
        raise InputError(
            say(translate("Core", "Det finns ingen post med id %1 (se granska queue --json)."), item_id)
        )
    snap = ItemSnapshot.from_row(row)
    item = snap.item
    admin_id, admin_name, admin_email, manager_email, roles, assigned, in_use, recused_to, templates = row[
        SNAPSHOT_WIDTH:
    ]
    state = ItemState(
        id=item["id"], account_id=snap.account_id, account_key=snap.account["key"],
        platform=snap.account["platform"], status=item["status"], external_id=item["external_id"],
        parent_external_id=item["parent_external_id"], post_external_id=item["post_external_id"],
        permalink=item["permalink"], author_name=item["author"]["name"], text=item["text"],
        assigned_to_id=snap.assigned_to_id, snapshot=snap, recused_to=recused_to,
        notice_templates=templates if isinstance(templates, dict) else None,
        actor_roles=roles, assigned=bool(assigned), roles_in_use=bool(in_use),
    )  # fmt: skip
    if admin_id is None:
        return state, AdminInfo(None, username, username)
    return state, AdminInfo(admin_id, username, admin_name, admin_email, manager_email)


def last_decision(session: Session, item_id: int) -> LastDecision | None:
    row = session.execute(
        select(Decision.action, Decision.decided_by, Administrator.name, Decision.decided_at)
        .outerjoin(Administrator, Administrator.id == Decision.administrator_id)
        .where(Decision.item_id == item_id)
        .order_by(Decision.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return LastDecision(row[0], row[1], row[2] or unregistered_name(row[1]), row[3])


class DecisionScope:
    """What an action may do inside its transaction. Build with `decision_scope`."""

    def __init__(self, session: Session, actor: Actor, item_id: int, audit: AuditWriter) -> None:
        self.session = session
        self.con = session.connection()
        self.writer = Writer(self.con)
        # On PostgreSQL the login role of this very connection, whatever the actor claims.
        self.username = session_user(self.con.engine) or actor.username
        self.now = actor.now()
        self.state, self.admin = _load(self.writer, item_id, self.username)
        self._audit = audit
        self.status = self.state.status

    # --- checks -------------------------------------------------------------------------
    def me(self) -> Me:
        state = self.state
        mine = ((state.account_id, state.account_key),) if state.assigned else ()
        return Me(
            self.username,
            self.admin.name,
            self.admin.id,
            parse_roles(state.actor_roles),
            mine,
            state.roles_in_use,
            self.con.dialect.name,
        )

    def require(self, duty: Duty) -> None:
        me = self.me()
        if not me.may(duty, self.state.account_id):
            raise _Refused(me, duty)

    def refuse_on_conflict_of_interest(self) -> None:
        if self.state.recused_to is not None:
            raise InputError(
                say(
                    translate(
                        "Core",
                        "Du har lämnat över post %1 till %2 på grund av jäv och kan inte besluta om den.",
                    ),
                    self.state.id,
                    self.state.recused_to,
                )
            )

    def require_undecided(self) -> None:
        """The item waits for a decision, or its last decision is the actor's own."""
        self.refuse_on_conflict_of_interest()
        status = self.state.status
        if status in UNDECIDED:
            return
        last = last_decision(self.session, self.state.id)
        if status in REVISABLE and last is not None and same_person(last.decided_by, self.username):
            return
        if last is not None:
            what = ACTION_PAST.get(last.action, last.action)
            when = local_time(last.decided_at)
            raise InputError(say(translate("Core", "Redan avgjord av %1 %2 (%3)."), last.name, when, what))
        raise InputError(
            say(
                translate("Core", "Post %1 kan inte beslutas nu: den är %2."),
                self.state.id,
                STATUS_TEXT.get(status, status),
            )
        )

    def require_not_weeded(self) -> None:
        if self.state.status == ItemStatus.WEEDED:
            raise InputError(
                say(translate("Core", "Post %1 är gallrad; inget finns kvar att besluta om."), self.state.id)
            )

    # --- writes -------------------------------------------------------------------------
    def save_evidence(self) -> tuple[int, str]:
        """Step 1: the evidence copy of the item as read at the start of this transaction."""
        return save_evidence(self.con, self.writer, self.state.snapshot, self.now, self.username)

    def record_decision(
        self,
        action: Action,
        *,
        reason: str | None = None,
        motivation: str = "",
        mode: str | None = None,
        details: dict[str, Any] | None = None,
        evidence_id: int | None = None,
    ) -> int:
        values = {
            "item_id": self.state.id,
            "action": action,
            "reason_code": reason,
            "motivation": motivation,
            "mode": mode,
            "decided_by": self.username,
            "administrator_id": self.admin.id,
            "decided_at": self.now,
            "details": details,
            "evidence_id": evidence_id,
        }
        return self.writer.insert(_decisions, values)

    def set_status(self, status: str, **values: Any) -> None:
        self.status = str(status)
        self.writer.update_by_id(_items, self.state.id, {"status": self.status, **values}, bump_version=True)

    def audit(self, action: str, details: dict[str, Any] | None = None) -> None:
        self._audit.add(
            self.username,
            self.now,
            action,
            item_id=self.state.id,
            account_id=self.state.account_id,
            details=details,
        )


class _Refused(Exception):
    def __init__(self, me: Me, duty: Duty) -> None:
        self.me, self.duty = me, duty


@contextmanager
def decision_scope(
    sessions: sessionmaker[Session], item_id: int, actor: Actor, duty: Duty = Duty.DECIDE
) -> Iterator[DecisionScope]:
    """One transaction: commits when the block ends, rolls back on any error. An actor whose
    roles do not allow `duty` on the item's account is refused before anything is written."""
    try:
        with sessions.begin() as session:
            audit = AuditWriter(session)  # the lock: must be the transaction's first statement
            scope = DecisionScope(session, actor, item_id, audit)
            scope.require(duty)
            yield scope
            audit.flush()
    except _Refused as refused:
        state = scope.state
        refuse(
            sessions,
            refused.me,
            actor,
            refused.duty,
            item_id=state.id,
            account_id=state.account_id,
            account_key=state.account_key,
        )


@contextmanager
def decision_batch(
    sessions: sessionmaker[Session], duty: Duty = Duty.DECIDE
) -> Iterator[Callable[[int, Actor], DecisionScope]]:
    """Many decisions in one transaction (the demo's decided share): `scope(item_id, actor)` is
    the same DecisionScope `decision_scope` gives, checked the same way; one audit writer for
    all of them, one commit at the end, nothing written when any of them fails."""
    current: list[tuple[DecisionScope, Actor]] = []
    try:
        with sessions.begin() as session:
            audit = AuditWriter(session)  # the lock: must be the transaction's first statement

            def scope(item_id: int, actor: Actor) -> DecisionScope:
                one = DecisionScope(session, actor, item_id, audit)
                current[:] = [(one, actor)]
                one.require(duty)
                return one

            yield scope
            audit.flush()
    except _Refused as refused:
        state, actor = current[0][0].state, current[0][1]
        refuse(
            sessions,
            refused.me,
            actor,
            refused.duty,
            item_id=state.id,
            account_id=state.account_id,
            account_key=state.account_key,
        )
