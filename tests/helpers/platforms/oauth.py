"""An authorization server on 127.0.0.1 written from the platforms' documented shapes:

- the authorization endpoint (RFC 6749 §4.1.1 with RFC 7636 PKCE; Google's `/o/oauth2/v2/auth`,
  X's `/i/oauth2/authorize`, LinkedIn's `/oauth/v2/authorization`, Meta's `/dialog/oauth`)
  redirects to the loopback `redirect_uri` with `code` and `state` (302, as a browser sees it);
- the token endpoint (§4.1.3, §6; `application/x-www-form-urlencoded` POST) for the code with
  its `code_verifier`, and for a refresh token; X rotates the refresh token at every use;
  errors as `{"error": "invalid_grant" | "invalid_client", "error_description"}` (§5.2);
- Meta's variant: the code exchange needs the app secret, `grant_type=fb_exchange_token` turns
  a short-lived user token into a long-lived one (60 days), errors in the Graph shape, and
  `/me/accounts` lists the Pages with their Page tokens (served through the Graph fake).

The API fakes accept exactly the access tokens issued here that have not expired
(`platform.oauth = server`)."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from tests.helpers.platforms.server import FakePlatform, Request, Response

CLIENT_ID = "granska-kommun-test"
APP_SECRET = "meta-app-secret-9f3c1e7a"


def oauth_error(error: str, description: str, status: int = 400) -> Response:
    return Response.json({"error": error, "error_description": description}, status)


def meta_error(message: str, code: int, status: int = 400) -> Response:
    body = {"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Af1"}}
    return Response.json(body, status)


class FakeOAuth(FakePlatform):
    """`flow`: "pkce" (Google, X, LinkedIn) or "facebook" (Meta)."""

    def __init__(
        self,
        *,
        flow: str = "pkce",
        access_lifetime: float = 3600,
        refresh: bool = True,
        rotate_refresh: bool = False,
        refresh_lifetime: float | None = None,
        scope: str | None = None,
        client_secret: str | None = None,
    ) -> None:
        super().__init__(token="")
        self.flow = flow
        self.client_id = CLIENT_ID
        self.client_secret = client_secret or (APP_SECRET if flow == "facebook" else None)
        self.access_lifetime = access_lifetime
        self.refresh = refresh
        self.rotate_refresh = rotate_refresh
        self.refresh_lifetime = refresh_lifetime
        self.scope = scope  # None: the answer omits `scope` (as requested, RFC 6749 §5.1)
        self.codes: dict[str, dict[str, str]] = {}
        self.access: dict[str, float | None] = {}  # token -> expiry (time.time()), None: never
        self.user_tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.issued: list[str] = []  # every access token, in order
        self.grants: list[str] = []
        self.pages: list[dict[str, Any]] = []

    # -- for tests -------------------------------------------------------------------------
    def add_page(self, page_id: str, name: str, instagram_id: str | None = None) -> str:
        token = f"EAAPage{secrets.token_hex(12)}"
        self.access[token] = None
        page: dict[str, Any] = {"id": page_id, "name": name, "access_token": token, "tasks": ["MODERATE"]}
        if instagram_id:
            page["instagram_business_account"] = {"id": instagram_id}
        self.pages.append(page)
        return token

    def accepts(self, token: str | None) -> bool:
        if token is None or token not in self.access:
            return False
        expiry = self.access[token]
        return expiry is None or time.time() < expiry

    def expire_access_tokens(self) -> None:
        """The platform calls every access token expired (before the time it gave)."""
        for token in self.access:
            if token not in {p["access_token"] for p in self.pages}:
                self.access[token] = 0.0

    def revoke(self) -> None:
        """The person removed the app's access: every token and refresh token dies."""
        self.refresh_tokens.clear()
        self.access.clear()

    # -- serving ---------------------------------------------------------------------------
    def authorized(self, request: Request) -> bool:
        return True

    def handle(self, request: Request) -> Response:
        path = request.path
        if request.method == "GET" and path.endswith(
            ("/authorize", "/auth", "/authorization", "/dialog/oauth")
        ):
            return self.authorize(request)
        if path.endswith(("/token", "/accessToken", "/oauth/access_token")):
            return self.grant(request.params)
        return Response.json({"error": "not_found"}, 404)

    def authorize(self, request: Request) -> Response:
        """What the person's browser sees once they have signed in and approved."""
        q = request.query
        redirect = q.get("redirect_uri", "")
        if q.get("client_id") != self.client_id:
            return Response(400, b"invalid client_id")
        if urlsplit(redirect).hostname != "127.0.0.1" or q.get("response_type") != "code":
            return Response(400, b"redirect_uri must be a loopback address; response_type=code")
        if self.flow == "pkce" and (q.get("code_challenge_method") != "S256" or not q.get("code_challenge")):
            return Response(400, b"PKCE with S256 is required")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"redirect_uri": redirect, "challenge": q.get("code_challenge", "")}
        location = f"{redirect}?{urlencode({'code': code, 'state': q.get('state', '')})}"
        return Response(302, b"", {"Location": location})

    def _client_ok(self, form: dict[str, str]) -> bool:
        if form.get("client_id") != self.client_id:
            return False
        return self.client_secret is None or form.get("client_secret") == self.client_secret

    def _refused(self, error: str, description: str) -> Response:
        if self.flow == "facebook":
            code = 1 if error == "invalid_client" else 100
            return meta_error(description, code, 401 if error == "invalid_client" else 400)
        return oauth_error(error, description, 401 if error == "invalid_client" else 400)

    def grant(self, form: dict[str, str]) -> Response:
        grant = form.get("grant_type", "")
        self.grants.append(grant)
        if not self._client_ok(form):
            return self._refused("invalid_client", "Client authentication failed.")
        if grant == "authorization_code":
            issued = self.codes.pop(form.get("code", ""), None)
            if issued is None or issued["redirect_uri"] != form.get("redirect_uri"):
                return self._refused("invalid_grant", "Invalid or used authorization code.")
            if self.flow == "pkce":
                verifier = form.get("code_verifier", "")
                digest = hashlib.sha256(verifier.encode()).digest()
                if base64.urlsafe_b64encode(digest).decode().rstrip("=") != issued["challenge"]:
                    return self._refused("invalid_grant", "code_verifier does not match the code_challenge.")
            return self._issue(refresh=self.refresh and self.flow == "pkce", user=self.flow == "facebook")
        if grant == "refresh_token":
            old = form.get("refresh_token", "")
            if old not in self.refresh_tokens:
                return self._refused("invalid_grant", "Token has been expired or revoked.")
            if self.rotate_refresh:
                self.refresh_tokens.discard(old)
            return self._issue(refresh=self.rotate_refresh)
        if grant == "fb_exchange_token" and self.flow == "facebook":
            if form.get("fb_exchange_token") not in self.user_tokens:
                return self._refused("invalid_grant", "Error validating access token.")
            return self._issue(refresh=False, user=True, lifetime=60 * 86400)
        return self._refused("unsupported_grant_type", grant)

    def _issue(self, *, refresh: bool, user: bool = False, lifetime: float | None = None) -> Response:
        token = f"at-{secrets.token_urlsafe(18)}"
        seconds = lifetime if lifetime is not None else self.access_lifetime
        self.access[token] = time.time() + seconds
        self.issued.append(token)
        if user:
            self.user_tokens.add(token)
        body: dict[str, Any] = {"access_token": token, "token_type": "bearer", "expires_in": seconds}
        if refresh:
            renewal = f"rt-{secrets.token_urlsafe(18)}"
            self.refresh_tokens.add(renewal)
            body["refresh_token"] = renewal
            if self.refresh_lifetime is not None:
                body["refresh_token_expires_in"] = self.refresh_lifetime
        if self.scope is not None:
            body["scope"] = self.scope
        return Response.json(body)

    def me_accounts(self, request: Request, bearer: str | None) -> Response:
        if bearer not in self.user_tokens or not self.accepts(bearer):
            return meta_error("Invalid OAuth access token.", 190, 401)
        return Response.json({"data": self.pages, "paging": {"cursors": {"before": "MA", "after": "MA"}}})


def play_browser(url: str) -> Any:
    """The person in the browser: opens the authorization URL, signs in and approves; the
    platform's redirect goes to Granska's loopback listener. Returns the listener's answer."""
    import httpx

    return httpx.get(url, follow_redirects=True, timeout=10)
