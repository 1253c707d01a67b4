"""A platform that behaves like one, for the workflow tests: an HTTP server on 127.0.0.1 that
hides, deletes and replies, counts every call (so a test in another process can be checked for
"exactly once"), and answers with scripted failures: 429 with Retry-After, 5xx, an expired
token. The connector double talks to it over real HTTP with httpx, as the platform connectors
do."""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from app.core.connector import Capabilities, FetchChunk, FetchResult, PlatformResult
from app.core.errors import PlatformError
from app.services.accounts.platforms import ConnectorRegistry

TEST_PLATFORM = "other"  # the accounts used with the double; no real connector claims it


class FakePlatform:
    """Start with `with FakePlatform() as platform:`; `platform.url` is the API base."""

    def __init__(self) -> None:
        self.calls: Counter[tuple[str, str]] = Counter()  # (operation, external id) -> calls
        self.hidden: set[str] = set()
        self.deleted: set[str] = set()
        self.replies: list[tuple[str, str]] = []  # (replied-to id, text)
        self._script: dict[str, deque[tuple[int, dict[str, str], dict[str, Any]]]] = defaultdict(deque)
        self._held: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                held = platform._held.get(self.path.rstrip("/").rsplit("/", 1)[-1])
                if held is not None:
                    held.wait(timeout=30)
                status, headers, payload = platform._answer(self.path, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakePlatform:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        for held in self._held.values():
            held.set()
        self._server.shutdown()
        self._server.server_close()

    def fail_next(
        self, operation: str, status: int, *, retry_after: int | None = None, code: str = "", times: int = 1
    ) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        for _ in range(times):
            self._script[operation].append((status, headers, {"error": code or f"http {status}"}))

    def hold(self, operation: str) -> threading.Event:
        """Answers to `operation` wait (a platform that is slow to answer) until the returned
        event is set."""
        self._held[operation] = threading.Event()
        return self._held[operation]

    def count(self, operation: str) -> int:
        return sum(n for (op, _), n in self.calls.items() if op == operation)

    def _answer(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        # /comments/<id>/<operation>
        parts = path.strip("/").split("/")
        external_id, operation = parts[1], parts[2]
        with self._lock:
            self.calls[(operation, external_id)] += 1
            if self._script[operation]:
                return self._script[operation].popleft()
            if operation == "hide":
                self.hidden.add(external_id)
            elif operation == "delete":
                if external_id in self.deleted:
                    return 404, {}, {"error": "not found"}
                self.deleted.add(external_id)
            elif operation == "reply":
                self.replies.append((external_id, body["text"]))
                return 200, {}, {"id": f"reply-{len(self.replies)}"}
        return 200, {}, {"ok": True}


class FakeConnector:
    """A connector for the double, mapping HTTP answers to PlatformError kinds as #5's do."""

    platform = TEST_PLATFORM
    default_capabilities = Capabilities(
        can_fetch=False, can_hide=True, can_unhide=False, can_delete=True, can_reply=True
    )

    def __init__(self, base_url: str, capabilities: Capabilities | None = None) -> None:
        self._base = base_url.rstrip("/")
        self.capabilities = capabilities or self.default_capabilities

    def _post(self, external_id: str, operation: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            response = httpx.post(
                f"{self._base}/comments/{external_id}/{operation}", json=body or {}, timeout=5.0
            )
        except httpx.HTTPError as exc:
            raise PlatformError(f"Plattformen svarar inte: {exc}", "transient") from None
        if response.status_code == 429:
            retry_after = float(response.headers.get("Retry-After", "60"))
            raise PlatformError(
                "För många anrop (429): plattformen bad oss vänta.", "rate_limit", retry_after
            )
        if response.status_code == 401:
            raise PlatformError(
                "Token för kontot har gått ut: förnya den under Inställningar → Konton.", "auth"
            )
        if response.status_code == 404:
            raise PlatformError("Finns inte på plattformen.", "not_found")
        if response.status_code >= 500:
            raise PlatformError(f"Plattformen svarade {response.status_code}.", "transient")
        return response.json()

    def fetch(self, state: Any, progress: Any = None) -> FetchResult:
        return FetchResult()

    def chunks(self, state: Any) -> Iterator[FetchChunk]:
        yield from ()

    def next_state(self, state: Any, started: datetime) -> dict[str, Any]:
        return {**(state or {}), "since": started.isoformat()}

    def check(self) -> PlatformResult:
        return PlatformResult(True, "Testplattformen svarar.")

    def hide(self, external_id: str) -> PlatformResult:
        self._post(external_id, "hide")
        return PlatformResult(True, "Dold på plattformen.")

    def unhide(self, external_id: str) -> PlatformResult:
        raise PlatformError("stöds inte", "permission")

    def delete(self, external_id: str) -> PlatformResult:
        self._post(external_id, "delete")
        return PlatformResult(True, "Raderad på plattformen.")

    def reply(self, external_id: str, text: str) -> PlatformResult:
        data = self._post(external_id, "reply", {"text": text})
        return PlatformResult(True, "Publicerat.", ref=data.get("id"))


class FakeRegistry(ConnectorRegistry):
    """Connectors to the double for the test platform's accounts that have an API address;
    none for any other account. Nothing is registered globally: each registry knows its own
    double, so no test leaves a connector behind for the next one."""

    def __init__(self, capabilities: Capabilities | None = None) -> None:
        super().__init__(secret_for=lambda account: "test-token" if account.api_base_url else None)
        self._capabilities = capabilities

    def for_account(self, account: Any) -> FakeConnector | None:
        if account.platform != TEST_PLATFORM or not account.api_base_url:
            return None
        return FakeConnector(account.api_base_url, self._capabilities)


def fake_registry(capabilities: Capabilities | None = None) -> ConnectorRegistry:
    return FakeRegistry(capabilities)
