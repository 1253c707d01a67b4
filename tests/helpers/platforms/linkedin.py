"""LinkedIn Community Management API as documented (learn.microsoft.com/linkedin): versioned
`/rest` endpoints that refuse calls without `LinkedIn-Version` and Rest.li 2.0.0; posts by
author, `socialActions/{urn}/comments` with start / count paging; errors as
`{"status", "serviceErrorCode", "code", "message"}`."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from tests.helpers.platforms.data import FakeComment, FakePost, Store, page
from tests.helpers.platforms.server import FakePlatform, Request, Response

COMMENT_URN = re.compile(r"^urn:li:comment:\(urn:li:(?:activity|share|ugcPost):(?P<post>\d+),(?P<id>\d+)\)$")
POST_URN = re.compile(r"^urn:li:(?:activity|share|ugcPost):(?P<post>\d+)$")


def li_error(status: int, code: str, message: str, service_code: int = 0) -> Response:
    return Response.json(
        {"status": status, "serviceErrorCode": service_code, "code": code, "message": message}, status
    )


def ms(value: Any) -> int:
    return int(value.timestamp() * 1000)


class FakeLinkedIn(FakePlatform):
    def __init__(self, org_id: str = "2414183", name: str = "Vadstena kommun", **kw: Any) -> None:
        super().__init__(**kw)
        self.org_id = org_id
        self.org_urn = f"urn:li:organization:{org_id}"
        self.name = name
        self.store = Store(id_prefix="71000")
        self.deleted_by_page: list[str] = []

    def auth_error(self, request: Request) -> Response:
        if self.token_expired:
            return li_error(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", 65602)
        return li_error(401, "INVALID_ACCESS_TOKEN", "Invalid access token", 65600)

    def throttle(self, *, match: str = "", times: int = 1) -> None:
        self.fail(
            li_error(
                429,
                "TOO_MANY_REQUESTS",
                "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.",
                101,
            ),
            match=match,
            times=times,
        )

    def comment_urn(self, c: FakeComment) -> str:
        return f"urn:li:comment:(urn:li:activity:{c.post_id},{c.id})"

    def comment_json(self, c: FakeComment) -> dict[str, Any]:
        urn = self.comment_urn(c)
        actor = f"urn:li:person:{c.author_id}"
        children = self.store.replies(c.id)
        body: dict[str, Any] = {
            "actor": actor, "commentUrn": urn, "$URN": urn, "id": c.id,
            "created": {"actor": actor, "time": ms(c.created)},
            "lastModified": {"actor": actor, "time": ms(c.updated or c.created)},
            "message": {"attributes": [], "text": c.text}, "object": f"urn:li:activity:{c.post_id}",
            "commentsSummary": {"aggregatedTotalComments": len(children),
                                "totalFirstLevelComments": len(children)},
            "likesSummary": {"totalLikes": 0, "likedByCurrentUser": False},
        }  # fmt: skip
        if c.parent_id:
            body["parentComment"] = self.comment_urn(self.store.comments[c.parent_id])
        return body

    def post_json(self, p: FakePost) -> dict[str, Any]:
        return {
            "id": f"urn:li:share:{p.id}",
            "author": self.org_urn,
            "commentary": p.text,
            "visibility": "PUBLIC",
            "lifecycleState": "PUBLISHED",
            "createdAt": ms(p.created),
            "publishedAt": ms(p.created),
            "lastModifiedAt": ms(p.created),
        }

    def collection(self, request: Request, rows: list[Any], render: Any, with_total: bool = True) -> Response:
        count = min(int(request.query.get("count", 10)), 100)
        start = int(request.query.get("start", 0))
        chunk, following = page(rows, start, count)
        paging: dict[str, Any] = {"start": start, "count": count, "links": []}
        if with_total:
            paging["total"] = len(rows)
        if following is not None:
            paging["links"].append(
                {
                    "type": "application/json",
                    "rel": "next",
                    "href": f"{quote(request.path)}?count={count}&start={following}",
                }
            )
        return Response.json({"paging": paging, "elements": [render(r) for r in chunk]})

    def handle(self, request: Request) -> Response:
        version = request.headers.get("linkedin-version", "")
        if not re.fullmatch(r"\d{6}", version):
            return li_error(
                400,
                "VERSION_MISSING",
                "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
            )
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return li_error(400, "ILLEGAL_ARGUMENT", "Rest.li protocol version 2.0.0 is required.")
        path = request.path
        store = self.store
        if request.method == "GET" and path == f"/rest/organizations/{self.org_id}":
            return Response.json(
                {"id": int(self.org_id), "localizedName": self.name, "vanityName": "vadstena-kommun"}
            )
        if request.method == "GET" and path == "/rest/posts":
            if request.query.get("q") != "author" or request.query.get("author") != self.org_urn:
                return li_error(400, "ILLEGAL_ARGUMENT", "Invalid finder or author.")
            return self.collection(request, store.posts_newest_first(), self.post_json, with_total=False)
        match = re.fullmatch(r"/rest/socialActions/(?P<urn>.+?)/comments(?:/(?P<cid>\d+))?", path)
        if not match:
            return li_error(404, "NOT_FOUND", "Not Found")
        urn, cid = match["urn"], match["cid"]
        target_post = POST_URN.match(urn)
        target_comment = COMMENT_URN.match(urn)
        if request.method == "GET" and target_post and target_post["post"] in store.posts:
            return self.collection(request, store.top_level(target_post["post"]), self.comment_json)
        if request.method == "GET" and target_comment and target_comment["id"] in store.comments:
            return self.collection(request, store.replies(target_comment["id"]), self.comment_json)
        if request.method == "DELETE" and cid:
            if request.query.get("actor") != self.org_urn:
                return li_error(403, "ACCESS_DENIED", "Not enough permissions to delete this comment.", 100)
            if cid not in store.comments:
                return li_error(404, "NOT_FOUND", f"Comment {cid} not found.")
            store.delete(cid)
            self.deleted_by_page.append(cid)
            return Response(204)
        if target_comment and target_comment["id"] not in store.comments:
            return li_error(404, "NOT_FOUND", f"Comment {target_comment['id']} not found.")
        if request.method == "POST" and (target_post or target_comment):
            body = request.json()
            parent = store.comments[target_comment["id"]] if target_comment else None
            post_id = (target_comment or target_post)["post"]
            reply = store.add_comment(
                store.posts[post_id], body["message"]["text"], parent=parent, author=(self.org_id, self.name)
            )
            return Response.json(self.comment_json(reply), 201, {"x-restli-id": self.comment_urn(reply)})
        return li_error(404, "NOT_FOUND", "Not Found")
