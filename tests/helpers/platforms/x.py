"""X API v2 as documented (docs.x.com): user posts, recent search by `conversation_id` with
`next_token`, hide replies, create post; `x-rate-limit-*` headers on every answer, problem
details (`{"title", "detail", "type", "status"}`) on errors."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from tests.helpers.platforms.data import FakeComment, FakePost, Store, iso, page
from tests.helpers.platforms.server import FakePlatform, Request, Response


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> Response:
    return Response.json(
        {"title": title, "detail": detail, "type": "about:blank", "status": status}, status, headers
    )


def since(request: Request) -> datetime | None:
    value = request.query.get("start_time")
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


class FakeX(FakePlatform):
    def __init__(self, user_id: str = "2244994945", username: str = "vadstenakommun", **kw: Any) -> None:
        super().__init__(**kw)
        self.user_id = user_id
        self.username = username
        self.store = Store()
        self.window_limit = 450
        self.used: dict[str, int] = {}
        self.hidden_calls: list[tuple[str, bool]] = []

    def auth_error(self, request: Request) -> Response:
        return problem(401, "Unauthorized", "Unauthorized")

    def rate_headers(self, endpoint: str, reset_in: float = 900) -> dict[str, str]:
        used = self.used.get(endpoint, 0)
        return {
            "x-rate-limit-limit": str(self.window_limit),
            "x-rate-limit-remaining": str(max(0, self.window_limit - used)),
            "x-rate-limit-reset": str(int(time.time() + reset_in)),
        }

    def rate_limit(self, reset_in: float, *, match: str = "", times: int = 1) -> None:
        headers = {
            "x-rate-limit-limit": str(self.window_limit),
            "x-rate-limit-remaining": "0",
            "x-rate-limit-reset": str(int(time.time() + reset_in)),
        }
        self.fail(problem(429, "Too Many Requests", "Too Many Requests", headers), match=match, times=times)

    def tweet_json(self, item: FakePost | FakeComment) -> dict[str, Any]:
        if isinstance(item, FakePost):
            return {
                "id": item.id,
                "text": item.text,
                "created_at": iso(item.created),
                "conversation_id": item.id,
                "author_id": self.user_id,
                "edit_history_tweet_ids": [item.id],
            }
        parent = item.parent_id or item.post_id
        return {
            "id": item.edit_ids[-1],
            "text": item.text,
            "created_at": iso(item.created),
            "conversation_id": item.post_id,
            "author_id": item.author_id,
            "in_reply_to_user_id": self.user_id,
            "referenced_tweets": [{"type": "replied_to", "id": parent}],
            "edit_history_tweet_ids": list(item.edit_ids),
        }

    def listing(
        self, request: Request, rows: list[Any], token_param: str, endpoint: str, users: bool = False
    ) -> Response:
        size = int(request.query.get("max_results", 10))
        if not 10 <= size <= 100:
            return problem(
                400,
                "Invalid Request",
                f"The `max_results` query parameter value [{size}] is not between 10 and 100",
            )
        start = int(request.query.get(token_param, "0").lstrip("t") or 0)
        chunk, following = page(rows, start, size)
        body: dict[str, Any] = {"meta": {"result_count": len(chunk)}}
        if chunk:
            body["data"] = [self.tweet_json(r) for r in chunk]
            body["meta"].update(newest_id=body["data"][0]["id"], oldest_id=body["data"][-1]["id"])
            if users:
                authors = {(c.author_id, c.author_name) for c in chunk}
                body["includes"] = {
                    "users": [
                        {"id": a, "name": n, "username": n.lower().replace(" ", "_")}
                        for a, n in sorted(authors)
                    ]
                }
        if following is not None:
            body["meta"]["next_token"] = f"t{following}"
        self.used[endpoint] = self.used.get(endpoint, 0) + 1
        return Response.json(body, headers=self.rate_headers(endpoint))

    def handle(self, request: Request) -> Response:
        path = request.path
        store = self.store
        if request.method == "GET" and path == "/2/users/me":
            return Response.json(
                {"data": {"id": self.user_id, "name": "Vadstena kommun", "username": self.username}}
            )
        if request.method == "GET" and path == f"/2/users/{self.user_id}/tweets":
            start = since(request)
            posts = [p for p in store.posts_newest_first() if start is None or p.created >= start]
            return self.listing(request, posts, "pagination_token", "timeline")
        if request.method == "GET" and path == "/2/tweets/search/recent":
            query = request.query.get("query", "")
            if not query.startswith("conversation_id:"):
                return problem(400, "Invalid Request", "One or more parameters to your request was invalid.")
            conversation = query.split(":", 1)[1]
            start = since(request)
            replies = [c for c in store.comments_of(conversation) if start is None or c.created >= start]
            replies.reverse()  # recent search answers newest first
            return self.listing(request, replies, "next_token", "search", users=True)
        if request.method == "PUT" and path.startswith("/2/tweets/") and path.endswith("/hidden"):
            tweet_id = path.split("/")[3]
            target = next((c for c in store.comments.values() if tweet_id in c.edit_ids), None)
            if target is None:
                return problem(404, "Not Found Error", f"Could not find tweet with id: [{tweet_id}].")
            hidden = bool(request.json()["hidden"])
            target.hidden = hidden
            self.hidden_calls.append((tweet_id, hidden))
            return Response.json({"data": {"hidden": hidden}})
        if request.method == "POST" and path == "/2/tweets":
            body = request.json()
            parent_id = body["reply"]["in_reply_to_tweet_id"]
            parent = next(c for c in store.comments.values() if parent_id in c.edit_ids)
            reply = store.add_comment(
                store.posts[parent.post_id],
                body["text"],
                parent=parent,
                author=(self.user_id, "Vadstena kommun"),
            )
            return Response.json(
                {"data": {"id": reply.id, "text": reply.text, "edit_history_tweet_ids": [reply.id]}}, 201
            )
        return problem(404, "Not Found Error", "Not Found")
