"""The one HTTP client every platform connector uses: timeouts, bounded retries with backoff
that honours Retry-After and the platform's own rate-limit signals, and errors sorted into
`PlatformError` by the platform module's own reader of its error shape.

Secrets travel only in request headers (never in URLs), so nothing that logs a URL — httpx
logs every request at INFO — can leak a token.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from app.connectors.received import decode_listing
from app.core.clock import utcnow
from app.core.errors import PlatformError
from app.core.messages import say, translate
from app.core.pause_points import pause_point

log = logging.getLogger(__name__)

# Query parameters that may carry a secret in a URL a platform hands back (Graph API's
# `paging.next` repeats an `access_token` when one was sent in the query).
SECRET_PARAMS = frozenset({"access_token", "key", "oauth_token", "client_secret"})

# Reads a failed response into a PlatformError (or None when the body says nothing useful).
ErrorReader = Callable[[httpx.Response], PlatformError | None]
# The error a status code alone means, for bodies the reader does not recognise (an HTML 502).
StatusReader = Callable[[int, str], PlatformError]
# Seconds the platform asks us to wait, from its own headers (None when it did not say).
WaitReader = Callable[[httpx.Response], float | None]


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5  # tries per request, the first included
    base_delay: float = 0.5  # first backoff; doubles each time, with jitter
    max_delay: float = 60.0  # a wait longer than this is not slept: the error goes up instead
    total_budget: float = 120.0  # all waits of one request together


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 30.0

    def as_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(self.read, connect=self.connect)


def storable(value: Any) -> Any:
    """What every database here can hold: NUL becomes a visible ␀, a lone surrogate U+FFFD.
    Both are hostile input from a commenter; the rest of the text is kept exactly."""
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "\u2400")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
        return value
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


# A NUL or a lone surrogate can only reach decoded JSON through a \\u escape of one; a page
# without such an escape needs no cleaning (the common case, checked in one fast scan).
_RISKY_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")


def strip_secrets(url: str) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in SECRET_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query)))


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The standard Retry-After header: seconds, or an HTTP date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - utcnow()).total_seconds())


class PlatformHTTP:
    """One platform's API behind a base URL, for one account. Use it as a context manager."""

    def __init__(
        self,
        base_url: str,
        *,
        account_label: str,
        platform_label: str,
        headers: dict[str, str],
        read_error: ErrorReader,
        by_status: StatusReader,
        read_wait: WaitReader | None = None,
        renew: Callable[[], str | None] | None = None,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.account_label = account_label
        self.platform_label = platform_label
        self._headers = headers
        self._read_error = read_error
        self._by_status = by_status
        self._read_wait = read_wait or (lambda _response: None)
        self._renew = renew
        self.retry = retry or RetryPolicy()
        self._timeouts = timeouts or Timeouts()
        self._sleep = sleep
        self._client: httpx.Client | None = None
        self.requests_made = 0

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> PlatformHTTP:
        self._client = httpx.Client(
            headers=self._headers, timeout=self._timeouts.as_httpx(), follow_redirects=False
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @contextmanager
    def session(self) -> Iterator[PlatformHTTP]:
        """Reuse the open client, or open one for the duration (single actions)."""
        if self._client is not None:
            yield self
            return
        with self:
            yield self

    # -- requests --------------------------------------------------------------------------
    def url(self, path: str) -> str:
        if path.startswith(("http://", "https://")):
            return strip_secrets(path)
        return f"{self.base_url}/{path.lstrip('/')}"

    def get_json(self, path: str, params: dict[str, Any] | None = None, require: str | None = None) -> Any:
        """`require`: the key a listing always has (Graph's `data`, YouTube's `items`...). A page
        without it is never read as "no comments" — that would call every comment deleted."""
        return self.request_json("GET", path, params=params, require=require)

    def request_json(self, method: str, path: str, require: str | None = None, **kwargs: Any) -> Any:
        """A request whose answer must be JSON. A body that does not parse (a proxy cut it
        short) or lacks `require` is retried like a server error, then reported."""
        response = self.request(method, path, expect_json=True, require=require, **kwargs)
        body = getattr(response, "granska_json", None)
        return storable(body) if body is not None and _RISKY_ESCAPE.search(response.content) else body

    def request(
        self, method: str, path: str, *, expect_json: bool = False, require: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        if self._client is None:
            with self:
                return self.request(method, path, expect_json=expect_json, require=require, **kwargs)
        url = self.url(path)
        if not kwargs.get("params"):
            kwargs.pop("params", None)  # httpx would drop the query a `next` URL already has
        waited = 0.0
        last: PlatformError | None = None
        renewed = False
        attempt = 0
        while attempt < self.retry.attempts:
            attempt += 1
            pause_point()  # during a sync in the window, a person's write first
            try:
                response = self._client.request(method, url, **kwargs)
                self.requests_made += 1
            except httpx.TimeoutException:
                last = self._fault(translate("Core", "%1 svarade inte i tid för kontot %2."), "transient")
            except httpx.TransportError as exc:
                last = self._fault(
                    translate("Core", "%1 gick inte att nå (%3) för kontot %2."),
                    "transient",
                    type(exc).__name__,
                )
            else:
                if response.is_success:
                    problem = self._unreadable(response, require) if expect_json else None
                    if problem is None:
                        self._pause_if_exhausted(response)
                        return response
                    last = self._fault(problem[0], "bad_response", *problem[1])
                else:
                    last = self._error_for(response)
                    if last.kind == "auth" and self._renewed(renewed):
                        renewed = True
                        attempt -= 1  # the same request with the fresh token: not a retry
                        continue
                    if not last.retryable:
                        raise last
            if attempt >= self.retry.attempts:
                break
            delay = self._delay(attempt, last)
            if delay > self.retry.max_delay or waited + delay > self.retry.total_budget:
                # Waiting this long belongs to the next sync, not to this call.
                raise self._with_retry_after(last, delay)
            log.info(
                "%s: %s; nytt försök om %.1f s (försök %d av %d)",
                self.platform_label,
                last,
                delay,
                attempt + 1,
                self.retry.attempts,
            )
            self._sleep(delay)
            waited += delay
        assert last is not None
        raise last

    # -- helpers ---------------------------------------------------------------------------
    def _renewed(self, already: bool) -> bool:
        """An access token the platform calls expired: a sign-in's is refreshed once per
        request and the request sent again; a pasted one (no `renew`) is not."""
        if already or self._renew is None or self._client is None:
            return False
        token = self._renew()
        if not token:
            return False
        self._headers["Authorization"] = f"Bearer {token}"
        self._client.headers["Authorization"] = f"Bearer {token}"
        return True

    @staticmethod
    def _unreadable(response: httpx.Response, require: str | None) -> tuple[str, tuple[object, ...]] | None:
        """Decode once, keep the result on the response for `request_json`; say what is wrong
        (a sentence for `_fault` and its parts after the platform and the account)."""
        body: Any = None
        if response.status_code != 204 and response.content:
            # A listing keeps each of its objects' text as received (the evidence copy).
            body = decode_listing(response.content) if require else None
            try:
                body = response.json() if body is None else body
            except (json.JSONDecodeError, UnicodeDecodeError):
                return translate(
                    "Core", "%1 skickade ett svar som inte gick att läsa (trasig JSON) för kontot %2."
                ), ()
        if require and not (isinstance(body, dict) and require in body):
            return translate("Core", "%1 skickade ett ofullständigt svar (utan %3) för kontot %2."), (
                repr(require),
            )
        response.granska_json = body  # type: ignore[attr-defined]
        return None

    def _fault(self, sentence: str, kind: str, *parts: object) -> PlatformError:
        """`sentence` a whole translatable one: %1 the platform, %2 the account, %3 … `parts`."""
        return PlatformError(say(sentence, self.platform_label, self.account_label, *parts), kind)

    def _error_for(self, response: httpx.Response) -> PlatformError:
        error = None
        try:
            error = self._read_error(response)
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError):
            error = None
        if error is None:
            error = self._by_status(response.status_code, "")
        if error.retry_after is None and error.retryable:
            error.retry_after = retry_after_seconds(response) or self._read_wait(response)
        return error

    def _delay(self, attempt: int, error: PlatformError) -> float:
        if error.retry_after is not None:
            return float(error.retry_after)
        backoff = self.retry.base_delay * (2.0 ** (attempt - 1))
        return backoff * (0.75 + random.random() / 2)  # jitter: clients do not retry in step

    @staticmethod
    def _with_retry_after(error: PlatformError, delay: float) -> PlatformError:
        if error.retry_after is None:
            error.retry_after = delay
        return error

    def _pause_if_exhausted(self, response: httpx.Response) -> None:
        """A success that says the quota is used up: wait before the next call, not after a 429."""
        wait = self._read_wait(response)
        if wait and wait > 0:
            if wait > self.retry.max_delay:
                return  # the next call gets a 429 and the error carries the wait
            log.info("%s: kvoten är slut, väntar %.1f s", self.platform_label, wait)
            self._sleep(wait)
