"""A real HTTP server on 127.0.0.1 in a thread, answering like a platform's documented API.

Faults (429, 500, slow answers, broken JSON) are queued on the server and served in place of
the next matching requests, so a test says exactly what goes wrong and when."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit


@dataclass
class Request:
    method: str
    path: str  # percent-decoded
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))

    @property
    def params(self) -> dict[str, str]:
        """Query and form body together, as the Graph API reads them."""
        merged = dict(self.query)
        if self.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            merged.update(self.form())
        return merged


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        """UTF-8 JSON; text UTF-8 cannot hold (a lone surrogate) goes out as \\u escapes, the
        only way a real server can send it."""
        try:
            body = json.dumps(value, ensure_ascii=False).encode()
        except UnicodeEncodeError:
            body = json.dumps(value).encode()
        return cls(status, body, {"Content-Type": "application/json; charset=UTF-8", **(headers or {})})


@dataclass
class Fault:
    """Served instead of the real answer to `times` requests whose path contains `match`,
    after letting `after` of them through. `delay` holds the answer back (longer than the
    client's timeout = a timeout); with no `response` the real answer comes, late."""

    response: Response | None = field(default_factory=lambda: Response(500, b"Internal Server Error"))
    match: str = ""
    times: int = 1
    delay: float = 0.0
    after: int = 0


class FakePlatform:
    """Subclasses answer `handle(request)`; the token check and fault queue live here."""

    def __init__(self, token: str = "token-abc-123") -> None:
        self.token = token
        self.token_expired = False
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self.crashes: list[str] = []
        self._expiry: tuple[str, int] | None = None
        # A FakeOAuth (tests/helpers/platforms/oauth.py): then exactly its live access tokens work.
        self.oauth: Any = None

    # -- for tests -------------------------------------------------------------------------
    def fail(
        self,
        response: Response | None,
        *,
        match: str = "",
        times: int = 1,
        delay: float = 0.0,
        after: int = 0,
    ) -> None:
        with self._lock:
            self.faults.append(Fault(response, match, times, delay, after))

    def fail_slowly(self, delay: float, **where: Any) -> None:
        self.fail(None, delay=delay, **where)

    def fail_with_broken_json(self, **where: Any) -> None:
        body = b'{"data": [{"id": "1", "message": "tru'
        self.fail(Response(200, body, {"Content-Type": "application/json"}), **where)

    def fail_with_server_error(self, **where: Any) -> None:
        self.fail(
            Response(
                500, b"<html><body>500 Internal Server Error</body></html>", {"Content-Type": "text/html"}
            ),
            **where,
        )

    def fail_with_429(self, retry_after: int, **where: Any) -> None:
        self.fail(Response(429, b"Too Many Requests", {"Retry-After": str(retry_after)}), **where)

    def expire_token(self, *, after: int = 0, match: str = "") -> None:
        """Now, or once `after` more requests whose path contains `match` have been answered."""
        if after <= 0:
            self.token_expired = True
        else:
            self._expiry = (match, after)

    def renew_token(self, token: str) -> None:
        self.token, self.token_expired = token, False

    def count(self, path_part: str, method: str = "GET") -> int:
        return sum(1 for r in self.requests if path_part in r.path and r.method == method)

    # -- serving ---------------------------------------------------------------------------
    def dispatch(self, request: Request) -> tuple[Response, float]:
        delay = 0.0
        with self._lock:
            self.requests.append(request)
            if self._expiry and self._expiry[0] in request.path:
                match, left = self._expiry
                self._expiry = (match, left - 1) if left else None
                self.token_expired = self.token_expired or not left
            for fault in self.faults:
                if fault.match in request.path:
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    if fault.response is not None:
                        return fault.response, fault.delay
                    delay = fault.delay
                    break
        if self.oauth is not None and request.path.endswith("/me/accounts"):
            return self.oauth.me_accounts(request, self.bearer(request)), delay
        if not self.authorized(request):
            return self.auth_error(request), delay
        try:
            return self.handle(request), delay
        except Exception as exc:  # a bug in the fake must fail the test, not look like a 500
            self.crashes.append(f"{request.method} {request.path}: {exc!r}")
            return Response(599, repr(exc).encode()), delay

    def bearer(self, request: Request) -> str | None:
        value = request.headers.get("authorization", "")
        return value[7:] if value.lower().startswith("bearer ") else None

    def authorized(self, request: Request) -> bool:
        if self.oauth is not None:
            return bool(self.oauth.accepts(self.bearer(request))) and not self.token_expired
        return self.bearer(request) == self.token and not self.token_expired

    def auth_error(self, request: Request) -> Response:
        raise NotImplementedError

    def handle(self, request: Request) -> Response:
        raise NotImplementedError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, delayed ACKs add 40 ms to each.
    disable_nagle_algorithm = True
    platform: FakePlatform

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(
            method=self.command, path=unquote(parts.path), query=dict(parse_qsl(parts.query)),
            headers={k.lower(): v for k, v in self.headers.items()}, body=body,
        )  # fmt: skip
        response, delay = self.platform.dispatch(request)
        if delay and self.platform.stopping.wait(delay):
            return
        try:
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)
        except OSError:
            pass  # the client gave up (a timeout test): nothing to answer to

    do_GET = do_POST = do_PUT = do_DELETE = _serve


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-answer is part of the tests, not an error


class PlatformServer:
    """`with PlatformServer(FakeFacebook()) as server: server.url ...`"""

    def __init__(self, platform: FakePlatform) -> None:
        self.platform = platform
        handler = type("Handler", (_Handler,), {"platform": platform})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            name="fake-platform",
            kwargs={"poll_interval": 0.05},
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> PlatformServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.platform.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
