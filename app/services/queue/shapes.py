"""What the queue is made of, as plain data: filters, the work queues, the rows.

Kept free of SQLAlchemy (and so of app.models) on purpose: the window imports this at start-up
and shows itself while the database layer is still loading in the background. Status codes are
the values of app.models.ItemStatus (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

Cursor = tuple[datetime, int]

# Still waiting for an administrator's decision (app.models.OPEN_STATUSES).
OPEN_STATUSES = ("new", "flagged")
# Decided, but not yet done on the platform: a removal or an answer the platform or a person
# still has to carry out.
PENDING_STATUSES = ("pending_platform", "remove_by_hand", "answer_pending")
# A question still waiting for its answer: forwarded, or answered but not yet published.
AWAITING_ANSWER_STATUSES = ("forwarded", "answer_pending")
# What an administrator has finished with, and the platform too (weeded: gone from every queue).
DECIDED_STATUSES = (
    "kept", "removed", "answered", "registered", "handed_over", "deleted_by_author",
)  # fmt: skip


# Under a search the tabs' counts stop above this ("1 000+"): app/services/queue/capped_counts.py.
SEARCH_COUNT_CAP = 1000


@dataclass(frozen=True)
class QueueFilter:
    statuses: tuple[str, ...] = ()
    account_keys: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # suggested removal reason (the flag)
    questions_only: bool = False
    since: datetime | None = None
    until: datetime | None = None
    search: str = ""
    newest_first: bool = False
    # The question queue: in the order the accounts' promises run out (deadline_order.py).
    by_deadline: bool = False


@dataclass(frozen=True)
class Queue:
    """One of the work queues the window shows as tabs."""

    name: str
    statuses: tuple[str, ...]
    questions_only: bool = False
    newest_first: bool = False  # decided items: the latest first; open ones: longest waiting first
    by_deadline: bool = False  # questions: the least time left against the promise first

    def narrow(self, f: QueueFilter) -> QueueFilter:
        """`f` limited to this queue; a status filter outside the queue leaves it empty."""
        statuses = tuple(s for s in self.statuses if not f.statuses or s in f.statuses)
        return replace(
            f,
            statuses=statuses or (_NO_STATUS,),
            questions_only=f.questions_only or self.questions_only,
            by_deadline=f.by_deadline or self.by_deadline,
        )


_NO_STATUS = "-"  # matches no item: an empty intersection of status filters

QUEUES: tuple[Queue, ...] = (
    Queue("new", ("new",)),
    Queue("flagged", ("flagged",)),
    # "Vi svarar snabbt på frågor": questions nobody has decided on yet.
    Queue("questions", (*OPEN_STATUSES, *AWAITING_ANSWER_STATUSES), questions_only=True, by_deadline=True),
    Queue("pending", PENDING_STATUSES),
    Queue("decided", DECIDED_STATUSES, newest_first=True),
)
QUEUES_BY_NAME = {q.name: q for q in QUEUES}


def per_queue_counts(
    groups: dict[tuple[str, bool], int], f: Any, queues: tuple[Queue, ...]
) -> dict[str, int]:
    """Each queue's count under `f`, from items counted per (status, is_question)."""
    counts = {}
    for q in queues:
        narrowed = q.narrow(f)
        counts[q.name] = sum(
            n
            for (status, question), n in groups.items()
            if status in narrowed.statuses and (question or not narrowed.questions_only)
        )
    return counts


@dataclass(frozen=True)
class ItemSummary:
    id: int
    external_id: str
    account_key: str
    account_name: str
    platform: str
    kind: str
    author_name: str
    author_id: str | None
    text: str
    created_at: datetime
    edited_at: datetime | None
    status: str
    flags: list[dict[str, Any]] = field(default_factory=list)
    suggested_reason: str | None = None
    is_question: bool = False
    permalink: str | None = None
    # The time the page was ordered by when not the posting time (the question's deadline).
    sort_at: datetime | None = None

    @property
    def cursor(self) -> Cursor:
        return (self.sort_at or self.created_at, self.id)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "external_id": self.external_id,
            "account": self.account_key,
            "platform": self.platform,
            "kind": self.kind,
            "author_name": self.author_name,
            "author_id": self.author_id,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "edited_at": self.edited_at.isoformat() if self.edited_at else None,
            "status": self.status,
            "flags": self.flags,
            "suggested_reason": self.suggested_reason,
            "is_question": self.is_question,
            "permalink": self.permalink,
        }


def summary_from_row(row: Any) -> ItemSummary:
    """An ItemSummary from a row of listing.summary_statement's columns, in their order."""
    (
        item_id,
        external_id,
        account_key,
        account_name,
        platform,
        kind,
        author_name,
        author_id,
        text,
        created_at,
        edited_at,
        status,
        flags,
        suggested_reason,
        is_question,
        permalink,
    ) = row[:16]
    return ItemSummary(
        item_id,
        external_id,
        account_key,
        account_name,
        platform,
        kind,
        author_name,
        author_id,
        text,
        created_at,
        edited_at,
        status,
        flags or [],
        suggested_reason,
        bool(is_question),
        permalink,
    )


@dataclass(frozen=True)
class ItemDetail:
    item: ItemSummary
    author_url: str | None
    raw: dict[str, Any] | None
    fetched_at: datetime
    parent: ItemSummary | None
    post: ItemSummary | None
    versions: list[tuple[str, datetime | None, datetime]]  # (text, edited_at, replaced_at)
