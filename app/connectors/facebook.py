"""Facebook Page through the Graph API: the page's posts, every comment and reply on them
(`filter=stream`), hide / unhide, delete and reply. Instagram shares the Graph API's error
shape and rate-limit headers, read here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

from app.connectors.common import CompleteListing, FetchChunk, PlatformConnector, parse_time
from app.connectors.oauth import OAuthSpec
from app.core.connector import Capabilities, PlatformResult
from app.core.errors import PlatformError
from app.core.incoming import IncomingItem
from app.core.messages import say, translate

GRAPH_VERSION = "v21.0"
GRAPH_BASE = "https://graph.facebook.com/{version}"
# Facebook Login with the municipality's own Meta app: the code and the long-lived exchange need
# its app secret; the Page token made from a long-lived user token does not expire.
PAGE_SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
)
META_OAUTH = OAuthSpec(
    auth_url="https://www.facebook.com/{version}/dialog/oauth",
    token_url="https://graph.facebook.com/{version}/oauth/access_token",
    scopes=(*PAGE_SCOPES, "business_management"),
    needed={a: ("pages_manage_engagement",) for a in ("hide", "delete", "reply")},
    flow="facebook",
    needs_secret=True,
    scope_separator=",",
    console="https://developers.facebook.com/apps",
    redirect_port=47615,
)

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
    if code in AUTH_CODES or (error.get("type") == "OAuthException" and response.status_code == 401):
        return connector.token_error(expired=subcode in EXPIRED_SUBCODES or "expired" in text.lower())
    if code in RATE_LIMIT_CODES:
        return connector.error_by_status(429, text)
    if code in TRANSIENT_CODES:
        return connector.error_by_status(500, text)
    if code in PERMISSION_CODES:
        return connector.error_by_status(403, text)
    if code == 100 and subcode == 33:
        return connector.error_by_status(404, text)
    return connector.error_by_status(response.status_code if response.status_code >= 500 else 400, text)


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
    default_api_version = GRAPH_VERSION
    oauth = META_OAUTH

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
            body = self.http.get_json(url, query, require="data")
            yield body.get("data") or []
            url, query = (body.get("paging") or {}).get("next"), None

    # How the two Graph platforms name the same actions.
    hide_param = "is_hidden"
    reply_edge = "comments"

    def _set_hidden(self, external_id: str, hidden: bool, done: str) -> PlatformResult:
        body = self.http.request_json("POST", external_id, data={self.hide_param: str(hidden).lower()})
        return self._success(body, done)

    def hide(self, external_id: str) -> PlatformResult:
        return self._set_hidden(
            external_id, True, say(translate("Core", "Kommentaren är dold på %1."), self.platform_label)
        )

    def unhide(self, external_id: str) -> PlatformResult:
        return self._set_hidden(
            external_id, False, say(translate("Core", "Kommentaren visas igen på %1."), self.platform_label)
        )

    def delete(self, external_id: str) -> PlatformResult:
        body = self.http.request_json("DELETE", external_id)
        return self._success(
            body, say(translate("Core", "Kommentaren är raderad på %1."), self.platform_label)
        )

    def reply(self, external_id: str, text: str) -> PlatformResult:
        edge = f"{external_id}/{self.reply_edge}"
        body = self.http.request_json("POST", edge, data={"message": text}) or {}
        return PlatformResult(
            True,
            say(translate("Core", "Svaret är publicerat på %1."), self.platform_label),
            ref=body.get("id"),
        )

    def _success(self, body: Any, done: str) -> PlatformResult:
        if isinstance(body, dict) and body.get("success") is False:
            raise PlatformError(
                say(translate("Core", "%1 svarade att det inte gick."), self.platform_label), "bad_response"
            )
        return PlatformResult(True, done)


class FacebookConnector(GraphConnector):
    platform = "facebook"
    platform_label = "Facebook"
    capabilities = Capabilities(can_hide=True, can_unhide=True, can_delete=True, can_reply=True)
    capability_note = (
        "Dölja (och visa igen), radera och svara.",
        "Hide (and show again), delete and reply.",
    )

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
        params = {
            "filter": "stream",
            "order": "chronological",
            "fields": COMMENT_FIELDS,
            "limit": self.options.page_size,
        }
        for comments in self.pages(f"{post_id}/comments", params):
            for comment in comments:
                seen.add(comment["id"])
                chunk.items.append(self._comment(comment, post_id))
        chunk.complete.append(CompleteListing(seen=frozenset(seen), post_external_id=post_id))
        return chunk

    def _comment(self, comment: dict[str, Any], post_id: str) -> IncomingItem:
        # Built directly, not through item(**fields): a hundred thousand per sync (#20).
        author = comment.get("from") or {}
        parent = (comment.get("parent") or {}).get("id") or post_id
        author_id = author.get("id")
        return IncomingItem(
            self.account_key, comment["id"], comment.get("message") or "",
            parse_time(comment["created_time"]) or self.options.clock(), self.platform, "comment",
            parent, post_id, author.get("name") or "", author_id,
            f"https://www.facebook.com/{author_id}" if author_id else None,
            comment.get("permalink_url"), None, comment, getattr(comment, "received", None),
        )  # fmt: skip

    def check(self) -> PlatformResult:
        page = self.http.get_json(self.external_id, {"fields": "id,name"}) or {}
        return PlatformResult(
            True,
            say(translate("Core", "Ansluten till Facebook-sidan %1."), page.get("name", self.external_id)),
        )
