"""A platform's API fake and its authorization server, both on 127.0.0.1, and an account that
signs in there: the platform's documented endpoints, at the paths they have in production."""

from __future__ import annotations

import random
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from app.services.accounts.accounts import AccountService, SignInSettings
from app.services.accounts.tokens import connector_class
from tests.helpers.platforms import Running, running
from tests.helpers.platforms.oauth import CLIENT_ID, FakeOAuth, play_browser
from tests.helpers.platforms.server import PlatformServer

# platform -> (authorization path, token path) as in production; {version}: the account's.
PATHS = {
    "youtube": ("/o/oauth2/v2/auth", "/token"),
    "x": ("/i/oauth2/authorize", "/2/oauth2/token"),
    "linkedin": ("/oauth/v2/authorization", "/oauth/v2/accessToken"),
    "facebook": ("/{version}/dialog/oauth", "/{version}/oauth/access_token"),
    "instagram": ("/{version}/dialog/oauth", "/{version}/oauth/access_token"),
}
META = ("facebook", "instagram")


def _own_port() -> int:
    """The port this test run's sign-ins listen on where the platform's app registered a fixed
    one (X and Meta: 47615). The Linux and Windows stages of .ci/run run side by side on one
    machine: both listening on 47615 at once, one stage's sign-in found its port taken. Below
    Linux's ephemeral ports (32768-60999), so no outgoing connection of the tests holds it."""
    pick = random.Random()
    for _ in range(200):
        port = pick.randrange(20000, 30000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port between 20000 and 30000 on 127.0.0.1")


REDIRECT_PORT = _own_port()


def port_option(platform: str) -> tuple[str, ...]:
    """`credentials login`'s option for REDIRECT_PORT where the platform has a fixed port (X and
    Meta: the command line listens on it unless told); none elsewhere."""
    return ("--port", str(REDIRECT_PORT)) if connector_class(platform).oauth.redirect_port else ()


@contextmanager
def own_redirect_port(platform: str) -> Iterator[None]:
    """The platform's sign-in listens on REDIRECT_PORT instead of its registered fixed port,
    for as long as this lasts (a platform whose port is free, any port, is left as it is)."""
    kind = connector_class(platform)
    spec = kind.oauth
    if not spec.redirect_port:
        yield
        return
    own = kind.__dict__.get("oauth")
    kind.oauth = replace(spec, redirect_port=REDIRECT_PORT)
    try:
        yield
    finally:
        if own is None:
            del kind.oauth  # inherited again (Facebook's is the Graph connectors')
        else:
            kind.oauth = own


@dataclass
class SigningIn:
    api: Running
    oauth: FakeOAuth
    server: PlatformServer

    @property
    def auth_url(self) -> str:
        return self.server.url + PATHS[self.api.platform][0]

    @property
    def token_url(self) -> str:
        return self.server.url + PATHS[self.api.platform][1]

    def options(self) -> list[str]:
        """`granska accounts add` options for an account that signs in here."""
        return [
            "--platform", self.api.platform, "--name", "Vadstena kommun",
            "--external-id", self.api.external_id, "--api-base", self.api.api_base,
            "--client-id", CLIENT_ID, "--auth-url", self.auth_url, "--token-url", self.token_url,
        ]  # fmt: skip

    def add_account(self, sessions: Any, key: str | None = None) -> str:
        key = self.api.add_account(sessions, key)
        AccountService(sessions).set_sign_in(key, SignInSettings(CLIENT_ID, self.auth_url, self.token_url))
        return key

    def sign_in(self, sessions: Any, key: str, store: Any = None, **kw: Any) -> Any:
        """What "Logga in hos plattformen" does, with this test as the person in the browser."""
        from app.services.accounts.sign_in import SignInService

        service = SignInService(sessions, store)
        pending = service.begin(key, **kw)
        browser = threading.Thread(target=play_browser, args=(pending.url,), daemon=True)
        browser.start()
        try:
            return service.finish(pending, timeout=20)
        finally:
            browser.join(timeout=20)


@contextmanager
def signing_in(platform: str, **oauth: Any) -> Iterator[SigningIn]:
    flow = "facebook" if platform in META else "pkce"
    fake = FakeOAuth(flow=flow, **oauth)
    with running(platform) as api, PlatformServer(fake) as server, own_redirect_port(platform):
        api.fake.oauth = fake
        yield SigningIn(api, fake, server)
    assert fake.crashes == [], "the fake authorization server itself failed"
