"""Facebook Page and Instagram as the Graph API answers them: `{"data": [...], "paging":
{"cursors": {"before", "after"}, "next"}}`, errors as `{"error": {"message", "type", "code",
"error_subcode", "fbtrace_id"}}` (developers.facebook.com/docs/graph-api)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tests.helpers.platforms.data import FakeComment, FakePost, Store, iso, page
from tests.helpers.platforms.server import FakePlatform, Request, Response

VERSION = "v21.0"


def cursor(index: int) -> str:
    return base64.b64encode(str(index).encode()).decode()


def uncursor(value: str | None) -> int:
    return int(base64.b64decode(value).decode()) if value else 0


def graph_error(
    message: str,
    code: int,
    *,
    subcode: int | None = None,
    kind: str = "OAuthException",
    status: int = 400,
    headers: dict[str, str] | None = None,
) -> Response:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEfGhIjK"}
    if subcode is not None:
        error["error_subcode"] = subcode
    return Response.json({"error": error}, status, headers)


class FakeGraph(FakePlatform):
    def __init__(self, owner_id: str, owner_name: str, token: str = "token-abc-123") -> None:
        super().__init__(token)
        self.owner_id = owner_id
        self.owner_name = owner_name
        self.store = Store(id_prefix="")
        self.actions: list[tuple[str, str, dict[str, str]]] = []

    # -- errors the documentation lists ------------------------------------------------------
    def auth_error(self, request: Request) -> Response:
        if self.token_expired:
            return graph_error(
                "Error validating access token: Session has expired on Tuesday, 01-Apr-25 10:00:00 PDT.",
                190,
                subcode=463,
            )
        return graph_error("Invalid OAuth access token - Cannot parse access token", 190)

    def throttle(self, minutes: int, *, match: str = "", times: int = 1) -> None:
        usage = {
            self.owner_id: [
                {
                    "type": "pages",
                    "call_count": 100,
                    "total_cputime": 30,
                    "total_time": 30,
                    "estimated_time_to_regain_access": minutes,
                }
            ]
        }
        self.fail(
            graph_error(
                "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
                80001,
                headers={"X-Business-Use-Case-Usage": json.dumps(usage)},
            ),
            match=match,
            times=times,
        )

    def not_found(self, object_id: str, method: str) -> Response:
        return graph_error(
            f"Unsupported {method.lower()} request. Object with ID '{object_id}' does "
            "not exist, cannot be loaded due to missing permissions, or does not "
            "support this operation.",
            100,
            subcode=33,
            kind="GraphMethodException",
        )

    # -- paging ------------------------------------------------------------------------------
    def paged(
        self, request: Request, rows: list[Any], render: Any, default_limit: int = 25, max_limit: int = 100
    ) -> dict[str, Any]:
        limit = min(int(request.query.get("limit", default_limit)), max_limit)
        start = uncursor(request.query.get("after"))
        chunk, following = page(rows, start, limit)
        body: dict[str, Any] = {"data": [render(r) for r in chunk]}
        if chunk:
            body["paging"] = {"cursors": {"before": cursor(start), "after": cursor(start + len(chunk))}}
            if following is not None:
                query = {**request.query, "after": cursor(following)}
                host = request.headers.get("host", "")
                body["paging"]["next"] = f"http://{host}{request.path}?{urlencode(query)}"
        return body

    def route(self, request: Request) -> tuple[str, str | None]:
        parts = request.path.strip("/").split("/")
        if not parts or parts[0] != VERSION or len(parts) < 2:
            return "", None
        return parts[1], parts[2] if len(parts) > 2 else None

    def since(self, request: Request) -> datetime | None:
        value = request.query.get("since")
        return datetime.fromtimestamp(int(value), UTC) if value else None


class FakeFacebook(FakeGraph):
    def __init__(self, page_id: str = "104520", name: str = "Vadstena kommun", **kw: Any) -> None:
        super().__init__(page_id, name, **kw)

    def post_json(self, post: FakePost) -> dict[str, Any]:
        return {
            "id": post.id,
            "message": post.text,
            "created_time": iso(post.created, "graph"),
            "updated_time": iso(post.created, "graph"),
            "permalink_url": f"https://www.facebook.com/{self.owner_id}/posts/{post.id}",
            "from": {"id": self.owner_id, "name": self.owner_name},
        }

    def comment_json(self, c: FakeComment) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": c.id, "message": c.text, "created_time": iso(c.created, "graph"),
            "from": {"id": c.author_id, "name": c.author_name}, "is_hidden": c.hidden,
            "permalink_url": f"https://www.facebook.com/{self.owner_id}/posts/{c.post_id}?comment_id={c.id}",
        }  # fmt: skip
        if c.parent_id:
            body["parent"] = {"id": c.parent_id}
        return body

    def handle(self, request: Request) -> Response:
        node, edge = self.route(request)
        store = self.store
        if request.method == "GET" and node == self.owner_id and edge is None:
            return Response.json({"id": self.owner_id, "name": self.owner_name})
        if request.method == "GET" and node == self.owner_id and edge == "feed":
            since = self.since(request)
            posts = [p for p in store.posts_newest_first() if since is None or p.created >= since]
            return Response.json(self.paged(request, posts, self.post_json))
        if request.method == "GET" and edge == "comments" and node in store.posts:
            stream = request.query.get("filter") == "stream"
            rows = store.comments_of(node) if stream else store.top_level(node)
            return Response.json(self.paged(request, rows, self.comment_json))
        if request.method == "GET" and edge == "comments" and node in store.comments:
            return Response.json(self.paged(request, store.replies(node), self.comment_json))
        if node not in store.comments:
            return self.not_found(node, request.method)
        params = request.params
        self.actions.append((request.method, request.path, params))
        if request.method == "POST" and edge is None and "is_hidden" in params:
            store.comments[node].hidden = params["is_hidden"] == "true"
            return Response.json({"success": True})
        if request.method == "DELETE" and edge is None:
            store.comments.pop(node)
            return Response.json({"success": True})
        if request.method == "POST" and edge == "comments":
            reply = store.add_comment(
                store.posts[store.comments[node].post_id],
                params["message"],
                parent=store.comments[node],
                author=(self.owner_id, self.owner_name),
            )
            return Response.json({"id": reply.id})
        return self.not_found(node, request.method)


class FakeInstagram(FakeGraph):
    NESTED_REPLIES = 2  # replies nested in a comment before `paging.next` points at the rest

    def __init__(self, user_id: str = "17841400", username: str = "vadstenakommun", **kw: Any) -> None:
        super().__init__(user_id, username, **kw)

    def media_json(self, post: FakePost) -> dict[str, Any]:
        return {
            "id": post.id,
            "caption": post.text,
            "timestamp": iso(post.created, "graph"),
            "permalink": f"https://www.instagram.com/p/{post.id}/",
            "username": self.owner_name,
            "comments_count": len(self.store.comments_of(post.id)),
        }

    def comment_json(self, c: FakeComment, host: str = "", fields: str = "") -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": c.id, "text": c.text, "timestamp": iso(c.created, "graph"), "username": c.author_name,
            "from": {"id": c.author_id, "username": c.author_name}, "hidden": c.hidden, "like_count": 0,
        }  # fmt: skip
        if c.parent_id:
            body["parent_id"] = c.parent_id
        elif "replies{" in fields:
            replies = self.store.replies(c.id)
            nested: dict[str, Any] = {"data": [self.comment_json(r) for r in replies[: self.NESTED_REPLIES]]}
            if len(replies) > self.NESTED_REPLIES:
                after = cursor(self.NESTED_REPLIES)
                nested["paging"] = {
                    "cursors": {"before": cursor(0), "after": after},
                    "next": f"http://{host}/{VERSION}/{c.id}/replies?"
                            + urlencode({"limit": self.NESTED_REPLIES, "after": after}),
                }  # fmt: skip
            body["replies"] = nested
        return body

    def handle(self, request: Request) -> Response:
        node, edge = self.route(request)
        store = self.store
        host = request.headers.get("host", "")
        fields = request.query.get("fields", "")
        if request.method == "GET" and node == self.owner_id and edge is None:
            return Response.json({"id": self.owner_id, "username": self.owner_name})
        if request.method == "GET" and node == self.owner_id and edge == "media":
            since = self.since(request)
            media = [p for p in store.posts_newest_first() if since is None or p.created >= since]
            return Response.json(self.paged(request, media, self.media_json))
        if request.method == "GET" and edge == "comments" and node in store.posts:
            render = lambda c: self.comment_json(c, host, fields)  # noqa: E731
            return Response.json(self.paged(request, store.top_level(node), render, max_limit=50))
        if request.method == "GET" and edge == "replies" and node in store.comments:
            return Response.json(self.paged(request, store.replies(node), self.comment_json, max_limit=50))
        if node not in store.comments:
            return self.not_found(node, request.method)
        params = request.params
        self.actions.append((request.method, request.path, params))
        if request.method == "POST" and edge is None and "hide" in params:
            store.comments[node].hidden = params["hide"] == "true"
            return Response.json({"success": True})
        if request.method == "DELETE" and edge is None:
            store.delete(node)
            return Response.json({"success": True})
        if request.method == "POST" and edge == "replies":
            top = store.comments[node]
            reply = store.add_comment(
                store.posts[top.post_id],
                params["message"],
                parent=top,
                author=(self.owner_id, self.owner_name),
            )
            return Response.json({"id": reply.id})
        return self.not_found(node, request.method)
