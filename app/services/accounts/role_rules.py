"""The guideline's roles as rules, without the database: which role may do which duty, and the
acting person as plain data (`Me`). Kept free of SQLAlchemy so the quick queue read
(app/services/queue/quick.py) applies the same rules as roles.py, which re-exports all of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.core.errors import InputError
from app.core.messages import say, translate

ADMINISTRATOR = "administrator"
REGISTRATOR = "registrator"
KOMMUNIKATIONSCHEF = "kommunikationschef"
FORVALTNINGSCHEF = "forvaltningschef"
OWNER = "owner"
ROLES = (ADMINISTRATOR, REGISTRATOR, KOMMUNIKATIONSCHEF, FORVALTNINGSCHEF)
ROLE_LABELS: dict[str, str] = {
    ADMINISTRATOR: translate("Core", "administratör"),
    REGISTRATOR: translate("Core", "registrator"),
    KOMMUNIKATIONSCHEF: translate("Core", "kommunikationschef"),
    FORVALTNINGSCHEF: translate("Core", "förvaltningschef"),
    OWNER: translate("Core", "databasens ägare"),
}
_ALIASES = {label: role for role, label in ROLE_LABELS.items() if role != OWNER}


class Duty(StrEnum):
    DECIDE = "decide"  # act on an item of one account
    DIARIENUMMER = "diarienummer"
    EXPORT = "export"
    MANAGE_ADMINISTRATORS = "manage_administrators"  # add, deactivate, roles
    ASSIGN = "assign"  # who administers which account
    ADD_ACCOUNT = "add_account"
    SCREENSHOTS = "screenshots"  # take, file, send the yearly picture of an account
    READ_STATISTICS = "read_statistics"
    EDIT_REGISTER = "edit_register"  # the channel register's texts and account details
    SETTINGS = "settings"  # the database's shared settings (mail, rule lists, notices, gallring)
    READ = "read"  # items, their records and evidence of an account
    STATISTICS = "read_statistics"  # the same duty (an alias the statistics code uses)


# Roles that may do a duty on any account; DECIDE and DIARIENUMMER are also the assigned
# administrator's on their own accounts.
ANY_ACCOUNT = {
    Duty.DECIDE: frozenset(),
    Duty.DIARIENUMMER: frozenset({REGISTRATOR}),
    Duty.EXPORT: frozenset({REGISTRATOR}),
    Duty.MANAGE_ADMINISTRATORS: frozenset({FORVALTNINGSCHEF, OWNER}),
    Duty.ASSIGN: frozenset({FORVALTNINGSCHEF}),
    Duty.ADD_ACCOUNT: frozenset({FORVALTNINGSCHEF, OWNER}),
    Duty.SCREENSHOTS: frozenset({KOMMUNIKATIONSCHEF}),
    Duty.READ_STATISTICS: frozenset({FORVALTNINGSCHEF, KOMMUNIKATIONSCHEF}),
    Duty.EDIT_REGISTER: frozenset({FORVALTNINGSCHEF}),
    Duty.SETTINGS: frozenset({FORVALTNINGSCHEF, KOMMUNIKATIONSCHEF}),
    # The registrator reads what was removed or registered (READ_RECORDS below), not the queue.
    Duty.READ: frozenset({KOMMUNIKATIONSCHEF}),
}
OWN_ACCOUNTS = frozenset({Duty.DECIDE, Duty.DIARIENUMMER, Duty.SCREENSHOTS, Duty.READ})
# Who reads the removed and registered items and their evidence on every account.
READ_RECORDS = frozenset({REGISTRATOR, KOMMUNIKATIONSCHEF})
# The statistics view's check: `require(sessions, READ_STATISTICS, actor)` (Forbidden otherwise).
READ_STATISTICS = Duty.READ_STATISTICS


def parse_roles(values: Any) -> tuple[str, ...]:
    """Roles as stored or typed ("förvaltningschef" and "forvaltningschef" alike), sorted."""
    if values is None:
        return ()
    items = values.split(",") if isinstance(values, str) else list(values)
    roles: set[str] = set()
    for raw in items:
        name = str(raw).strip().casefold()
        if not name:
            continue
        role = _ALIASES.get(name, name)
        if role not in ROLES:
            known = ", ".join(ROLES)
            raise InputError(say(translate("Core", "Okänd roll %1: välj bland %2."), repr(raw), known))
        roles.add(role)
    return tuple(sorted(roles))


def roles_text(roles: tuple[str, ...]) -> str:
    return ",".join(roles)


@dataclass(frozen=True)
class Me:
    """The acting person as the database knows them; plain data for the window and whoami."""

    username: str
    name: str
    administrator_id: int | None
    roles: tuple[str, ...]
    accounts: tuple[tuple[int, str], ...]  # (id, key) of the accounts I act on
    enforced: bool  # roles are in use in this database
    backend: str

    @property
    def account_ids(self) -> frozenset[int]:
        return frozenset(i for i, _ in self.accounts)

    def may(self, duty: Duty, account_id: int | None = None) -> bool:
        if not self.enforced:
            return True
        if set(self.roles) & ANY_ACCOUNT[duty]:
            return True
        return (
            duty in OWN_ACCOUNTS
            and ADMINISTRATOR in self.roles
            and account_id is not None
            and account_id in self.account_ids
        )

    def may_read_records(self, account_id: int) -> bool:
        """The removed and registered items of an account and their evidence."""
        return self.may(Duty.READ, account_id) or bool(set(self.roles) & READ_RECORDS)

    @property
    def reads_other_accounts(self) -> bool:
        """May look at the open queues of accounts that are not mine (the window's "Visa andra
        konton"). The registrator reads only what was removed or registered: the Arkiv."""
        return self.enforced and bool(set(self.roles) & ANY_ACCOUNT[Duty.READ])

    def record_accounts(self) -> frozenset[int] | None:
        """The accounts whose records I read; None: every account."""
        if not self.enforced or set(self.roles) & READ_RECORDS:
            return None
        return self.account_ids if ADMINISTRATOR in self.roles else frozenset()

    def as_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "name": self.name,
            "roles": list(self.roles),
            "accounts": [key for _, key in self.accounts],
            "roles_in_use": self.enforced,
            "database": self.backend,
        }


def queue_accounts(me: Me, asked: Sequence[str], every: bool) -> tuple[tuple[str, ...], list[str]]:
    """The accounts `granska queue` lists for `me` (mine by default where roles are in use, as in
    the window) and the asked ones `me` may not read ("*": every account), which refuse it."""
    asked = tuple(asked)
    if not me.enforced:
        return asked, []
    mine = tuple(key for _id, key in me.accounts)
    others = [key for key in asked if key not in mine] if asked else ([] if not every else ["*"])
    if others and not me.reads_other_accounts:
        return (), others
    if asked:
        return asked, []
    return (() if every else (mine or ("\x00",))), []
