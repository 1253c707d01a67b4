"""The loopback redirect of a desktop sign-in (RFC 8252 §7.3): a one-shot HTTP listener on
127.0.0.1 on a free port, which the platform's authorization page sends the browser back to
with `code` and `state`. Only an answer carrying this sign-in's `state` is taken; anything else
ends the wait with a refusal (a page from somewhere else must not log the account in)."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from app.core.errors import EnvironmentFault
from app.core.messages import say, translate

DONE_PAGE = (
    "<!doctype html><html lang='sv'><meta charset='utf-8'><title>Granska</title>"
    "<body style='font-family:sans-serif'><h1>{title}</h1><p>{text}</p></body></html>"
)


class SignInRefused(EnvironmentFault):
    pass


@dataclass(frozen=True)
class Redirect:
    code: str


class LoopbackListener:
    """`with LoopbackListener(state) as listener: ... listener.redirect_uri ... listener.wait()`."""

    def __init__(self, state: str, port: int = 0, path: str = "/") -> None:
        self._state = state
        self._path = path
        self._answers: queue.Queue[dict[str, str]] = queue.Queue()
        answers = self._answers
        wanted = path

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - never log a code
                pass

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != wanted:
                    self.send_error(404)
                    return
                query = dict(parse_qsl(parts.query))
                ok = query.get("state") == state and "code" in query
                title, text = (
                    ("Klart", "Granska har tagit emot inloggningen. Du kan stänga den här fliken.")
                    if ok
                    else ("Inloggningen avbröts", "Gå tillbaka till Granska och försök igen.")
                )
                body = DONE_PAGE.format(title=title, text=text).encode()
                self.send_response(200 if ok else 400)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                answers.put(query)

        try:
            self._server = HTTPServer(("127.0.0.1", port), Handler)
        except OSError as exc:
            raise EnvironmentFault(
                say(
                    translate(
                        "Core",
                        "Granska kunde inte ta emot inloggningen på 127.0.0.1:%1 (%2); "
                        "porten används kanske av ett annat program.",
                    ),
                    port,
                    exc.strerror,
                )
            ) from None
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            name="sign-in-loopback",
            kwargs={"poll_interval": 0.1},
            daemon=True,
        )

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self._path}"

    def __enter__(self) -> LoopbackListener:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def wait(self, timeout: float, cancelled: Callable[[], bool] = lambda: False) -> Redirect:
        """The authorization code, once the browser comes back; bounded by `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            if cancelled():
                raise SignInRefused(translate("Core", "Inloggningen avbröts; inget sparades."))
            left = deadline - time.monotonic()
            if left <= 0:
                raise SignInRefused(
                    say(
                        translate(
                            "Core",
                            "Ingen inloggning kom tillbaka från webbläsaren inom %1 sekunder; inget "
                            "sparades. Kör kommandot igen och logga in i webbläsaren medan det väntar.",
                        ),
                        f"{timeout:.0f}",
                    )
                )
            try:
                query = self._answers.get(timeout=min(left, 0.2))
            except queue.Empty:
                continue
            if query.get("state") != self._state:
                raise SignInRefused(
                    translate(
                        "Core",
                        "Svaret till inloggningen hörde inte till den här inloggningen (state stämmer "
                        "inte) och avvisades; inget sparades. Försök igen.",
                    )
                )
            if "error" in query:
                said = query.get("error_description") or query["error"]
                raise SignInRefused(
                    say(translate("Core", "Plattformen avbröt inloggningen (%1); inget sparades."), said)
                )
            if not query.get("code"):
                raise SignInRefused(
                    translate("Core", "Plattformen skickade ingen kod tillbaka; inget sparades.")
                )
            return Redirect(query["code"])
