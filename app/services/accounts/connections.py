"""Each account's platform token: set, test ("Testa anslutning"), rotate and remove. The token
lives in the OS keyring under `account:<key>`; the database keeps only that reference name."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.connectors.common import ConnectorOptions
from app.connectors.oauth import StoredCredential
from app.core.clock import utcnow
from app.core.connector import Connector
from app.core.errors import ErrorKind, InputError, PlatformError
from app.core.messages import say, told, translate
from app.models import Account, Item
from app.services.accounts.credentials import CredentialStore, KeyringUnavailable
from app.services.accounts.platforms import ConnectorRegistry, connector_platforms
from app.services.accounts.team_credentials import credential_store_for
from app.services.context import Writes, in_this_thread

log = logging.getLogger(__name__)


def credential_ref(account_key: str) -> str:
    return f"account:{account_key}"


def keyring_registry(
    store: CredentialStore | None = None,
    options: ConnectorOptions | None = None,
    sessions: sessionmaker[Session] | None = None,
) -> ConnectorRegistry:
    """What the app and the moderation service use to reach the platforms. A sign-in's access
    token is refreshed on the way (services/accounts/tokens.py); with `sessions` the refresh
    runs under the account's row lock and records when the token last worked."""
    from app.services.accounts.tokens import TokenKeeper

    keeper = TokenKeeper(store or CredentialStore(), sessions)
    registry = ConnectorRegistry(keeper.secret_for, options, renew_for=keeper.renewer_for)
    registry.from_this_keyring = store is None
    return registry


def for_database(registry: ConnectorRegistry, sessions: sessionmaker[Session]) -> ConnectorRegistry:
    """On the team database the tokens come from it (TeamCredentialStore), not from this
    machine's keyring; any other registry (a test double) is left as it is."""
    if not registry.from_this_keyring:
        return registry
    bind = sessions.kw.get("bind")
    if bind is not None and bind.dialect.name == "postgresql":
        return keyring_registry(credential_store_for(sessions), registry.options, sessions)
    kept = keyring_registry(None, registry.options, sessions)
    return kept


@dataclass(frozen=True)
class CredentialStatus:
    account: str
    ref: str | None  # the reference name the database holds
    saved: bool | None  # None: the keyring cannot be asked
    message: str


@dataclass(frozen=True)
class ConnectionCheck:
    account: str
    ok: bool
    message: str


@dataclass(frozen=True)
class AccountRef:
    """What a connector (and sync) needs of an account: a snapshot, never a live row."""

    id: int
    key: str
    platform: str
    name: str
    external_id: str | None
    api_base_url: str | None
    credential_ref: str | None
    sync_state: dict[str, Any] | None
    api_version: str | None = None
    oauth_client_id: str | None = None
    oauth_auth_url: str | None = None
    oauth_token_url: str | None = None

    @classmethod
    def of(cls, a: Account) -> AccountRef:
        return cls(
            a.id,
            a.key,
            a.platform,
            a.name,
            a.external_id,
            a.api_base_url,
            a.credential_ref,
            dict(a.sync_state or {}),
            a.api_version,
            a.oauth_client_id,
            a.oauth_auth_url,
            a.oauth_token_url,
        )


