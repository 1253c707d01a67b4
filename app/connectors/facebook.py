"""Facebook Page through the Graph API: the page's posts, every comment and reply on them
(`filter=stream`), hide / unhide, delete and reply. Instagram shares the Graph API's error
shape and rate-limit headers, read here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

from app.connectors.base import FACTORIES, Capabilities, PlatformError, PlatformResult
from app.connectors.common import CompleteListing, FetchChunk, PlatformConnector, parse_time

GRAPH_VERSION = "v21.0"
GRAPH_BASE = f"https://graph.facebook.com/{GRAPH_VERSION}"

# https://developers.facebook.com/docs/graph-api/guides/error-handling
AUTH_CODES = {102, 190}
RATE_LIMIT_CODES = {4, 17, 32, 341, 368, 613, *range(80001, 80015)}
TRANSIENT_CODES = {1, 2}
PERMISSION_CODES = {3, 10, *range(200, 300)}
EXPIRED_SUBCODES = {463}

POST_FIELDS = "id,message,created_time,updated_time,permalink_url,from{id,name}"
COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},permalink_url,is_hidden"


def read_graph_error(connector: PlatformConnector, response: httpx.Response) -> PlatformError | None:
    """`{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}` → PlatformError."""
    error = response.json().get("error")
    if not isinstance(error, dict):
        return None
    code = int(error.get("code", 0) or 0)
    subcode = int(error.get("error_subcode", 0) or 0)
    text = str(error.get("error_user_msg") or error.get("message") or "").strip()
    who = f"{connector.account_name} ({connector.account_key})"
    label = connector.platform_label
    if code in AUTH_CODES or (error.get("type") == "OAuthException" and response.status_code == 401):
        state = "har gått ut" if subcode in EXPIRED_SUBCODES or "expired" in text.lower() else "är ogiltig"
        return PlatformError(
            f"Token för {who} {state}: förnya den under Inställningar → Konton.", "auth"
        )
    if code in RATE_LIMIT_CODES:
        return PlatformError(f"{label} begränsar anropen för {who} just nu ({text}).", "rate_limit")
    if code in TRANSIENT_CODES or response.status_code >= 500:
        return PlatformError(f"{label} har ett tillfälligt fel för {who} ({text}).", "transient")
    if code in PERMISSION_CODES:
        return PlatformError(
            f"Token för {who} saknar behörighet för detta ({text}). Ge den rätt behörigheter "
            "och spara den på nytt under Inställningar → Konton.",
            "permission",
        )
    if code == 100 and subcode == 33:
        return PlatformError(f"{label} hittar inte det som efterfrågades för {who} ({text}).", "not_found")
    reason = text or f"HTTP {response.status_code}"
    return PlatformError(f"{label} avvisade anropet för {who}: {reason}", "bad_response")


def read_usage_wait(response: httpx.Response) -> float | None:
    """`X-Business-Use-Case-Usage` says how many minutes until a throttled page may call again."""
    raw = response.headers.get("X-Business-Use-Case-Usage")
    if not raw:
        return None
    try:
        usage = json.loads(raw)
    except json.JSONDecodeError:
        return None
    minutes = 0.0
    for entries in usage.values() if isinstance(usage, dict) else ():
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict):
                minutes = max(minutes, float(entry.get("estimated_time_to_regain_access") or 0))
    return minutes * 60 if minutes > 0 else None


class GraphConnector(PlatformConnector):
    default_base_url = GRAPH_BASE

    def read_error(self, response: httpx.Response) -> PlatformError | None:
        return read_graph_error(self, response)

    def read_wait(self, response: httpx.Response) -> float | None:
        return read_usage_wait(response)

    def pages(self, path: str, params: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
        """Cursor paging. `paging.next` (which carries `after=<cursors.after>`) is present only
        while there is more; the last page still has cursors, so they alone mean nothing."""
        url: str | None = path
        query: dict[str, Any] | None = params
        while url:
            body = self.http.get_json(url, query) or {}
            yield body.get("data") or []
            url, query = (body.get("paging") or {}).get("next"), None

    def _success(self, body: Any, done: str) -> PlatformResult:
        if isinstance(body, dict) and body.get("success") is False:
            raise PlatformError(f"{self.platform_label} svarade att det inte gick.", "bad_response")
        return PlatformResult(True, done)


class FacebookConnector(GraphConnector):
    platform = "facebook"
    platform_label = "Facebook"
    capabilities = Capabilities(can_hide=True, can_unhide=True, can_delete=True, can_reply=True)

    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        cutoff = self.cutoff(state)
        size = self.options.page_size
        with self.http.session():
            params = {"fields": POST_FIELDS, "since": int(cutoff.timestamp()), "limit": size}
            feed = self.pages(f"{self.external_id}/feed", params)
            for posts in feed:
                for post in posts:
                    yield self._thread(post)

    def _thread(self, post: dict[str, Any]) -> FetchChunk:
        post_id = post["id"]
        author = post.get("from") or {}
        chunk = FetchChunk()
        chunk.items.append(self.item(
            external_id=post_id, kind="post", text=post.get("message") or "",
            created_at=parse_time(post["created_time"]), post_external_id=post_id,
            author_name=author.get("name") or self.account_name, author_id=author.get("id"),
            permalink=post.get("permalink_url"), raw=post,
        ))  # fmt: skip
        seen: set[str] = set()
        params = {"filter": "stream", "order": "chronological", "fields": COMMENT_FIELDS,
                  "limit": self.options.page_size}  # fmt: skip
        for comments in self.pages(f"{post_id}/comments", params):
            for comment in comments:
                seen.add(comment["id"])
                chunk.items.append(self._comment(comment, post_id))
        chunk.complete.append(CompleteListing(seen=frozenset(seen), post_external_id=post_id))
        return chunk

    def _comment(self, comment: dict[str, Any], post_id: str) -> Any:
        author = comment.get("from") or {}
        parent = (comment.get("parent") or {}).get("id") or post_id
        author_id = author.get("id")
        return self.item(
            external_id=comment["id"], kind="comment", text=comment.get("message") or "",
            created_at=parse_time(comment["created_time"]), parent_external_id=parent,
            post_external_id=post_id, author_name=author.get("name") or "",
            author_id=author_id,
            author_url=f"https://www.facebook.com/{author_id}" if author_id else None,
            permalink=comment.get("permalink_url"), raw=comment,
        )  # fmt: skip

    def check(self) -> PlatformResult:
        page = self.http.get_json(self.external_id, {"fields": "id,name"}) or {}
        return PlatformResult(True, f"Ansluten till Facebook-sidan {page.get('name', self.external_id)}.")

    def hide(self, external_id: str) -> PlatformResult:
        body = self.http.request_json("POST", external_id, data={"is_hidden": "true"})
        return self._success(body, "Kommentaren är dold på Facebook.")

    def unhide(self, external_id: str) -> PlatformResult:
        body = self.http.request_json("POST", external_id, data={"is_hidden": "false"})
        return self._success(body, "Kommentaren visas igen på Facebook.")

    def delete(self, external_id: str) -> PlatformResult:
        body = self.http.request_json("DELETE", external_id)
        return self._success(body, "Kommentaren är raderad på Facebook.")

    def reply(self, external_id: str, text: str) -> PlatformResult:
        body = self.http.request_json("POST", f"{external_id}/comments", data={"message": text}) or {}
        return PlatformResult(True, "Svaret är publicerat på Facebook.", ref=body.get("id"))


FACTORIES["facebook"] = FacebookConnector
