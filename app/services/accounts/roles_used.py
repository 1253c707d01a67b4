"""Whether roles are in use in this database (a team database) or not (one workstation's file,
where whoever runs Granska may do everything), and who the acting login is there: small queries,
kept apart from roles.py so that asking costs neither the roles nor the keyring (and quick.py
runs them compiled)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, exists, select

from app.models import Account, AccountAdministrator, Administrator
from app.models.folding import casefold

if TYPE_CHECKING:
    from app.models.base import AnySelect


def roles_in_use() -> AnySelect:
    """SELECT whether an active administrator has a role (app/services/queue/quick.py runs it
    compiled)."""
    someone = exists().where(
        Administrator.active.is_(True), Administrator.roles.is_not(None), Administrator.roles != ""
    )
    return select(someone)


def administrator_by_login(username: str) -> AnySelect:
    """The active administrator (id, name, roles) with this login, in any letter case."""
    return select(Administrator.id, Administrator.name, Administrator.roles).where(
        casefold(Administrator.username) == casefold(username), Administrator.active.is_(True)
    )


def administered_accounts(administrator_id: int) -> AnySelect:
    """(id, key) of the accounts assigned to the administrator, by key."""
    link = and_(
        AccountAdministrator.account_id == Account.id,
        AccountAdministrator.administrator_id == administrator_id,
    )
    return select(Account.id, Account.key).join(AccountAdministrator, link).order_by(Account.key)
