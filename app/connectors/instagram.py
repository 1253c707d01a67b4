"""Instagram (professional account) through the Graph API: recent media, their comments and
the replies under each comment; hide / unhide (`hide=true`), delete and reply."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.connectors.common import CompleteListing, FetchChunk, parse_time
from app.connectors.facebook import META_OAUTH, PAGE_SCOPES, GraphConnector
from app.connectors.oauth import OAuthSpec
from app.core.connector import Capabilities, PlatformResult
from app.core.incoming import IncomingItem
from app.core.messages import say, translate

MEDIA_FIELDS = "id,caption,timestamp,permalink,username,comments_count"
REPLY_FIELDS = "id,text,timestamp,username,from{id,username},hidden,parent_id"
# Instagram business accounts are reached through the Facebook Page they are connected to.
INSTAGRAM_OAUTH = OAuthSpec(
    **{**META_OAUTH.__dict__, "scopes": (*PAGE_SCOPES, "instagram_basic", "instagram_manage_comments",
                                         "business_management"),
       "needed": {a: ("instagram_manage_comments",) for a in ("hide", "delete", "reply")}},
)  # fmt: skip
COMMENT_FIELDS = f"id,text,timestamp,username,from{{id,username}},hidden,like_count,replies{{{REPLY_FIELDS}}}"


class InstagramConnector(GraphConnector):
    platform = "instagram"
    platform_label = "Instagram"
    capabilities = Capabilities(can_hide=True, can_unhide=True, can_delete=True, can_reply=True)
    hide_param = "hide"
    oauth = INSTAGRAM_OAUTH
    capability_note = (
        "Dölja (och visa igen), radera och svara (via den Facebooksida kontot hör till).",
        "Hide (and show again), delete and reply (through the Facebook Page it belongs to).",
    )
    reply_edge = "replies"

    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        cutoff = self.cutoff(state)
        with self.http.session():
            media_pages = self.pages(
                f"{self.external_id}/media",
                {"fields": MEDIA_FIELDS, "since": int(cutoff.timestamp()), "limit": self.options.page_size},
            )
            for media_list in media_pages:
                older = False
                for media in media_list:
                    created = parse_time(media["timestamp"])
                    if created is not None and created < cutoff:
                        older = True  # newest first: the rest is older still
                        break
                    yield self._thread(media)
                if older:
                    break

    def _thread(self, media: dict[str, Any]) -> FetchChunk:
        media_id = media["id"]
        chunk = FetchChunk()
        chunk.items.append(self.item(
            external_id=media_id, kind="post", text=media.get("caption") or "",
            created_at=parse_time(media["timestamp"]), post_external_id=media_id,
            author_name=media.get("username") or self.account_name,
            permalink=media.get("permalink"), raw=media,
        ))  # fmt: skip
        seen: set[str] = set()
        params = {"fields": COMMENT_FIELDS, "limit": min(self.options.page_size, 50)}
        for comments in self.pages(f"{media_id}/comments", params):
            for comment in comments:
                seen.add(comment["id"])
                chunk.items.append(self._comment(comment, media_id, media_id, media))
                for reply in self._replies(comment):
                    seen.add(reply["id"])
                    chunk.items.append(self._comment(reply, comment["id"], media_id, media))
        chunk.complete.append(CompleteListing(seen=frozenset(seen), post_external_id=media_id))
        return chunk

    def _replies(self, comment: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """The first page of replies comes nested; the rest from `/{comment-id}/replies`."""
        nested = comment.get("replies") or {}
        yield from nested.get("data") or []
        following = (nested.get("paging") or {}).get("next")
        if following:
            for page in self.pages(following, {}):
                yield from page

    def _comment(
        self, comment: dict[str, Any], parent: str, media_id: str, media: dict[str, Any]
    ) -> IncomingItem:
        username = comment.get("username") or (comment.get("from") or {}).get("username") or ""
        raw = {k: v for k, v in comment.items() if k != "replies"}
        return self.item(
            external_id=comment["id"], kind="comment", text=comment.get("text") or "",
            created_at=parse_time(comment["timestamp"]),
            parent_external_id=comment.get("parent_id") or parent, post_external_id=media_id,
            author_name=username, author_id=(comment.get("from") or {}).get("id"),
            author_url=f"https://www.instagram.com/{username}/" if username else None,
            permalink=media.get("permalink"), raw=raw,
        )  # fmt: skip

    def check(self) -> PlatformResult:
        user = self.http.get_json(self.external_id, {"fields": "id,username"}) or {}
        name = user.get("username", self.external_id)
        return PlatformResult(True, say(translate("Core", "Ansluten till Instagram-kontot %1."), name))
