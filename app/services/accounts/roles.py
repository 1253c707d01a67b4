"""Who I am in this database and what my roles let me do (the guideline's roles).

| role               | may                                                                  |
|--------------------|----------------------------------------------------------------------|
| administrator      | everything on the items of the accounts assigned to them             |
| registrator        | set diarienummer, export; decides nothing                            |
| kommunikationschef | read all accounts, the link list, screenshots, statistics            |
| forvaltningschef   | assign and unassign administrators, add/deactivate them, their roles |
| owner              | (PostgreSQL: the database's owner) the first förvaltningschef        |

A database where no active administrator has a role is the single-user workstation Granska was
before roles existed: whoever opens it may do everything, as before. Roles take effect the
moment the first person is given one (`granska admins role` or `admins add --role`), so a
municipality opts in by naming its förvaltningschef; nothing changes for the one user who never
does. A refused action changes nothing but the audit log, where the refusal is written.
"""

from __future__ import annotations

from typing import Any, NoReturn

from sqlalchemy import exists, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import Forbidden, InputError
from app.core.messages import joined, say, translate
from app.models import Account, AccountAdministrator, Administrator, Item
from app.services.accounts.role_rules import (
    ADMINISTRATOR,
    ANY_ACCOUNT,
    FORVALTNINGSCHEF,
    KOMMUNIKATIONSCHEF,
    OWN_ACCOUNTS,
    OWNER,
    READ_RECORDS,
    READ_STATISTICS,
    REGISTRATOR,
    ROLE_LABELS,
    ROLES,
    Duty,
    Me,
    parse_roles,
    queue_accounts,
    roles_text,
)
from app.services.accounts.roles_used import administered_accounts, administrator_by_login
from app.services.context import Actor, acting
from app.services.records.audit import AuditWriter

# The roles' vocabulary lives in role_rules.py (no SQLAlchemy there) and is re-exported here.
__all__ = [
    "ADMINISTRATOR",
    "ANY_ACCOUNT",
    "DUTY_TEXT",
    "FORVALTNINGSCHEF",
    "KOMMUNIKATIONSCHEF",
    "OWNER",
    "OWN_ACCOUNTS",
    "READ_RECORDS",
    "READ_STATISTICS",
    "REGISTRATOR",
    "ROLES",
    "ROLE_LABELS",
    "Duty",
    "Me",
    "create_login_role",
    "disable_login",
    "hand_over_candidates",
    "is_database_owner",
    "me_now",
    "parse_roles",
    "queue_accounts",
    "refusal_message",
    "refuse",
    "require",
    "require_hand_over_target",
    "require_records",
    "roles_in_use",
    "roles_text",
    "scram_verifier",
    "set_login_roles",
    "who_am_i",
    "write_refusal",
]

DUTY_TEXT: dict[str, str] = {
    Duty.DECIDE: translate("Core", "besluta om poster på kontot"),
    Duty.DIARIENUMMER: translate("Core", "sätta diarienummer på poster på kontot"),
    Duty.EXPORT: translate("Core", "exportera diarieförda poster"),
    Duty.MANAGE_ADMINISTRATORS: translate("Core", "lägga till, ändra eller avaktivera administratörer"),
    Duty.ASSIGN: translate("Core", "ändra vem som administrerar ett konto"),
    Duty.ADD_ACCOUNT: translate("Core", "lägga till konton i kontoregistret"),
    Duty.SCREENSHOTS: translate("Core", "ta, arkivera eller skicka skärmdumpar av kontot"),
    Duty.READ_STATISTICS: translate("Core", "läsa statistiken"),
    Duty.EDIT_REGISTER: translate("Core", "ändra kontoregistrets texter och konton"),
    Duty.SETTINGS: translate("Core", "ändra Granskas gemensamma inställningar"),
    Duty.READ: translate("Core", "läsa poster och bevis på kontot"),
}


def roles_in_use(session: Session) -> bool:
    someone = exists().where(
        Administrator.active.is_(True), Administrator.roles.is_not(None), Administrator.roles != ""
    )
    return bool(session.scalar(select(someone)))


