"""The account register: adding and listing channels and their administrators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.models import Account, AccountAdministrator, Administrator
from app.models.folding import casefold
from app.services.accounts.platforms import PLATFORMS
from app.services.accounts.roles import Duty, create_login_role, require, roles_text
from app.services.records.audit import log_change

API_VERSION = re.compile(r"^[A-Za-z0-9._-]{1,32}$")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MIN_ADMINISTRATORS = 2  # "Minst två personer bör kunna administrera varje konto."


@dataclass(frozen=True)
class AccountInfo:
    id: int
    key: str
    platform: str
    name: str
    page_url: str | None
    external_id: str | None
    api_base_url: str | None
    purpose: str
    content: str
    tone: str
    monitoring: str
    response_time: str
    active: bool
    last_sync_at: datetime | None
    administrator_count: int
    oauth_client_id: str | None = None
    oauth_auth_url: str | None = None
    oauth_token_url: str | None = None
    api_version: str | None = None

    @property
    def too_few_administrators(self) -> bool:
        return self.administrator_count < MIN_ADMINISTRATORS

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "key": self.key,
            "platform": self.platform,
            "name": self.name,
            "page_url": self.page_url,
            "external_id": self.external_id,
            "api_base_url": self.api_base_url,
            "active": self.active,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "administrators": self.administrator_count,
            "client_id": self.oauth_client_id,
            "auth_url": self.oauth_auth_url,
            "token_url": self.oauth_token_url,
            "api_version": self.api_version,
        }


def _check_url(value: str | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(
            say(translate("Core", "%1 måste vara en http- eller https-adress: '%2'"), what, value)
        )
    return value


@dataclass(frozen=True)
class SignInSettings:
    """What `accounts add|edit --client-id --auth-url --token-url --api-version` set; None: leave
    as it is, "": back to the platform's default."""

    client_id: str | None = None
    auth_url: str | None = None
    token_url: str | None = None
    api_version: str | None = None

    def columns(self) -> dict[str, str | None]:
        if self.api_version and not API_VERSION.match(self.api_version):
            raise InputError(
                say(
                    translate("Core", "Ogiltig API-version '%1' (t.ex. v21.0, v3, 2 eller 202505)."),
                    self.api_version,
                )
            )
        given = {
            "oauth_client_id": self.client_id.strip() if self.client_id is not None else None,
            "oauth_auth_url": _check_url(self.auth_url, translate("Core", "Inloggningsadressen"))
            if self.auth_url
            else self.auth_url,
            "oauth_token_url": _check_url(self.token_url, translate("Core", "Tokenadressen"))
            if self.token_url
            else self.token_url,
            "api_version": self.api_version,
        }
        return {k: (v or None) for k, v in given.items() if v is not None}


def _info(account: Account, admin_count: int) -> AccountInfo:
    return AccountInfo(
        id=account.id,
        key=account.key,
        platform=account.platform,
        name=account.name,
        page_url=account.page_url,
        external_id=account.external_id,
        api_base_url=account.api_base_url,
        purpose=account.purpose,
        content=account.content,
        tone=account.tone,
        monitoring=account.monitoring,
        response_time=account.response_time,
        active=account.active,
        last_sync_at=account.last_sync_at,
        administrator_count=admin_count,
        oauth_client_id=account.oauth_client_id,
        oauth_auth_url=account.oauth_auth_url,
        oauth_token_url=account.oauth_token_url,
        api_version=account.api_version,
    )


