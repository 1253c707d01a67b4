"""Keeping a sign-in's access alive: the access token is refreshed a minute before it expires
and again when the platform answers "expired"; the new tokens go back to the same credential
store (the OS keyring, or the team database's encrypted store).

Two workstations on the team database may both find the token expiring. The refresh runs under
a short row lock on the account (`FOR NO KEY UPDATE`, which the token's own save does not
conflict with); whoever comes second finds the fresh token and uses it instead of spending the
refresh token again (X hands out a new refresh token at every refresh and refuses the old one).
A refresh the platform refuses (the grant revoked or expired) says "logga in igen under
Inställningar → Konton"; nothing else changes: the items, the queued steps and the stored
credential stay as they were, so the next action after a new sign-in goes on where it stopped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.connectors.oauth import OAuthSpec, StoredCredential, TokenEndpoint
from app.core.clock import utcnow
from app.core.errors import ErrorKind, PlatformError
from app.core.messages import say, translate
from app.models import Account
from app.services.accounts.connections import credential_ref
from app.services.accounts.credentials import CredentialStore, KeyringUnavailable
from app.services.accounts.platforms import PLATFORMS

log = logging.getLogger(__name__)

# Refresh this long before the platform's expiry, so no call starts with a token about to die.
MARGIN_SECONDS = 60.0

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def connector_class(platform: str) -> Any:
    info = PLATFORMS.get(platform)
    return info.factory() if info is not None else None


def oauth_spec(platform: str) -> OAuthSpec | None:
    return getattr(connector_class(platform), "oauth", None)


def api_version_of(account: Any) -> str:
    own = getattr(account, "api_version", None)
    return str(own or getattr(connector_class(account.platform), "default_api_version", ""))


def endpoint_url(account: Any, which: str) -> str:
    """The account's own authorization or token URL, or the platform's (with its API version)."""
    spec = oauth_spec(account.platform)
    own = getattr(account, f"oauth_{which}_url", None)
    url = str(own or (getattr(spec, f"{which}_url", "") if spec else ""))
    return url.replace("{version}", api_version_of(account))


def token_endpoint(account: Any, stored: StoredCredential | None) -> TokenEndpoint:
    client_id = getattr(account, "oauth_client_id", None)
    who = f"{account.name} ({account.key})"
    label = PLATFORMS[account.platform].label if account.platform in PLATFORMS else account.platform
    if not client_id:
        raise PlatformError(
            say(
                translate(
                    "Core",
                    "Kontot %1 saknar klient-id för inloggning hos %2: ange kommunens eget med "
                    "granska accounts edit %3 --client-id ID.",
                ),
                who,
                label,
                account.key,
            ),
            ErrorKind.AUTH,
        )
    return TokenEndpoint(
        endpoint_url(account, "token"), client_id, who=who, platform_label=label,
        client_secret=stored.client_secret if stored else None,
    )  # fmt: skip


class TokenKeeper:
    """What the connector registry asks for an account's access token (`secret_for`) and for a
    fresh one when the platform calls it expired (`renewer_for`)."""

    def __init__(
        self,
        store: CredentialStore,
        sessions: sessionmaker[Session] | None = None,
        clock: Callable[[], Any] = utcnow,
    ) -> None:
        self._store = store
        self._sessions = sessions
        self._clock = clock

    def stored(self, account: Any) -> StoredCredential | None:
        ref = getattr(account, "credential_ref", None) or credential_ref(account.key)
        try:
            return StoredCredential.parse(self._store.get(ref))
        except KeyringUnavailable as exc:
            raise PlatformError(str(exc), ErrorKind.AUTH) from None

    def secret_for(self, account: Any) -> str | None:
        stored = self.stored(account)
        if stored is None or not stored.access_token:
            return None
        if stored.refreshable and stored.expires_within(self._clock(), MARGIN_SECONDS):
            return self.refresh(account, stale=stored.access_token) or stored.access_token
        return stored.access_token

    def renewer_for(self, account: Any, secret: str) -> Callable[[], str | None] | None:
        if oauth_spec(account.platform) is None:
            return None
        last = [secret]

        def renew() -> str | None:
            fresh = self.refresh(account, stale=last[0])
            if fresh:
                last[0] = fresh
            return fresh

        return renew

    def refresh(self, account: Any, stale: str | None) -> str | None:
        """A fresh access token, or None when this one cannot be refreshed (a pasted token, a
        sign-in without a refresh token): then the platform's own error goes up."""
        ref = getattr(account, "credential_ref", None) or credential_ref(account.key)
        with _lock_for(account.key), self._row_lock(account) as record:
            stored = self.stored(account)
            if stored is None or not stored.refreshable:
                return None
            now = self._clock()
            if stored.access_token != stale and not stored.expires_within(now, MARGIN_SECONDS):
                return stored.access_token  # another workstation (or thread) refreshed it
            try:
                fresh = token_endpoint(account, stored).refresh(stored, now)
            except PlatformError as exc:
                if exc.kind == ErrorKind.AUTH:
                    record(None, str(exc))
                raise
            self._store.set(ref, fresh.serialize())
            record(fresh.scopes, None)
            log.info("ny åtkomsttoken hämtad för %s", account.key)
            return fresh.access_token

    @contextmanager
    def _row_lock(self, account: Any) -> Iterator[Callable[[tuple[str, ...] | None, str | None], None]]:
        """Yields `record(scopes, problem)`, written in the lock's own transaction."""
        if self._sessions is None:
            yield lambda _scopes, _problem: None
            return
        with self._sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(
                    select(Account.id).where(Account.key == account.key).with_for_update(key_share=True)
                )
            notes: list[tuple[tuple[str, ...] | None, str | None]] = []
            yield lambda scopes, problem: notes.append((scopes, problem))
            for scopes, problem in notes:
                record_token_use(session, account.key, scopes, problem, self._clock())


def record_token_use(
    session: Session, key: str, scopes: tuple[str, ...] | None, problem: str | None, now: Any
) -> None:
    """A call worked (problem None: the time, and the scopes when the platform named them) or
    the platform refused the sign-in. The refusal goes where a sync's last error already lives
    (the account's sync state), for the token health; never a token."""
    row = session.scalar(select(Account).where(Account.key == key))
    if row is None:
        return
    state = dict(row.sync_state or {})
    if problem is None:
        row.token_ok_at = now
        if scopes:
            row.granted_scopes = " ".join(scopes)
        if state.pop("token_problem", None) is not None:
            row.sync_state = state
    else:
        state["token_problem"] = problem
        row.sync_state = state
