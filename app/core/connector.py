"""The one protocol every platform connector implements, and the plain data it hands back.

Connectors are plain HTTP clients; they know nothing of the database. The services (remove,
notify, sync) decide what to do with their results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from app.core.incoming import IncomingItem


@dataclass(frozen=True)
class Capabilities:
    """What the platform lets a page owner do to others' comments; the UI offers only these."""

    can_fetch: bool = True
    can_hide: bool = False
    can_unhide: bool = False
    can_delete: bool = False
    can_reply: bool = False


@dataclass(frozen=True)
class PlatformResult:
    ok: bool
    message: str = ""
    ref: str | None = None  # e.g. the id or link of a posted reply


@dataclass
class FetchResult:
    items: list[IncomingItem] = field(default_factory=list)
    # Items the platform reports as deleted by their authors (external ids).
    deleted: list[str] = field(default_factory=list)
    # Opaque state for the next incremental sync (cursors, last seen time).
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CompleteListing:
    """The platform listed every comment that still exists in this scope. A stored comment in
    the scope that is missing from `seen` was deleted by its author."""

    seen: frozenset[str]
    post_external_id: str | None = None
    parent_external_id: str | None = None
    created_after: datetime | None = None
    top_level: bool = False  # only comments written directly on the post, not replies
    gone: frozenset[str] = frozenset()  # ids the platform itself reported as deleted

    @property
    def scoped(self) -> bool:
        return bool(self.post_external_id or self.parent_external_id or self.top_level or self.created_after)

    def covers(self, row: Any) -> bool:
        """Is this stored comment (with post/parent ids and created_at) inside the scope? A
        listing without any scope covers nothing: "everything" is never a claim."""
        if not self.scoped:
            return False
        if self.post_external_id and row.post_external_id != self.post_external_id:
            return False
        if self.parent_external_id and row.parent_external_id != self.parent_external_id:
            return False
        if self.top_level and row.parent_external_id not in (None, row.post_external_id):
            return False
        return not (self.created_after and row.created_at < self.created_after)


@dataclass
class FetchChunk:
    items: list[IncomingItem] = field(default_factory=list)
    complete: list[CompleteListing] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # ids the platform says were deleted


class Connector(Protocol):
    """One account on one platform. Failures raise app.core.errors.PlatformError."""

    platform: str
    capabilities: Capabilities

    def chunks(self, state: dict[str, Any] | None) -> Iterator[FetchChunk]:
        """The items since `state`, a page or a post at a time, with what each page proves
        complete (so sync can tell which comments their authors deleted)."""
        ...

    def next_state(self, state: dict[str, Any] | None, started: datetime) -> dict[str, Any]:
        """The state to keep for the next sync, after one that started at `started`."""
        ...

    def fetch(
        self, state: dict[str, Any] | None, progress: Callable[[int], None] | None = None
    ) -> FetchResult: ...

    def check(self) -> PlatformResult:
        """Does the token work? One cheap call; the message says what was found."""
        ...

    def hide(self, external_id: str) -> PlatformResult: ...

    def unhide(self, external_id: str) -> PlatformResult: ...

    def delete(self, external_id: str) -> PlatformResult: ...

    def reply(self, external_id: str, text: str) -> PlatformResult: ...


class ConnectorFactory(Protocol):
    """Builds the connector for an account (a row with key, name, external_id, api_base_url)
    and its secret. `options` are the connector's knobs (timeouts, retries)."""

    def __call__(self, account: Any, secret: str, options: Any = None) -> Connector: ...