class CredentialService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        store: CredentialStore | None = None,
        registry: ConnectorRegistry | None = None,
        write: Writes = in_this_thread,
    ) -> None:
        """`write` runs the one transaction (the token's reference name): the window calls
        this service on a network worker, since the keyring and the connection test may wait."""
        self._sessions = sessions
        self._write = write
        self._store = store or credential_store_for(sessions)
        self._registry = registry or keyring_registry(self._store, sessions=sessions)

    def _account(self, key: str) -> AccountRef:
        with self._sessions() as session:
            a = session.scalar(select(Account).where(Account.key == key))
            if a is None:
                raise InputError(say(translate("Core", "Okänt konto %1."), repr(key)))
            return AccountRef.of(a)

    def _platform_account(self, key: str) -> AccountRef:
        account = self._account(key)
        if account.platform not in connector_platforms():
            raise InputError(
                say(
                    translate(
                        "Core", "Kontot %1 (%2) hämtas inte från någon plattform och behöver ingen token."
                    ),
                    repr(key),
                    account.platform,
                )
            )
        return account

    def _set_ref(self, key: str, ref: str | None) -> None:
        def save() -> None:
            with self._sessions.begin() as session:
                session.execute(update(Account).where(Account.key == key).values(credential_ref=ref))

        self._write(save)

    # -- set / rotate / remove -----------------------------------------------------------------
    def set_token(self, key: str, secret: str) -> CredentialStatus:
        secret = secret.strip()
        if not secret:
            raise InputError(translate("Core", "Token är tom: klistra in den token som plattformen gav."))
        if any(c.isspace() for c in secret):
            raise InputError(
                translate(
                    "Core",
                    "Token innehåller mellanslag eller radbrytningar; kontrollera att hela "
                    "token och inget annat klistrades in.",
                )
            )
        account = self._platform_account(key)
        ref = credential_ref(account.key)
        kept = StoredCredential.parse(self._store.get(ref))  # the client secret stays
        pasted = StoredCredential(access_token=secret, client_secret=kept.client_secret if kept else None)
        self._store.set(ref, pasted.serialize())
        self._set_ref(account.key, ref)
        log.info("token sparad i nyckelringen för %s", account.key)
        return self.status(key)

    def rotate(self, key: str, secret: str) -> ConnectionCheck:
        """Replace the token and test the new one; one the platform refuses is not kept."""
        account = self._platform_account(key)
        ref = credential_ref(account.key)
        previous = self._store.get(ref)
        self.set_token(key, secret)
        # A pasted token takes over from a sign-in: nothing refreshes it any more.
        check = self.check(key)
        if not check.ok and previous:
            self._store.set(ref, previous)
            return ConnectionCheck(
                key,
                False,
                say(
                    translate("Core", "Den nya token fungerade inte: %1 Den tidigare token är kvar."),
                    check.message,
                ),
            )
        return check

    def remove_token(self, key: str) -> CredentialStatus:
        account = self._account(key)
        self._store.delete(account.credential_ref or credential_ref(account.key))
        self._set_ref(account.key, None)
        return self.status(key)

    # -- status and test -----------------------------------------------------------------------
    def status(self, key: str) -> CredentialStatus:
        account = self._account(key)
        if account.platform not in connector_platforms():
            return CredentialStatus(
                key,
                None,
                None,
                translate("Core", "Ingen plattform att hämta från (import eller manuell inmatning)."),
            )
        ref = account.credential_ref
        try:
            saved = ref is not None and self._store.get(ref) is not None
        except KeyringUnavailable as exc:
            return CredentialStatus(key, ref, None, told(exc))
        if saved and not self._has_token(ref):
            return CredentialStatus(
                key, ref, False, translate("Core", "Klienthemligheten är sparad; logga in hos plattformen.")
            )
        if saved:
            return CredentialStatus(key, ref, True, translate("Core", "Token finns i nyckelringen."))
        if ref:
            return CredentialStatus(
                key,
                ref,
                False,
                translate(
                    "Core", "Token saknas i nyckelringen (borttagen utanför Granska?); spara den på nytt."
                ),
            )
        return CredentialStatus(key, None, False, translate("Core", "Ingen token är sparad."))

    def _has_token(self, ref: str | None) -> bool:
        stored = StoredCredential.parse(self._store.get(ref)) if ref else None
        return bool(stored and stored.access_token)

    def check(self, key: str) -> ConnectionCheck:
        account = self._platform_account(key)
        try:
            connector = self._registry.for_account(account)
            if connector is None:
                return ConnectionCheck(
                    key,
                    False,
                    say(translate("Core", "Ingen token är sparad för %1 (%2)."), account.name, key),
                )
            result = connector.check()
        except PlatformError as exc:
            if exc.kind == ErrorKind.AUTH:
                self._note(key, None, str(exc))
            return ConnectionCheck(key, False, told(exc))
        if result.ok:
            self._note(key, (), None)
        return ConnectionCheck(key, result.ok, result.message)

    def _note(self, key: str, scopes: tuple[str, ...] | None, problem: str | None) -> None:
        from app.services.accounts.tokens import record_token_use

        def save() -> None:
            with self._sessions.begin() as session:
                record_token_use(session, key, scopes, problem, utcnow())

        self._write(save)

    def set_client_secret(self, key: str, secret: str) -> CredentialStatus:
        """The municipality's own client secret (Meta's app secret; Google's desktop client's),
        kept with the account's tokens in the same store, never in the database."""
        secret = secret.strip()
        if not secret or any(c.isspace() for c in secret):
            raise InputError(
                translate("Core", "Klienthemligheten är tom eller innehåller mellanslag; inget ändrades.")
            )
        account = self._platform_account(key)
        ref = account.credential_ref or credential_ref(account.key)
        kept = StoredCredential.parse(self._store.get(ref)) or StoredCredential()
        self._store.set(ref, replace(kept, client_secret=secret).serialize())
        if account.credential_ref is None:
            self._set_ref(account.key, ref)
        return self.status(key)

    def check_all(self) -> list[ConnectionCheck]:
        with self._sessions() as session:
            keys = list(
                session.scalars(
                    select(Account.key)
                    .where(Account.platform.in_(connector_platforms()))
                    .order_by(Account.key)
                )
            )
        return [self.check(k) for k in keys]


class ConnectorLookup:
    """Cached per account for the life of the service: building a connector may read the
    keyring, which takes a tenth of a second."""

    def __init__(self, sessions: sessionmaker[Session], registry: ConnectorRegistry | None) -> None:
        self._sessions = sessions
        self._registry = registry
        self._cache: dict[int, Connector | None] = {}

    @property
    def enabled(self) -> bool:
        return self._registry is not None

    def account_for_item(self, item_id: int) -> Any:
        with self._sessions() as session:
            return session.scalar(
                select(Account).join(Item, Item.account_id == Account.id).where(Item.id == item_id)
            )

    def for_item(self, item_id: int) -> Connector | None:
        """Raises EnvironmentFault (e.g. the keyring is locked): the caller retries later."""
        if self._registry is None:
            return None
        account = self.account_for_item(item_id)
        if account is None:
            return None
        if account.id not in self._cache:
            self._cache[account.id] = self._registry.for_account(account)
        return self._cache[account.id]
