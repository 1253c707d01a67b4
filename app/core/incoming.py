"""The one record shape every source of items produces: JSON Lines import, the platform
connectors, manual entry and the demo data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.states import ItemKind


# Not frozen: a frozen dataclass costs ~4x as much to build, and a million are built per import.
# Treat instances as read-only all the same.
@dataclass(slots=True)
class IncomingItem:
    account: str
    external_id: str
    text: str
    created_at: datetime
    platform: str | None = None
    kind: str | None = None
    parent_external_id: str | None = None
    post_external_id: str | None = None
    author_name: str = ""
    author_id: str | None = None
    author_url: str | None = None
    permalink: str | None = None
    edited_at: datetime | None = None
    raw: dict[str, Any] | None = None
    # The JSON text of `raw` exactly as it arrived (an import line's own bytes), when known:
    # stored as it is, so the evidence copy is what the platform sent, not a re-encoding.
    raw_json: str | None = None

    @property
    def resolved_kind(self) -> str:
        if self.kind:
            return self.kind
        if self.parent_external_id or (self.post_external_id and self.post_external_id != self.external_id):
            return ItemKind.COMMENT
        return ItemKind.POST

    def is_own_post(self, account_external_id: str | None) -> bool:
        """The municipality's own post on its channel: context for the comments, never work.

        A post (named so by its connector, or a line that is its own thread's post) with a named
        author is the account's own unless the platform names another author (a visitor's post on
        a Facebook page's feed: its author's id is not the page's). A bare line that only lacks a
        thread (a hand-made import, an export from elsewhere) stays work, as does one with no
        author at all: what Granska cannot tell is someone's words, not context."""
        declared = self.kind == ItemKind.POST or (
            self.resolved_kind == ItemKind.POST and self.post_external_id == self.external_id
        )
        if not declared or not (self.author_name or self.author_id):
            return False
        return not (self.author_id and account_external_id and self.author_id != account_external_id)
