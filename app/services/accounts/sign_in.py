"""`granska credentials login` and "Logga in hos plattformen": the platform's authorization page
in the system browser, the loopback redirect, the code exchanged for tokens, and the tokens
kept in the same credential store as a pasted token (never in the database, a log or the
window). Meta: the code and the app secret give a short-lived user token, exchanged for a
long-lived one; the Page the account names (or the person's only Page) gives the Page token
that is kept — for Instagram, the Page its business account is connected to.

Two steps, so the window can open the browser between them on its own thread:
`begin(key)` → a `PendingSignIn` with the URL; `finish(pending, timeout, cancelled)`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.connectors.oauth import Pkce, StoredCredential, authorization_url, facebook_pages
from app.core.clock import utcnow
from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, translate
from app.models import Account
from app.services.accounts.connections import AccountRef, credential_ref
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.loopback import LoopbackListener
from app.services.accounts.platforms import PLATFORMS
from app.services.accounts.team_credentials import credential_store_for
from app.services.accounts.tokens import (
    api_version_of,
    connector_class,
    endpoint_url,
    oauth_spec,
    record_token_use,
    token_endpoint,
)
from app.services.context import Writes, in_this_thread
from app.services.records.audit import log_change

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0  # five minutes to sign in at the platform


@dataclass
class PendingSignIn:
    account: AccountRef
    url: str
    listener: LoopbackListener
    pkce: Pkce
    stored: StoredCredential | None
    page_id: str | None = None

    def close(self) -> None:
        self.listener.__exit__(None, None, None)


@dataclass(frozen=True)
class SignedIn:
    key: str
    message: str
    scopes: tuple[str, ...]
    page: str | None = None  # Meta: the Page whose token was kept


class SignInService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        store: CredentialStore | None = None,
        write: Writes = in_this_thread,
    ) -> None:
        self._sessions = sessions
        self._store = store or credential_store_for(sessions)
        self._write = write

    def _account(self, key: str) -> AccountRef:
        with self._sessions() as session:
            row = session.scalar(select(Account).where(Account.key == key))
            if row is None:
                raise InputError(say(translate("Core", "Okänt konto %1."), repr(key)))
            return AccountRef.of(row)

    def begin(self, key: str, port: int = 0, page_id: str | None = None) -> PendingSignIn:
        account = self._account(key)
        spec = oauth_spec(account.platform)
        label = PLATFORMS[account.platform].label if account.platform in PLATFORMS else account.platform
        if spec is None:
            raise InputError(
                say(
                    translate(
                        "Core",
                        "%1 har ingen inloggning från skrivbordet i Granska; spara en token med "
                        "granska credentials set %2.",
                    ),
                    label,
                    key,
                )
            )
        if not account.oauth_client_id:
            raise InputError(
                say(
                    translate(
                        "Core",
                        "Kontot %1 saknar klient-id: registrera kommunens egen app hos %2 (se "
                        "README, Plattformarna) och ange id:t med granska accounts edit %1 --client-id ID.",
                    ),
                    key,
                    label,
                )
            )
        stored = StoredCredential.parse(self._store.get(account.credential_ref or credential_ref(key)))
        if spec.needs_secret and not (stored and stored.client_secret):
            raise InputError(
                say(
                    translate(
                        "Core",
                        "%1 kräver appens hemlighet: spara den först med granska credentials client %2 "
                        "(läses från standard in).",
                    ),
                    label,
                    key,
                )
            )
        pkce = Pkce.new()
        listener = LoopbackListener(pkce.state, port or spec.redirect_port).__enter__()
        url = authorization_url(
            spec, endpoint_url(account, "auth"), account.oauth_client_id, listener.redirect_uri, pkce
        )
        return PendingSignIn(account, url, listener, pkce, stored, page_id)

    def finish(
        self, pending: PendingSignIn, timeout: float = DEFAULT_TIMEOUT, cancelled: Any = lambda: False
    ) -> SignedIn:
        try:
            redirect = pending.listener.wait(timeout, cancelled)
        finally:
            pending.close()
        account = pending.account
        spec = oauth_spec(account.platform)
        assert spec is not None
        endpoint = token_endpoint(account, pending.stored)
        now = utcnow()
        verifier = pending.pkce.verifier if spec.flow == "pkce" else None
        tokens = endpoint.exchange_code(redirect.code, pending.listener.redirect_uri, verifier, now)
        page = None
        if spec.flow == "facebook":
            tokens, page = self._page_token(
                account, endpoint.exchange_long_lived(tokens.access_token, now), pending
            )
        granted = tokens.scopes or spec.scopes  # RFC 6749 §5.1: no `scope` means as requested
        tokens = replace(
            tokens, scopes=granted, client_secret=pending.stored.client_secret if pending.stored else None
        )
        ref = account.credential_ref or credential_ref(account.key)
        self._store.set(ref, tokens.serialize())

        def save() -> None:
            with self._sessions.begin() as session:
                values: dict[str, Any] = {"credential_ref": ref}
                if page is not None and not account.external_id:
                    values["external_id"] = page[0]
                session.execute(update(Account).where(Account.key == account.key).values(**values))
                record_token_use(session, account.key, granted, None, now)
                if "external_id" in values:  # the register's own field: sealed again
                    log_change(
                        session, "account_page_chosen", account_id=account.id,
                        details={"key": account.key, "page": values["external_id"]},
                        seals=[("account", account.id)],
                    )  # fmt: skip

        self._write(save)
        log.info("inloggning hos plattformen sparad för %s", account.key)
        if page:
            said = say(
                translate("Core", "Inloggad hos plattformen för %1 (sidan %2); token är sparad."),
                account.key,
                page[1],
            )
        else:
            said = say(translate("Core", "Inloggad hos plattformen för %1; token är sparad."), account.key)
        return SignedIn(
            account.key,
            said,
            granted,
            page[1] if page else None,
        )

    def _page_token(
        self, account: AccountRef, user: StoredCredential, pending: PendingSignIn
    ) -> tuple[StoredCredential, tuple[str, str]]:
        """The Page token from `/me/accounts`: the Page the account names, the Page an
        Instagram account belongs to, or the person's only Page."""
        cls = connector_class(account.platform)
        base = (account.api_base_url or cls.default_base_url).replace("{version}", api_version_of(account))
        pages = facebook_pages(base, user.access_token)
        wanted = pending.page_id or account.external_id
        if account.platform == "instagram":
            chosen = [p for p in pages if (p.get("instagram_business_account") or {}).get("id") == wanted]
        elif wanted:
            chosen = [p for p in pages if str(p.get("id")) == wanted]
        else:
            chosen = pages if len(pages) == 1 else []
        if len(chosen) != 1 or not chosen[0].get("access_token"):
            listed = ", ".join(f"{p.get('name')} ({p.get('id')})" for p in pages) or translate("Core", "inga")
            raise EnvironmentFault(
                say(
                    translate(
                        "Core",
                        "Hittade ingen sida att spara token för (%1); sidor du administrerar: %2. "
                        "Ange sidans id med --page ID (eller kontots --external-id); inget sparades.",
                    ),
                    account.key,
                    listed,
                )
            )
        page = chosen[0]
        # The Page token made from a long-lived user token does not expire; the user token is
        # not kept (it could act on every Page the person administers).
        token = StoredCredential(
            access_token=str(page["access_token"]),
            kind="oauth",
            scopes=user.scopes,
            obtained_at=user.obtained_at,
        )
        return token, (str(page.get("id")), str(page.get("name") or page.get("id")))
