"""The administrator register as a team keeps it: who is who (whoami), each person's roles,
deactivation (the login goes, the history stays). Every change is an audit event that seals the
administrator's row; a change the acting person's roles do not allow is refused (roles.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.models import AccountAdministrator, Administrator
from app.models.folding import casefold
from app.services.accounts.accounts import AccountService
from app.services.accounts.roles import (
    Duty,
    Me,
    disable_login,
    hand_over_candidates,
    parse_roles,
    require,
    roles_text,
    set_login_roles,
    who_am_i,
)
from app.services.accounts.team_credentials import remove_copy
from app.services.context import Actor, acting
from app.services.records.audit import log_change


class AdministratorRegister:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    def whoami(self) -> Me:
        with self._sessions() as session:
            return who_am_i(session, self._actor.username)

    def whoami_with_colleagues(self) -> tuple[Me, dict[str, tuple[tuple[str, str], ...]]]:
        """Me, and per account whom I can hand an item over to (the window loads both at once)."""
        with self._sessions() as session:
            me = who_am_i(session, self._actor.username)
            return me, hand_over_candidates(session, me)

    def add(
        self,
        username: str,
        name: str,
        *,
        email: str = "",
        roles: tuple[str, ...] = (),
        password: str | None = None,
    ) -> int:
        """On PostgreSQL also the person's login role (password None: libpq/Kerberos decides)."""
        return AccountService(self._sessions).add_administrator(
            username,
            name,
            email=email,
            roles=parse_roles(roles) or None,
            create_login=True,
            password=password,
        )

    def set_roles(self, username: str, roles: tuple[str, ...]) -> tuple[str, ...]:
        wanted = parse_roles(roles)
        require(
            self._sessions,
            Duty.MANAGE_ADMINISTRATORS,
            self._actor,
            details={"username": username, "roles": list(wanted)},
        )
        with self._sessions.begin() as session:
            admin = _find(session, username)
            before = parse_roles(admin.roles)
            admin.roles = roles_text(wanted)
            session.flush()
            set_login_roles(session, admin.username, wanted)
            log_change(
                session,
                "administrator_roles",
                actor=self._actor,
                details={"username": admin.username, "roles": list(wanted), "before": list(before)},
                seals=[("administrator", admin.id)],
            )
        return wanted

    def deactivate(self, username: str) -> list[str]:
        """Deactivates and unassigns the person; returns the keys of the accounts they left."""
        require(self._sessions, Duty.MANAGE_ADMINISTRATORS, self._actor, details={"username": username})
        from app.models import Account

        with self._sessions.begin() as session:
            admin = _find(session, username)
            links = session.execute(
                select(AccountAdministrator.id, Account.key)
                .join(Account, Account.id == AccountAdministrator.account_id)
                .where(AccountAdministrator.administrator_id == admin.id)
            ).all()
            admin.active = False
            disable_login(session, admin.username)
            for link_id, _ in links:
                link = session.get_one(AccountAdministrator, link_id)
                remove_copy(session, link.account_id, admin.id)
                session.delete(link)
            session.flush()
            seals = [("administrator", admin.id)] + [("account_administrator", i) for i, _ in links]
            log_change(
                session,
                "administrator_deactivated",
                actor=self._actor,
                details={"username": admin.username, "accounts": [k for _, k in links]},
                seals=seals,
            )
        return [k for _, k in links]


def _find(session: Session, username: str) -> Administrator:
    same = casefold(Administrator.username) == casefold(username)
    admin = session.scalar(select(Administrator).where(same))
    if admin is None:
        raise InputError(f"Okänd administratör {username!r} (se granska admins list).")
    return admin
