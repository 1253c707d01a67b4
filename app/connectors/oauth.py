"""Signing in at a platform from the desktop (RFC 8252: the system browser, a loopback redirect
to 127.0.0.1, PKCE) and keeping the access it gives: the authorization URL, the token
endpoint's two grants (code + verifier, refresh token), Meta's exchange for a long-lived user
token and its list of Pages. Plain HTTP, no database.

What each platform documents:
- Google (YouTube): "Desktop app" clients, loopback redirect on any port, PKCE; the token
  endpoint still wants the (not secret) client secret Google hands a desktop client. Access
  tokens live an hour; a project left in "Testing" gets refresh tokens that die after 7 days.
- X: authorization code with PKCE for a public client; `offline.access` gives a refresh token
  (one use each: every refresh hands a new one). Access tokens live two hours.
- LinkedIn: the native PKCE flow (loopback), enabled by LinkedIn per app; 60-day access tokens,
  a refresh token where LinkedIn granted one.
- Meta: Facebook Login with the municipality's own app; the code and the long-lived exchange
  need the app secret (never shipped inside Granska); Page tokens made from a long-lived user
  token do not expire.

Secrets go in POST bodies and headers, never in a URL: httpx logs every URL it requests.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from app.connectors.http import Timeouts
from app.core.errors import PlatformError
from app.core.messages import say, translate

# A stored credential that is one of these is a bundle; anything else is a token pasted in.
BUNDLE_MARK = "granska-credential"


@dataclass(frozen=True)
class OAuthSpec:
    """How a platform lets a desktop app sign in, declared by its connector."""

    auth_url: str
    token_url: str
    scopes: tuple[str, ...]
    # What Granska needs for each action it offers there (hide / delete / reply).
    needed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    flow: str = "pkce"  # "pkce" or "facebook" (code + app secret, long-lived exchange, Pages)
    needs_secret: bool = False
    extra: dict[str, str] = field(default_factory=dict)  # more authorization parameters
    scope_separator: str = " "
    # Platforms that match the registered redirect exactly (port included) get a fixed port;
    # 0: any free port (Google and LinkedIn accept any loopback port).
    redirect_port: int = 0
    # Where the municipality registers its client, for the README and the window.
    console: str = ""


@dataclass(frozen=True)
class StoredCredential:
    """What lives in the credential store under `account:KEY`: a pasted token (kind "pasted"),
    or a sign-in's tokens, expiry and scopes (kind "oauth"); the client secret where the
    platform needs one."""

    access_token: str = ""
    kind: str = "pasted"
    refresh_token: str | None = None
    expires_at: datetime | None = None
    refresh_expires_at: datetime | None = None
    scopes: tuple[str, ...] = ()
    client_secret: str | None = None
    obtained_at: datetime | None = None  # when the refresh token (or the sign-in) was obtained
    lifetime: float | None = None  # seconds the access token was given for

    @property
    def refreshable(self) -> bool:
        return bool(self.refresh_token)

    def expires_within(self, now: datetime, seconds: float) -> bool:
        """Expired, or within `seconds` of it (at most a quarter of a short-lived token's life)."""
        if self.expires_at is None:
            return False
        margin = min(seconds, self.lifetime / 4) if self.lifetime else seconds
        return self.expires_at - now <= timedelta(seconds=margin)

    def serialize(self) -> str:
        if self.kind == "pasted" and not self.client_secret:
            return self.access_token  # as before this format existed: older builds read it
        body: dict[str, Any] = {
            BUNDLE_MARK: 1, "kind": self.kind, "access_token": self.access_token,
            "refresh_token": self.refresh_token, "expires_at": _iso(self.expires_at),
            "refresh_expires_at": _iso(self.refresh_expires_at), "scopes": list(self.scopes),
            "client_secret": self.client_secret, "obtained_at": _iso(self.obtained_at),
            "lifetime": self.lifetime,
        }  # fmt: skip
        return json.dumps({k: v for k, v in body.items() if v is not None}, sort_keys=True)

    @classmethod
    def parse(cls, stored: str | None) -> StoredCredential | None:
        if not stored:
            return None
        if stored.startswith("{"):
            try:
                body = json.loads(stored)
            except json.JSONDecodeError:
                body = None
            if isinstance(body, dict) and body.get(BUNDLE_MARK):
                return cls(
                    access_token=str(body.get("access_token") or ""),
                    kind=str(body.get("kind") or "oauth"),
                    refresh_token=body.get("refresh_token"),
                    expires_at=_time(body.get("expires_at")),
                    refresh_expires_at=_time(body.get("refresh_expires_at")),
                    scopes=tuple(body.get("scopes") or ()),
                    client_secret=body.get("client_secret"),
                    obtained_at=_time(body.get("obtained_at")),
                    lifetime=float(body["lifetime"]) if body.get("lifetime") else None,
                )
        return cls(access_token=stored.strip())

    def __repr__(self) -> str:  # never a token
        return f"<StoredCredential {self.kind} expires={_iso(self.expires_at)}>"


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


# -- the authorization request -------------------------------------------------------------------
@dataclass(frozen=True)
class Pkce:
    verifier: str
    challenge: str
    state: str

    @classmethod
    def new(cls) -> Pkce:
        verifier = secrets.token_urlsafe(64)[:96]  # 43..128 characters of [A-Za-z0-9-._~]
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        challenge = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        return cls(verifier, challenge, secrets.token_urlsafe(24))


def authorization_url(spec: OAuthSpec, auth_url: str, client_id: str, redirect_uri: str, pkce: Pkce) -> str:
    params = {
        "response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
        "scope": spec.scope_separator.join(spec.scopes), "state": pkce.state,
    }  # fmt: skip
    if spec.flow == "pkce":
        params |= {"code_challenge": pkce.challenge, "code_challenge_method": "S256"}
    params |= spec.extra
    separator = "&" if "?" in auth_url else "?"
    return f"{auth_url}{separator}{urlencode(params)}"


# -- the token endpoint --------------------------------------------------------------------------
REVOKED = translate(
    "Core",
    "Inloggningen för %1 gäller inte längre (återkallad eller utgången hos %2): "
    "logga in igen under Inställningar → Konton.",
)


class TokenEndpoint:
    """One platform's token endpoint for one account. `who` names the account in messages."""

    def __init__(
        self, token_url: str, client_id: str, *, who: str, platform_label: str,
        client_secret: str | None = None, timeouts: Timeouts | None = None,
    ) -> None:  # fmt: skip
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.who = who
        self.platform_label = platform_label
        self._timeout = (timeouts or Timeouts()).as_httpx()

    def exchange_code(
        self, code: str, redirect_uri: str, verifier: str | None, now: datetime
    ) -> StoredCredential:
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        if verifier:
            form["code_verifier"] = verifier
        return self._grant(form, now)

    def refresh(self, current: StoredCredential, now: datetime) -> StoredCredential:
        if not current.refresh_token:
            raise PlatformError(say(REVOKED, self.who, self.platform_label), "auth")
        fresh = self._grant({"grant_type": "refresh_token", "refresh_token": current.refresh_token}, now)
        # Google keeps the refresh token (and does not repeat it); X hands a new one each time.
        return replace(
            fresh,
            refresh_token=fresh.refresh_token or current.refresh_token,
            refresh_expires_at=fresh.refresh_expires_at or current.refresh_expires_at,
            scopes=fresh.scopes or current.scopes,
            obtained_at=current.obtained_at if not fresh.refresh_token else now,
        )

    def exchange_long_lived(self, short_lived: str, now: datetime) -> StoredCredential:
        """Meta: a short-lived user token (an hour) for a long-lived one (60 days)."""
        return self._grant({"grant_type": "fb_exchange_token", "fb_exchange_token": short_lived}, now)

    def _grant(self, form: dict[str, str], now: datetime) -> StoredCredential:
        form = {**form, "client_id": self.client_id}
        if self.client_secret:
            form["client_secret"] = self.client_secret
        try:
            response = httpx.post(
                self.token_url, data=form, timeout=self._timeout, headers={"Accept": "application/json"}
            )
        except httpx.TimeoutException:
            raise self._fault(translate("Core", "svarade inte i tid"), "transient") from None
        except httpx.TransportError as exc:
            raise self._fault(
                say(translate("Core", "gick inte att nå (%1)"), type(exc).__name__), "transient"
            ) from None
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            raise self._fault(
                say(
                    translate("Core", "skickade ett svar som inte gick att läsa (HTTP %1)"),
                    response.status_code,
                ),
                "bad_response",
            )
        if response.is_success and body.get("access_token"):
            return self._read(body, now)
        raise self._error(response.status_code, body)

    def _read(self, body: dict[str, Any], now: datetime) -> StoredCredential:
        def seconds_of(value: Any) -> float | None:
            try:
                return float(value) if value not in (None, "") else None
            except (TypeError, ValueError):
                return None

        def after(value: Any) -> datetime | None:
            seconds = seconds_of(value)
            return now + timedelta(seconds=seconds) if seconds is not None else None

        scope = body.get("scope") or ""
        scopes = tuple(s for s in str(scope).replace(",", " ").split() if s)
        return StoredCredential(
            access_token=str(body["access_token"]), kind="oauth",
            refresh_token=body.get("refresh_token") or None, expires_at=after(body.get("expires_in")),
            refresh_expires_at=after(body.get("refresh_token_expires_in")), scopes=scopes,
            client_secret=self.client_secret, obtained_at=now, lifetime=seconds_of(body.get("expires_in")),
        )  # fmt: skip

    def _error(self, status: int, body: dict[str, Any]) -> PlatformError:
        """RFC 6749 §5.2 `{"error", "error_description"}`; Meta's Graph `{"error": {...}}`."""
        error = body.get("error")
        if isinstance(error, dict):  # Meta
            code = int(error.get("code", 0) or 0)
            text = str(error.get("message") or "")
            name = "invalid_client" if code == 101 or "client_secret" in text else "invalid_grant"
        else:
            name, text = str(error or ""), str(body.get("error_description") or "")
        said = f" ({text})" if text else ""
        if name == "invalid_grant":
            return PlatformError(say(REVOKED, self.who, self.platform_label), "auth")
        if name in ("invalid_client", "unauthorized_client"):
            text = translate(
                "Core",
                "%1 godtar inte kommunens klient för %2%3: kontrollera klient-id (granska accounts edit "
                "--client-id) och klienthemligheten (granska credentials client).",
            )
            return PlatformError(say(text, self.platform_label, self.who, said), "auth")
        if status >= 500 or status == 429:
            return self._fault(
                say(translate("Core", "har ett tillfälligt fel (HTTP %1)%2"), status, said), "transient"
            )
        what = say(translate("Core", "avvisade inloggningen: %1%2"), name or f"HTTP {status}", said)
        return self._fault(what, "bad_response")

    def _fault(self, what: str, kind: str) -> PlatformError:
        return PlatformError(
            say(translate("Core", "%1s inloggning %2 för %3."), self.platform_label, what, self.who), kind
        )


def facebook_pages(
    graph_base: str, user_token: str, timeouts: Timeouts | None = None
) -> list[dict[str, Any]]:
    """The Pages the person administers (`/me/accounts`), each with its Page token and any
    Instagram business account connected to it. The token travels in a header."""
    pages: list[dict[str, Any]] = []
    url: str | None = f"{graph_base.rstrip('/')}/me/accounts"
    params: dict[str, Any] | None = {"fields": "id,name,access_token,tasks,instagram_business_account"}
    headers = {"Authorization": f"Bearer {user_token}", "Accept": "application/json"}
    with httpx.Client(timeout=(timeouts or Timeouts()).as_httpx(), headers=headers) as client:
        for _page in range(50):
            if url is None:
                break
            try:
                response = client.get(url, params=params)
                body = response.json()
            except (httpx.HTTPError, json.JSONDecodeError) as exc:
                raise PlatformError(
                    say(
                        translate("Core", "Facebook svarade inte på listan över sidor (%1)."),
                        type(exc).__name__,
                    )
                ) from None
            if not response.is_success or not isinstance(body, dict):
                message = ((body or {}).get("error") or {}).get("message") if isinstance(body, dict) else ""
                said = message or response.status_code
                raise PlatformError(
                    say(translate("Core", "Facebook lämnade inte ut listan över sidor (%1)."), said), "auth"
                )
            pages.extend(p for p in body.get("data") or [] if isinstance(p, dict))
            url, params = (body.get("paging") or {}).get("next"), None
    return pages