def is_database_owner(session: Session) -> bool:
    """On PostgreSQL: the login owns the database (or is a superuser). SQLite has no owner."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    sql = (
        "SELECT r.rolsuper OR d.datdba = r.oid FROM pg_roles r, pg_database d "
        "WHERE r.rolname = session_user AND d.datname = current_database()"
    )
    return bool(session.connection().exec_driver_sql(sql).scalar())


def who_am_i(session: Session, username: str) -> Me:
    admin = session.execute(administrator_by_login(username)).first()
    enforced = roles_in_use(session)
    roles = set(parse_roles(admin.roles) if admin is not None else ())
    if is_database_owner(session):
        roles.add(OWNER)
    if not enforced:
        mine = select(Account.id, Account.key).order_by(Account.key)
    elif admin is None:
        mine = select(Account.id, Account.key).where(False)  # type: ignore[arg-type]
    else:
        mine = administered_accounts(admin.id)
    accounts = tuple((i, k) for i, k in session.execute(mine))
    name = admin.name if admin is not None else username
    return Me(
        username,
        name,
        admin.id if admin is not None else None,
        tuple(sorted(roles)),
        accounts,
        enforced,
        session.get_bind().dialect.name,
    )


def create_login_role(session: Session, username: str, password: str | None, roles: tuple[str, ...]) -> None:
    """PostgreSQL: the person's login role, member of the team and of their roles' groups
    (granska_create_login checks again that the caller may; see team_privileges.py)."""
    verifier = scram_verifier(session, username, password) if password is not None else None
    session.execute(
        text("SELECT granska_create_login(:u, :p, :r)"), {"u": username, "p": verifier, "r": list(roles)}
    )


def scram_verifier(session: Session, username: str, password: str) -> str:
    """The password as PostgreSQL stores it (SCRAM-SHA-256, RFC 7677), computed here by libpq
    (PQencryptPasswordConn): the server, and a statement log, only ever see the verifier."""
    dbapi = session.connection().connection.dbapi_connection
    pgconn = getattr(dbapi, "pgconn", None)
    if pgconn is None:
        raise InputError(translate("Core", "Lösenord kan bara sättas på en teamdatabas (PostgreSQL)."))
    verifier: bytes = pgconn.encrypt_password(password.encode(), username.encode(), b"scram-sha-256")
    return verifier.decode()


def set_login_roles(session: Session, username: str, roles: tuple[str, ...]) -> None:
    if session.get_bind().dialect.name == "postgresql" and _has_login(session, username):
        session.execute(text("SELECT granska_set_login_roles(:u, :r)"), {"u": username, "r": list(roles)})


def disable_login(session: Session, username: str) -> None:
    if session.get_bind().dialect.name == "postgresql" and _has_login(session, username):
        session.execute(text("SELECT granska_disable_login(:u)"), {"u": username})


def _has_login(session: Session, username: str) -> bool:
    sql = "SELECT pg_has_role(:u, 'granska_team', 'MEMBER') FROM pg_roles WHERE rolname = :u"
    return bool(session.execute(text(sql), {"u": username}).scalar())


def refusal_message(me: Me, duty: Duty, account_key: str | None = None) -> str:
    what = say("%1 %2", DUTY_TEXT[duty], account_key) if account_key else DUTY_TEXT[duty]
    if me.administrator_id is None:
        return say(
            translate("Core", "Du (%1) finns inte i administratörsregistret och får inte %2."),
            me.username,
            what,
        )
    roles = joined([ROLE_LABELS[r] for r in me.roles]) if me.roles else translate("Core", "ingen roll")
    return say(translate("Core", "Du (%1, %2) får inte %3."), me.username, roles, what)


def write_refusal(
    sessions: sessionmaker[Session],
    actor: Actor,
    duty: Duty,
    *,
    item_id: int | None = None,
    account_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """The refused attempt, in its own transaction after the refused one was rolled back."""
    actor = acting(sessions, actor)
    with sessions.begin() as session:
        writer = AuditWriter(session)
        writer.add(
            actor.username,
            actor.now(),
            "refused",
            item_id=item_id,
            account_id=account_id,
            details={"duty": str(duty), **(details or {})},
        )
        writer.flush()


def require(
    sessions: sessionmaker[Session],
    duty: Duty,
    actor: Actor | None = None,
    *,
    account_key: str | None = None,
    details: dict[str, Any] | None = None,
) -> Me:
    """Me, when my roles allow `duty` (on `account_key`); otherwise the refusal is written to
    the audit log and Forbidden raised."""
    who = acting(sessions, actor)
    with sessions() as session:
        me = who_am_i(session, who.username)
        account_id = None
        if account_key is not None:
            account_id = session.scalar(select(Account.id).where(Account.key == account_key))
    if me.may(duty, account_id):
        return me
    refuse(sessions, me, who, duty, account_id=account_id, account_key=account_key, details=details)


def refuse(
    sessions: sessionmaker[Session],
    me: Me,
    actor: Actor,
    duty: Duty,
    *,
    item_id: int | None = None,
    account_id: int | None = None,
    account_key: str | None = None,
    details: dict[str, Any] | None = None,
) -> NoReturn:
    write_refusal(sessions, actor, duty, item_id=item_id, account_id=account_id, details=details)
    raise Forbidden(refusal_message(me, duty, account_key))


def me_now(sessions: sessionmaker[Session], actor: Actor | None = None) -> tuple[Me, Actor]:
    who = acting(sessions, actor)
    with sessions() as session:
        return who_am_i(session, who.username), who


def require_records(
    sessions: sessionmaker[Session], item_ids: list[int], actor: Actor | None = None, *, what: str = ""
) -> Me:
    """Me, when I may read the records and evidence of every item in `item_ids` (the registrator
    and the kommunikationschef: all accounts; an administrator: their own); otherwise the
    refusal is written to the audit log and Forbidden raised."""
    me, who = me_now(sessions, actor)
    if me.record_accounts() is None:
        return me
    with sessions() as session:
        rows = session.execute(
            select(Item.id, Item.account_id, Account.key)
            .join(Account, Account.id == Item.account_id)
            .where(Item.id.in_(item_ids))
            .order_by(Item.id)
        ).all()
    for item_id, account_id, key in rows:
        if not me.may_read_records(account_id):
            details = {"what": what} if what else None
            write_refusal(sessions, who, Duty.READ, item_id=item_id, account_id=account_id, details=details)
            raise Forbidden(refusal_message(me, Duty.READ, key))
    return me


def require_hand_over_target(session: Session, account_id: int, target_id: int | None, target: str) -> None:
    """When roles are in use, an item is handed over only to another administrator of its account."""
    if not roles_in_use(session):
        return
    assigned = exists().where(
        AccountAdministrator.account_id == account_id, AccountAdministrator.administrator_id == target_id
    )
    if not session.scalar(select(assigned)):
        key = session.scalar(select(Account.key).where(Account.id == account_id))
        raise InputError(
            say(
                translate("Core", "%1 administrerar inte kontot %2 och kan inte ta över posten."), target, key
            )
        )


def hand_over_candidates(session: Session, me: Me) -> dict[str, tuple[tuple[str, str], ...]]:
    """Per account key, the (username, name) of the colleagues an item can be handed to: the
    account's other active administrators (with no roles in use: every other active person)."""
    people = select(Administrator.id, Administrator.username, Administrator.name).where(
        Administrator.active.is_(True)
    )
    everyone = [(u, n) for _, u, n in session.execute(people.order_by(Administrator.name))]
    links = session.execute(
        select(Account.key, Administrator.username, Administrator.name)
        .join(AccountAdministrator, AccountAdministrator.account_id == Account.id)
        .join(Administrator, Administrator.id == AccountAdministrator.administrator_id)
        .where(Administrator.active.is_(True))
        .order_by(Administrator.name)
    ).all()
    result: dict[str, list[tuple[str, str]]] = {k: [] for k in session.scalars(select(Account.key))}
    for key, username, name in links:
        result[key].append((username, name))
    mine = me.username.casefold()
    return {
        key: tuple((u, n) for u, n in (found if me.enforced else everyone) if u.casefold() != mine)
        for key, found in result.items()
    }
