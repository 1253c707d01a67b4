"""Whether roles are in use in this database (a team database) or not (one workstation's file,
where whoever runs Granska may do everything): one small query, kept apart from roles.py so that
asking costs neither the roles nor the keyring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import exists, select

from app.models import Administrator

if TYPE_CHECKING:
    from app.models.base import AnySelect


def roles_in_use() -> AnySelect:
    """SELECT whether an active administrator has a role (app/services/queue/quick.py runs it
    compiled)."""
    someone = exists().where(
        Administrator.active.is_(True), Administrator.roles.is_not(None), Administrator.roles != ""
    )
    return select(someone)
