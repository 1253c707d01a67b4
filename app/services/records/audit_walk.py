"""`audit verify`'s walk along the chain, over rows already read: each event against the one
before it and its seals, the witnesses of the chain's end at their counts, and the evidence
copies events name without sealing them (kept for the evidence pass).

It imports no SQLAlchemy, no model, not even dataclasses (inspect is a megabyte): verify's second
process (audit_child) runs this very walk over rows it reads with the bare sqlite3 driver, and
verify itself over rows read through its own connection (audit_chain builds the statements, one
definition for both).
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator, Sequence
from datetime import datetime
from itertools import chain

from app.core.messages import say, told
from app.core.seal_text import GENESIS, Unreadable, details_json, event_digest, seals_digest, when
from app.services.records import audit_said as said
from app.services.records.audit_rows import END, Add

TYPE_CHECKING = False  # typing is most of a megabyte in verify's lean second process (audit_child)


if TYPE_CHECKING:
    from typing import Any, Protocol

    class Witnessed(Protocol):
        @property
        def count(self) -> int | None: ...
        @property
        def hash(self) -> str: ...
        @property
        def source(self) -> str: ...


class Seen:
    """A witness as the walk keeps it (audit_witness.Witness without its module)."""

    __slots__ = ("count", "hash", "source")

    def __init__(self, count: int | None, hash: str, source: str) -> None:  # noqa: A002
        self.count, self.hash, self.source = count, hash, source


class ChainState:
    """Where the walk ended: what the rest of verify needs (picklable, for audit_parallel)."""

    def __init__(self, ordered: list[Seen], by_hash: dict[str, Seen]) -> None:
        self.count = 0
        self.running = GENESIS
        # evidence id -> (sha256, event id), only for events that do not seal the copy they
        # name (written before seals, or changed): the others are read again, in order, by _logged
        self.recorded: dict[int, tuple[str, int]] = {}
        self.ordered = ordered  # witnesses with a count, by count
        self.at_count = 0  # how many of `ordered` the walk has passed
        self.by_hash = by_hash  # bare hashes not yet seen
        self.pending: tuple[int, str, int, str] | None = None  # the first seal past the last event


def _stamp(value: Any) -> str:
    if isinstance(value, str):  # an iso_time
        value = datetime.fromisoformat(value)
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else said.UNKNOWN_TIME


def seal_rows(batches: Iterable[Sequence[Any]], add: Add) -> Generator[tuple[int, str, int, str]]:
    """Seals (event id, kind, record id, sha256) in (event id, seq) order, those whose event id
    is unreadable reported and left out."""
    for batch in batches:
        for row in batch:
            if type(row[0]) is not int:  # SQLite keeps what it is given; its event's hash breaks
                add(
                    END,
                    say(said.SEAL_ID_UNREADABLE, repr(str(row[0])[:40])),
                )
                continue
            yield row


def walk_rows(
    events: Iterable[Sequence[Any]],
    seals: Iterator[tuple[int, str, int, str]],
    add: Add,
    witnesses: Sequence[Witnessed],
) -> ChainState:
    """Every event (batches of (id, at, actor, action, item id, account id, details, prev hash,
    hash), in id order) with its seals (seal_rows, in the same order)."""
    seen = [Seen(w.count, w.hash, w.source) for w in witnesses]
    state = ChainState(
        ordered=sorted((w for w in seen if w.count is not None), key=lambda w: w.count or 0),
        by_hash={w.hash: w for w in seen if w.count is None},
    )
    ordered, by_hash, recorded = state.ordered, state.by_hash, state.recorded
    at_count = 0
    running = GENESIS
    count = 0
    sealed_evidence: set[int] = set()
    pending = next(seals, None)
    for (
        ev_id,
        ev_at,
        actor,
        action,
        item_id,
        account_id,
        raw_details,
        prev_hash,
        ev_hash,
    ) in chain.from_iterable(events):
        count += 1
        lines: list[str] = []
        orphaned = None
        sealed_evidence.clear()
        while pending is not None and pending[0] <= ev_id:
            if pending[0] < ev_id:
                orphaned = pending[0]
            else:
                kind, record_id = pending[1], pending[2]
                lines.append(f"{kind}:{record_id}:{pending[3]}\n")  # seals_digest_line
                if kind == "evidence":
                    sealed_evidence.add(record_id)
            pending = next(seals, None)
        if orphaned is not None:
            add(
                ev_id,
                say(said.ORPHAN_SEALS, orphaned),
            )
        try:
            at = when(ev_at)
            details = None if raw_details is None else details_json(raw_details)
            if details is not None and not isinstance(details, dict):
                raise Unreadable(said.DETAILS_NOT_OBJECT)
        except Unreadable as exc:
            add(
                ev_id,
                say(said.EVENT_UNREADABLE, ev_id, action, told(exc)),
            )
            at, details = None, None
        if prev_hash != running:
            add(
                ev_id,
                say(said.CHAIN_BREAKS, ev_id, action, _stamp(at)),
            )
        elif at is not None:
            try:
                digest = event_digest(
                    prev_hash, at, actor, action, item_id, account_id, details, seals_digest(lines)
                )
            except Unreadable as exc:
                add(ev_id, say(said.EVENT_UNREADABLE, ev_id, action, told(exc)))
            else:
                if digest != ev_hash:
                    add(ev_id, say(said.EVENT_CHANGED, ev_id, action, _stamp(at)))
        running = ev_hash
        while at_count < len(ordered) and ordered[at_count].count == count:
            w = ordered[at_count]
            if w.hash != running:
                add(
                    ev_id,
                    say(said.NOT_WITNESSED, ev_id, w.source),
                )
            at_count += 1
        by_hash.pop(running, None)
        if (
            isinstance(details, dict)
            and isinstance(details.get("evidence_id"), int)
            and details["evidence_id"] not in sealed_evidence
        ):
            recorded[details["evidence_id"]] = (str(details.get("sha256")), ev_id)
    state.count, state.running, state.at_count, state.pending = count, running, at_count, pending
    return state
