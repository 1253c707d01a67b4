"""Which stored comments did their authors delete? Read from the scopes a sync just listed.

A platform that lists every comment of a post (or a thread, or a period) says, by leaving one
out, that its author deleted it. Only the stored comments inside those scopes can be called
deleted, and only the ones already marked can come back: those are the rows read here, each
through an index (the account's post, an id, the account's recent period, the few marked
ones), so the check costs what was listed, not the account's whole history.

A comment this very sync stored came from its listings (it is in `seen`), so a sync passes the
last item id stored before it began: the rows after it are left out of the scopes' reads, on the
index entry, before their rows are read (a first sync of 100k comments read every one of them
back to find it listed: 0.3 s of its writer's time, #20). Ids the platform itself reported
deleted are still read whenever they were stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, null, select
from sqlalchemy.orm import Session

from app.core.connector import CompleteListing
from app.models import Item, ItemKind, ItemStatus

# A comment in one of these states is already gone or being removed by us: its disappearing
# from the platform says nothing about its author.
NOT_AUTHOR_DELETABLE = (
    ItemStatus.REMOVED,
    ItemStatus.PENDING_PLATFORM,
    ItemStatus.REMOVE_BY_HAND,
    ItemStatus.WEEDED,
    ItemStatus.DELETED_BY_AUTHOR,
)

_COLUMNS = (
    Item.id,
    Item.external_id,
    Item.post_external_id,
    Item.parent_external_id,
    Item.status,
    Item.suggested_reason,
)
_CHUNK = 500  # values in one IN list


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def author_changes(
    session: Session,
    account_id: int,
    listings: Sequence[CompleteListing],
    stored_before: int | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(gone, back): status changes for the comments their authors deleted, and for those marked
    deleted that the platform lists again. `stored_before`: the last item id stored before the
    listings were fetched (None: every stored comment in the scopes is read)."""
    by_post: dict[str, CompleteListing] = {
        lst.post_external_id: lst for lst in listings if lst.post_external_id and not lst.parent_external_id
    }
    by_parent: dict[str, CompleteListing] = {
        lst.parent_external_id: lst for lst in listings if lst.parent_external_id
    }
    general = [lst for lst in listings if not lst.post_external_id and not lst.parent_external_id]
    seen: set[str] = set().union(*(lst.seen for lst in listings))
    gone_ids: set[str] = set().union(*(lst.gone for lst in listings))
    gone: list[dict[str, Any]] = []
    back: list[dict[str, Any]] = []
    for row in _candidates(session, account_id, by_post, by_parent, general, gone_ids, stored_before):
        if row.external_id in seen:
            if row.status == ItemStatus.DELETED_BY_AUTHOR:
                status = ItemStatus.FLAGGED if row.suggested_reason else ItemStatus.NEW
                back.append({"item_id": row.id, "old": row.status, "new": status})
            continue
        if row.status in NOT_AUTHOR_DELETABLE:
            continue
        scopes = [
            by_post.get(row.post_external_id or ""),
            by_parent.get(row.parent_external_id or ""),
            *general,
        ]
        if row.external_id in gone_ids or any(s is not None and s.covers(row) for s in scopes):
            gone.append({"item_id": row.id, "old": row.status, "new": ItemStatus.DELETED_BY_AUTHOR})
    return gone, back


def _candidates(
    session: Session,
    account_id: int,
    by_post: dict[str, CompleteListing],
    by_parent: dict[str, CompleteListing],
    general: list[CompleteListing],
    gone_ids: set[str],
    stored_before: int | None = None,
) -> Iterator[Any]:
    """Every stored comment of the account that a listing could cover, each once: a superset
    of what the rules above can mark or bring back, read through indexes only. Plain rows on
    the session's connection (no ORM loading: 100k rows of listed posts read in a third of the
    time), the creation time read only when a listing is bounded by one."""
    dated = any(lst.created_after for lst in (*by_post.values(), *by_parent.values(), *general))
    created_at = Item.created_at if dated else null().label("created_at")
    read = session.connection().execute
    columns = (*_COLUMNS, created_at)
    every = select(*columns).where(Item.account_id == account_id, Item.kind == ItemKind.COMMENT)
    # `+ 0`: a bound on the id, tested on each index entry, not a walk of the table by rowid.
    comments = every if stored_before is None else every.where(Item.id + 0 <= stored_before)
    if any(lst.scoped and not lst.created_after for lst in general):
        # "Every top-level comment", without a period: the whole account, as before.
        yield from read(comments)
        return
    wheres: list[ColumnElement[bool]] = []
    cutoffs = [lst.created_after for lst in general if lst.scoped and lst.created_after]
    if cutoffs:
        wheres.append(Item.created_at >= min(cutoffs))  # the account's recent period
    posts = set(by_post)
    parents = set(by_parent)
    # A thread's replies are read through its post: the parent comment, stored in this sync,
    # says which post that is. A parent not found (or without a post) is read by its own id.
    for chunk in _chunks(parents):
        found = read(
            select(Item.external_id, Item.post_external_id).where(
                Item.account_id == account_id, Item.external_id.in_(chunk)
            )
        )
        for external_id, post in found:
            if post:
                posts.add(post)
                parents.discard(external_id)
    for chunk in _chunks(posts):
        wheres.append(Item.post_external_id.in_(chunk))
    for chunk in _chunks(parents):
        wheres.append(Item.parent_external_id.in_(chunk))
    queries = [comments.where(where) for where in wheres]
    queries += [every.where(Item.external_id.in_(chunk)) for chunk in _chunks(gone_ids)]
    # The ones marked deleted, so that one the platform lists again can go back to the queue:
    # a few, found by status (`+ 0` keeps SQLite off the account's indexes, which hold them all).
    queries.append(
        select(*columns).where(
            Item.status == ItemStatus.DELETED_BY_AUTHOR,
            Item.account_id + 0 == account_id,
            Item.kind == ItemKind.COMMENT,
        )
    )
    done: set[int] = set()
    for query in queries:
        for row in read(query):
            if row.id not in done:
                done.add(row.id)
                yield row
