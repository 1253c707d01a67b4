"""YouTube Data API v3 as documented (developers.google.com/youtube/v3/docs): commentThreads.list,
comments.list, comments.setModerationStatus, comments.insert, channels.list; errors as
`{"error": {"code", "message", "errors": [{"message", "domain", "reason"}]}}`."""

from __future__ import annotations

import base64
from typing import Any

from tests.helpers.platforms.data import FakeComment, Store, iso, page
from tests.helpers.platforms.server import FakePlatform, Request, Response

PREFIX = "/youtube/v3/"
QUOTA_MESSAGE = (
    "The request cannot be completed because you have exceeded your "
    '<a href="/youtube/v3/getting-started#quota">quota</a>.'
)


def google_error(
    status: int, reason: str, message: str, domain: str = "youtube.commentThread", **extra: Any
) -> Response:
    error = {
        "code": status,
        "message": message,
        "errors": [{"message": message, "domain": domain, "reason": reason, **extra}],
    }
    return Response.json({"error": error}, status)


def token(index: int) -> str:
    return base64.urlsafe_b64encode(f"p{index}".encode()).decode().rstrip("=")


def untoken(value: str | None) -> int:
    if not value:
        return 0
    return int(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()[1:])


class FakeYouTube(FakePlatform):
    EMBEDDED_REPLIES = 2  # commentThread.replies holds only some of the replies

    def __init__(
        self, channel_id: str = "UCvadstena00000000000001", title: str = "Vadstena Play", **kw: Any
    ) -> None:
        super().__init__(**kw)
        self.channel_id = channel_id
        self.title = title
        self.store = Store(id_prefix="Ugx")

    def auth_error(self, request: Request) -> Response:
        return google_error(
            401,
            "authError",
            "Request had invalid authentication credentials. Expected "
            "OAuth 2 access token, login cookie or other valid authentication credential.",
            domain="global",
            location="Authorization",
            locationType="header",
        )

    def exceed_quota(self, *, match: str = "", times: int = 1) -> None:
        self.fail(
            google_error(403, "quotaExceeded", QUOTA_MESSAGE, domain="youtube.quota"),
            match=match,
            times=times,
        )

    def comment_json(self, c: FakeComment) -> dict[str, Any]:
        snippet: dict[str, Any] = {
            "channelId": self.channel_id, "videoId": c.post_id, "textDisplay": c.text,
            "textOriginal": c.text, "authorDisplayName": c.author_name,
            "authorProfileImageUrl": f"https://yt3.ggpht.com/{c.author_id}",
            "authorChannelUrl": f"http://www.youtube.com/channel/{c.author_id}",
            "authorChannelId": {"value": c.author_id}, "canRate": True, "viewerRating": "none",
            "likeCount": 0, "moderationStatus": c.status, "publishedAt": iso(c.created),
            "updatedAt": iso(c.updated or c.created),
        }  # fmt: skip
        if c.parent_id:
            snippet["parentId"] = c.parent_id
        return {"kind": "youtube#comment", "etag": f"e{c.id}{len(c.text)}", "id": c.id, "snippet": snippet}

    def thread_json(self, top: FakeComment, with_replies: bool) -> dict[str, Any]:
        replies = [r for r in self.store.replies(top.id) if r.status != "rejected"]
        thread: dict[str, Any] = {
            "kind": "youtube#commentThread", "etag": f"t{top.id}", "id": top.id,
            "snippet": {"channelId": self.channel_id, "videoId": top.post_id,
                        "topLevelComment": self.comment_json(top), "canReply": True,
                        "totalReplyCount": len(replies), "isPublic": True},
        }  # fmt: skip
        if with_replies and replies:
            thread["replies"] = {"comments": [self.comment_json(r) for r in replies[: self.EMBEDDED_REPLIES]]}
        return thread

    def listing(self, kind: str, rows: list[Any], request: Request, render: Any) -> Response:
        size = min(int(request.query.get("maxResults", 20)), 100)
        start = untoken(request.query.get("pageToken"))
        chunk, following = page(rows, start, size)
        body: dict[str, Any] = {
            "kind": kind,
            "etag": f"l{start}",
            "pageInfo": {"totalResults": len(rows), "resultsPerPage": size},
            "items": [render(r) for r in chunk],
        }
        if following is not None:
            body["nextPageToken"] = token(following)
        return Response.json(body)

    def handle(self, request: Request) -> Response:
        if not request.path.startswith(PREFIX):
            return google_error(404, "notFound", "Not Found", domain="global")
        resource = request.path[len(PREFIX) :]
        q = request.query
        store = self.store
        if request.method == "GET" and resource == "channels":
            items = [{"kind": "youtube#channel", "id": self.channel_id, "snippet": {"title": self.title}}]
            return Response.json(
                {
                    "kind": "youtube#channelListResponse",
                    "items": items if q.get("id") == self.channel_id else [],
                }
            )
        if request.method == "GET" and resource == "commentThreads":
            if q.get("allThreadsRelatedToChannelId") != self.channel_id:
                return google_error(
                    400, "invalidFilters", "The request specifies an invalid filter parameter."
                )
            status = q.get("moderationStatus", "published")
            tops = [c for c in store.comments.values() if c.parent_id is None and c.status == status]
            tops.sort(key=lambda c: c.created, reverse=True)  # order=time: newest first
            with_replies = "replies" in q.get("part", "")
            return self.listing(
                "youtube#commentThreadListResponse",
                tops,
                request,
                lambda c: self.thread_json(c, with_replies),
            )
        if request.method == "GET" and resource == "comments":
            parent = q.get("parentId")
            if parent not in store.comments:
                return google_error(
                    404,
                    "commentNotFound",
                    "The comment identified by the request's parentId parameter could not be found.",
                    domain="youtube.comment",
                )
            rows = [r for r in store.replies(parent) if r.status != "rejected"]
            return self.listing("youtube#commentListResponse", rows, request, self.comment_json)
        if request.method == "POST" and resource == "comments/setModerationStatus":
            ids = q.get("id", "").split(",")
            if any(i not in store.comments for i in ids):
                return google_error(
                    404,
                    "commentNotFound",
                    "One or more comments that the request is trying to update cannot be found.",
                    domain="youtube.comment",
                )
            for i in ids:
                store.comments[i].status = q["moderationStatus"]
            return Response(204)
        if request.method == "POST" and resource == "comments":
            snippet = request.json()["snippet"]
            parent = store.comments[snippet["parentId"]]
            reply = store.add_comment(
                store.posts[parent.post_id],
                snippet["textOriginal"],
                parent=parent,
                author=(self.channel_id, self.title),
            )
            return Response.json(self.comment_json(reply))
        return google_error(404, "notFound", "Not Found", domain="global")
