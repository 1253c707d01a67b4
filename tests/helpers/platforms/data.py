"""The posts and comments a fake platform holds, and the things their authors do to them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

BASE_TIME = datetime.now(UTC).replace(microsecond=0) - timedelta(days=5)


@dataclass
class FakeComment:
    id: str
    post_id: str
    parent_id: str | None  # None: written directly on the post
    author_id: str
    author_name: str
    text: str
    created: datetime
    updated: datetime | None = None
    hidden: bool = False
    status: str = "published"  # YouTube: published, heldForReview, likelySpam, rejected
    edit_ids: list[str] = field(default_factory=list)  # X: every id the post had, oldest first


@dataclass
class FakePost:
    id: str
    text: str
    created: datetime


class Store:
    def __init__(self, id_prefix: str = "") -> None:
        self.posts: dict[str, FakePost] = {}
        self.comments: dict[str, FakeComment] = {}
        # Every comment ever added, per post; `comments` says which still exist. Keeps listing
        # one post's thread cheap when the store holds a hundred thousand comments.
        self._by_post: dict[str, list[FakeComment]] = {}
        self._ids = itertools.count(1000)
        self._prefix = id_prefix
        self._clock = itertools.count(1)

    def new_id(self) -> str:
        return f"{self._prefix}{next(self._ids)}"

    def _tick(self) -> datetime:
        return BASE_TIME + timedelta(seconds=next(self._clock))

    def add_post(
        self,
        text: str = "Välkommen på Medeltidsdagarna!",
        *,
        created: datetime | None = None,
        post_id: str | None = None,
    ) -> FakePost:
        post = FakePost(post_id or self.new_id(), text, created or self._tick())
        self.posts[post.id] = post
        return post

    def add_comment(
        self,
        post: FakePost,
        text: str,
        *,
        parent: FakeComment | None = None,
        author: tuple[str, str] = ("u1", "Anna Andersson"),
        created: datetime | None = None,
        comment_id: str | None = None,
        status: str = "published",
    ) -> FakeComment:
        cid = comment_id or self.new_id()
        comment = FakeComment(
            cid,
            post.id,
            parent.id if parent else None,
            author[0],
            author[1],
            text,
            created or self._tick(),
            status=status,
            edit_ids=[cid],
        )
        self.comments[comment.id] = comment
        self._by_post.setdefault(post.id, []).append(comment)
        return comment

    def add_thread(self, post: FakePost, n: int, *, replies_every: int = 0) -> list[FakeComment]:
        made: list[FakeComment] = []
        last_top: FakeComment | None = None
        for i in range(n):
            parent = last_top if replies_every and i % replies_every and last_top else None
            comment = self.add_comment(
                post,
                f"Kommentar {i} om {post.id}: när öppnar simhallen?",
                parent=parent,
                author=(f"u{i % 37}", f"Person {i % 37}"),
            )
            if parent is None:
                last_top = comment
            made.append(comment)
        return made

    # -- what authors do ---------------------------------------------------------------------
    def edit(self, comment_id: str, text: str, new_id: str | None = None) -> FakeComment:
        comment = self.comments[comment_id]
        comment.text = text
        comment.updated = comment.created + timedelta(minutes=5)
        if new_id:  # X: an edit is a new post id with the history attached
            comment.edit_ids.append(new_id)
        return comment

    def delete(self, comment_id: str) -> FakeComment:
        """The author deletes: the platform stops listing it (and its replies)."""
        gone = self.comments.pop(comment_id)
        for child in [c for c in self.comments.values() if c.parent_id == comment_id]:
            self.comments.pop(child.id)
        return gone

    # -- queries -----------------------------------------------------------------------------
    def posts_newest_first(self) -> list[FakePost]:
        return sorted(self.posts.values(), key=lambda p: p.created, reverse=True)

    def comments_of(self, post_id: str) -> list[FakeComment]:
        alive = [c for c in self._by_post.get(post_id, ()) if self.comments.get(c.id) is c]
        return sorted(alive, key=lambda c: c.created)

    def top_level(self, post_id: str) -> list[FakeComment]:
        return [c for c in self.comments_of(post_id) if c.parent_id is None]

    def replies(self, comment_id: str) -> list[FakeComment]:
        parent = self.comments.get(comment_id)
        if parent is None:
            return []
        return [c for c in self.comments_of(parent.post_id) if c.parent_id == comment_id]


def page(rows: list, start: int, size: int) -> tuple[list, int | None]:
    """One page and where the next starts (None at the end)."""
    chunk = rows[start : start + size]
    following = start + size
    return chunk, following if following < len(rows) else None


def iso(value: datetime, style: str = "z") -> str:
    """`z`: 2026-05-01T10:00:00Z (Google, X); `graph`: 2026-05-01T10:00:00+0000 (Graph API)."""
    value = value.astimezone(UTC)
    if style == "graph":
        return value.strftime("%Y-%m-%dT%H:%M:%S+0000")
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