class AccountService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_account(
        self,
        key: str,
        platform: str,
        name: str,
        *,
        page_url: str | None = None,
        external_id: str | None = None,
        api_base_url: str | None = None,
        active: bool = True,
        sign_in: SignInSettings | None = None,
    ) -> AccountInfo:
        if not KEY_PATTERN.match(key):
            raise InputError(
                say(
                    translate(
                        "Core",
                        "Ogiltig kontonyckel '%1': använd små bokstäver a–z, siffror, - och _ "
                        "(högst 64 tecken, börjar med bokstav eller siffra).",
                    ),
                    key,
                )
            )
        info = PLATFORMS.get(platform)
        if info is None:
            known = ", ".join(PLATFORMS)
            raise InputError(say(translate("Core", "Okänd plattform '%1'; välj en av: %2."), platform, known))
        if not name.strip():
            raise InputError(translate("Core", "Kontot måste ha ett namn."))
        require(self._sessions, Duty.ADD_ACCOUNT, details={"account": key})
        defaults = info.channel_defaults
        account = Account(
            key=key,
            platform=platform,
            name=name.strip(),
            page_url=_check_url(page_url, translate("Core", "Sidans adress")),
            external_id=external_id or None,
            api_base_url=_check_url(api_base_url, translate("Core", "API-adressen")),
            **(sign_in or SignInSettings()).columns(),
            purpose=defaults.get("purpose", ""),
            content=defaults.get("content", ""),
            tone=defaults.get("tone", ""),
            active=active,
        )
        try:
            with self._sessions.begin() as session:
                session.add(account)
                session.flush()
                log_change(
                    session,
                    "account_added",
                    account_id=account.id,
                    details={"key": key},
                    seals=[("account", account.id)],
                )
        except IntegrityError:
            raise InputError(
                say(translate("Core", "Det finns redan ett konto med nyckeln '%1'."), key)
            ) from None
        return _info(account, 0)

    def set_sign_in(self, key: str, settings: SignInSettings) -> AccountInfo:
        """The client id, endpoints and API version given (an empty text: the platform's default)."""
        require(self._sessions, Duty.ADD_ACCOUNT, details={"account": key})
        with self._sessions.begin() as session:
            account = session.scalar(select(Account).where(Account.key == key))
            if account is None:
                raise InputError(say(translate("Core", "Okänt konto '%1'."), key))
            changed = settings.columns()
            for column, value in changed.items():
                setattr(account, column, value)
            log_change(
                session, "account_sign_in_changed", account_id=account.id,
                details={"key": key, "fields": sorted(changed)}, seals=[("account", account.id)],
            )  # fmt: skip
        return self.get(key)

    def list_accounts(self) -> list[AccountInfo]:
        counts = (
            select(AccountAdministrator.account_id, func.count().label("n"))
            .group_by(AccountAdministrator.account_id)
            .subquery()
        )
        stmt = (
            select(Account, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.account_id == Account.id)
            .order_by(Account.key)
        )
        with self._sessions() as session:
            return [_info(account, n) for account, n in session.execute(stmt)]

    def get(self, key: str) -> AccountInfo:
        for info in self.list_accounts():
            if info.key == key:
                return info
        raise InputError(say(translate("Core", "Okänt konto '%1'."), key))

    def add_administrator(
        self,
        username: str,
        name: str,
        *,
        email: str = "",
        phone: str = "",
        manager_email: str = "",
        roles: tuple[str, ...] | None = None,
        create_login: bool = False,
        password: str | None = None,
    ) -> int:
        """`create_login`: on PostgreSQL also the person's login role with exactly their roles'
        privileges (granska admins add), in the same transaction."""
        if not username.strip() or not name.strip():
            raise InputError(translate("Core", "En administratör behöver både användarnamn och namn."))
        require(self._sessions, Duty.MANAGE_ADMINISTRATORS, details={"username": username.strip()})
        admin = Administrator(
            username=username.strip(),
            name=name.strip(),
            email=email,
            phone=phone,
            manager_email=manager_email,
            roles=roles_text(roles) if roles else None,
        )
        try:
            with self._sessions.begin() as session:
                session.add(admin)
                session.flush()
                if create_login and session.get_bind().dialect.name == "postgresql":
                    create_login_role(session, admin.username, password, roles or ())
                log_change(
                    session,
                    "administrator_added",
                    details={"username": admin.username, "roles": list(roles or ())},
                    seals=[("administrator", admin.id)],
                )
        except IntegrityError:
            raise InputError(say(translate("Core", "Användarnamnet '%1' finns redan."), username)) from None
        return admin.id

    def assign(self, account_key: str, username: str, role: str = "administrator") -> None:
        require(self._sessions, Duty.ASSIGN, details={"username": username, "account": account_key})
        with self._sessions.begin() as session:
            account = session.scalar(select(Account).where(Account.key == account_key))
            admin = session.scalar(
                select(Administrator).where(casefold(Administrator.username) == casefold(username))
            )
            if account is None:
                raise InputError(say(translate("Core", "Okänt konto '%1'."), account_key))
            if admin is None:
                raise InputError(say(translate("Core", "Okänd administratör '%1'."), username))
            exists = session.scalar(
                select(AccountAdministrator).where(
                    AccountAdministrator.account_id == account.id,
                    AccountAdministrator.administrator_id == admin.id,
                )
            )
            if exists is None:
                link = AccountAdministrator(account_id=account.id, administrator_id=admin.id, role=role)
                session.add(link)
                session.flush()
                log_change(
                    session, "administrator_assigned", account_id=account.id,
                    details={"username": admin.username}, seals=[("account_administrator", link.id)],
                )  # fmt: skip
