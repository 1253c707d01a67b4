"""What every platform connector shares: how far back a sync looks, the chunks it hands the
sync service, and the listings that let sync tell which comments their authors deleted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from app.connectors.http import PlatformHTTP, RetryPolicy, Timeouts
from app.connectors.oauth import OAuthSpec
from app.core.clock import utcnow
from app.core.connector import Capabilities, CompleteListing, FetchChunk, FetchResult, PlatformResult
from app.core.errors import PlatformError
from app.core.incoming import IncomingItem
from app.core.messages import say, translate

__all__ = ["CompleteListing", "ConnectorOptions", "FetchChunk", "PlatformConnector", "parse_time"]

# Comments keep arriving on posts for a while; every sync looks again at this many days back
# so edits and deletions by their authors are seen, not only new comments.
DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class ConnectorOptions:
    """Knobs tests and the benchmark turn; production uses the defaults."""

    retry: RetryPolicy = RetryPolicy()
    timeouts: Timeouts = Timeouts()
    sleep: Callable[[float], None] | None = None
    clock: Callable[[], datetime] = utcnow
    page_size: int = 100
    # A fresh access token when the platform answers "expired" (services/accounts/tokens.py
    # refreshes a sign-in's token); None: the error goes up as it is.
    renew_token: Callable[[], str | None] | None = None


def parse_time(value: str | None) -> datetime | None:
    """ISO 8601 as the platforms write it: `Z`, `+0000` or `+00:00`."""
    if not value:
        return None
    try:  # Python 3.11 reads `Z` and `+0000` itself: the common case, without the edits below
        parsed = datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    elif len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = f"{text[:-2]}:{text[-2:]}"
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def from_epoch_ms(value: Any) -> datetime | None:
    if value is None:
        return None
    return datetime.fromtimestamp(int(value) / 1000, tz=UTC)


class PlatformConnector:
    """Base of the five platform connectors. Subclasses set `platform`, `platform_label`,
    `capabilities`, `default_base_url` and implement `headers`, `read_error`, `chunks`,
    `check` and the actions they support."""

    platform = ""
    platform_label = ""
    capabilities = Capabilities()
    # `{version}` in the base URL is the API version: the platform's default, or the account's own.
    default_base_url = ""
    default_api_version = ""
    # How the municipality's own client signs in here (None: a token is pasted).
    oauth: OAuthSpec | None = None
    # What the platform lets Granska do, in the words of the capability table (Swedish, English).
    capability_note: tuple[str, str] = ("", "")

    def __init__(self, account: Any, secret: str, options: ConnectorOptions | None = None) -> None:
        if not secret:
            raise ValueError("a connector needs a secret")
        self.account_key: str = account.key
        self.account_name: str = getattr(account, "name", "") or account.key
        self.external_id: str = getattr(account, "external_id", None) or ""
        self.options = options or ConnectorOptions()
        self._secret = secret
        self.api_version = getattr(account, "api_version", None) or self.default_api_version
        base = (getattr(account, "api_base_url", None) or self.default_base_url).replace(
            "{version}", self.api_version
        )
        self.http = PlatformHTTP(
            base,
            account_label=f"{self.account_name} ({self.account_key})",
            platform_label=self.platform_label,
            headers=self.headers(secret),
            read_error=self.read_error,
            by_status=self.error_by_status,
            read_wait=self.read_wait,
            renew=self.options.renew_token,
            retry=self.options.retry,
            timeouts=self.options.timeouts,
            **({"sleep": self.options.sleep} if self.options.sleep else {}),
        )

    @property
    def secret(self) -> str:
        """The token it was made with, for the sync's child process that runs the same
        connector (services/intake/sync_process.py): handed over a pipe, never logged."""
        return self._secret

    def __repr__(self) -> str:  # never the secret
        return f"<{type(self).__name__} {self.account_key}>"

    # -- errors, in words that name the account and say what to do -----------------------------
    @property
    def who(self) -> str:
        return f"{self.account_name} ({self.account_key})"

    def token_error(self, expired: bool | None = None) -> PlatformError:
        text = {
            True: translate("Core", "Token för %1 har gått ut: förnya den under Inställningar → Konton."),
            False: translate("Core", "Token för %1 är ogiltig: förnya den under Inställningar → Konton."),
            None: translate(
                "Core", "Token för %1 har gått ut eller är ogiltig: förnya den under Inställningar → Konton."
            ),
        }[expired]
        return PlatformError(say(text, self.who), "auth")

    def error_by_status(self, status: int, detail: str = "") -> PlatformError:
        """What the status code says, with the platform's own words in brackets."""
        label, said = self.platform_label, f" ({detail})" if detail else ""
        if status == 401:
            return self.token_error()
        if status == 403:
            text = translate(
                "Core",
                "Token för %1 saknar behörighet för detta%2. Ge den rätt "
                "behörigheter och spara den på nytt under Inställningar → Konton.",
            )
            return PlatformError(say(text, self.who, said), "permission")
        if status == 404:
            return PlatformError(
                say(translate("Core", "%1 hittar inte det som efterfrågades%2."), label, said), "not_found"
            )
        if status == 429:
            text = translate("Core", "%1 begränsar anropen för %2 just nu%3.")
            return PlatformError(say(text, label, self.who, said), "rate_limit")
        if status >= 500:
            text = translate("Core", "%1 har ett tillfälligt fel för %2%3.")
            return PlatformError(say(text, label, self.who, said), "transient")
        text = translate("Core", "%1 avvisade anropet för %2: %3")
        return PlatformError(say(text, label, self.who, detail or f"HTTP {status}"), "bad_response")

    # -- platform specifics ------------------------------------------------------------------
    def headers(self, secret: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {secret}", "Accept": "application/json"}

    def read_error(self, response: httpx.Response) -> PlatformError | None:
        raise NotImplementedError

    def read_wait(self, response: httpx.Response) -> float | None:
        return None

    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        raise NotImplementedError

    def check(self) -> PlatformResult:
        raise NotImplementedError

    # -- the protocol ------------------------------------------------------------------------
    def fetch(
        self, state: dict[str, Any] | None, progress: Callable[[int], None] | None = None
    ) -> FetchResult:
        started = self.options.clock()
        result = FetchResult()
        for chunk in self.chunks(state):
            result.items.extend(chunk.items)
            result.deleted.extend(chunk.deleted)
            if progress:
                progress(len(result.items))
        result.state = self.next_state(state, started)
        return result

    def hide(self, external_id: str) -> PlatformResult:
        return self.not_possible(translate("Core", "%1 låter inte sidans ägare dölja kommentarer."))

    def unhide(self, external_id: str) -> PlatformResult:
        return self.not_possible(translate("Core", "%1 låter inte sidans ägare visa dolda kommentarer."))

    def delete(self, external_id: str) -> PlatformResult:
        return self.not_possible(translate("Core", "%1 låter inte sidans ägare radera andras kommentarer."))

    def reply(self, external_id: str, text: str) -> PlatformResult:
        return self.not_possible(translate("Core", "%1 låter inte sidans ägare svara på kommentarer."))

    def not_possible(self, sentence: str) -> PlatformResult:
        """A refusal: `sentence` is a translate("Core", …) text with %1 for the platform."""
        return PlatformResult(False, say(sentence, self.platform_label))

    # -- sync window -------------------------------------------------------------------------
    def cutoff(self, state: dict[str, Any] | None) -> datetime:
        """Look back to the last sync, and at least the window, whichever is earlier."""
        state = state or {}
        window = timedelta(days=float(state.get("window_days", DEFAULT_WINDOW_DAYS)))
        floor = self.options.clock() - window
        since = parse_time(state.get("since"))
        return min(since, floor) if since else floor

    def next_state(self, state: dict[str, Any] | None, started: datetime) -> dict[str, Any]:
        new = dict(state or {})
        new["since"] = started.isoformat()
        new.pop("last_error", None)
        new.pop("last_error_said", None)
        return new

    def item(self, **fields: Any) -> IncomingItem:
        if fields.get("created_at") is None:
            fields["created_at"] = self.options.clock()  # never drop an item for a missing time
        # The platform's own text of the object, when it is one a listing delivered as it is.
        received = getattr(fields.get("raw"), "received", None)
        return IncomingItem(account=self.account_key, platform=self.platform, raw_json=received, **fields)
