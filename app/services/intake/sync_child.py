"""A large command-line sync's second process (started by sync_process): the account's
connector fetches and reads the platform's pages here, the flagging rules judge each item and
its row is built (item_rows.new_row), while the syncing process only writes the rows (#20: the
fetching, decoding and flagging are half a sync's Python, and two threads of one process take
turns with the interpreter).

A lean interpreter: this module and what it imports (the connectors, rules, item_rows) use no
SQLAlchemy and no model. The conversation over the child's stdin and stdout: the sync sends
sys.path, then the job (pickled; the token in it, never on a command line or in the
environment); the child answers with frames, each an 8-byte length and a marshal of a tuple:

- ("rows", rows, listings, deleted, encoded): one batch of the sync's (its batch size or
  more, or fewer before an item that came again), `rows` new_row tuples, `listings` what each
  page proved complete (listing_values), `deleted` the ids the platform said were deleted,
  `encoded` the ids whose `raw` was encoded here (no text as received: an update stores it
  as the sync in one process does);
- ("log", logger, level, message): a record the sync logs as its own;
- ("renew",): the platform called the token expired; the sync answers with a fresh one
  (pickled on the child's stdin, None when there is none);
- ("end",) after the last batch, or ("error", kind, ...) instead: nothing else follows.
"""

from __future__ import annotations

import gc
import importlib
import json
import logging
import marshal
import pickle
import sys
import threading
from types import SimpleNamespace

from app.core.clock import utcnow
from app.core.driver_time import to_driver_datetime
from app.core.errors import PlatformError
from app.core.messages import kept, told
from app.services.intake.item_rows import new_row
from app.services.intake.prefetch import prefetched
from app.services.intake.rules import RuleSet

TYPE_CHECKING = False  # typing is most of a megabyte in this lean process
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import IO, Any

    from app.core.connector import CompleteListing

BOOT = (
    "import pickle, sys; sys.path[:0] = pickle.load(sys.stdin.buffer); "
    "from app.services.intake.sync_child import serve; serve()"
)
FLAG = "--granska-sync-child"  # the frozen bundle's child (packaging/launch.py)


class Job:
    """What the child is to do, all of it plain data (the connector's options pickled)."""

    def __init__(
        self,
        connector: tuple[str, str],
        account: dict[str, Any],
        secret: str,
        options: Any,
        renews: bool,
        state: dict[str, Any] | None,
        row_account: tuple[int, str | None],
        lists: dict[str, list[str]],
        batch: int,
        log_level: int,
    ) -> None:
        self.connector = connector  # module, class
        self.account = account  # key, name, external_id, api_base_url, api_version
        self.secret = secret
        self.options = options  # ConnectorOptions without renew_token
        self.renews = renews  # the sync can renew the token (asked with a "renew" frame)
        self.state = state  # the account's sync_state
        self.row_account = row_account  # the account's id and external id, for its rows
        self.lists = lists  # the rule set's word lists
        self.batch = batch  # items a batch (SyncService's batch_size)
        self.log_level = log_level  # the sync's: the records it would log are sent

    def __repr__(self) -> str:  # never the secret
        return f"<sync_child.Job {self.account.get('key')}>"


def listing_values(listing: CompleteListing) -> tuple[Any, ...]:
    """A CompleteListing as plain values (marshal), and back: sync_process.listing_of."""
    after = listing.created_after
    return (
        listing.seen, listing.post_external_id, listing.parent_external_id,
        None if after is None else after.isoformat(), listing.top_level, listing.gone,
    )  # fmt: skip


def work(job: Job, send: Callable[[tuple[Any, ...]], None], renew: Callable[[], str | None]) -> None:
    module, name = job.connector
    options = job.options
    if job.renews:
        from dataclasses import replace

        options = replace(options, renew_token=renew)
    factory = getattr(importlib.import_module(module), name)
    connector = factory(SimpleNamespace(**job.account), job.secret, options=options)
    evaluate = RuleSet(job.lists).evaluate
    account_id, account_external_id = job.row_account
    rows: list[tuple[Any, ...]] = []
    listings: list[tuple[Any, ...]] = []
    deleted: list[str] = []
    encoded: list[str] = []
    seen: set[str] = set()

    def flush() -> None:
        nonlocal rows, listings, deleted, encoded, seen
        send(("rows", rows, listings, deleted, encoded))
        rows, listings, deleted, encoded, seen = [], [], [], [], set()

    # The next pages download while this thread flags the last ones and builds their rows.
    for chunk in prefetched(connector.chunks(job.state)):
        now_db = to_driver_datetime(utcnow(), "sqlite")  # fetched_at: when its page arrived
        for item in chunk.items:
            if item.external_id in seen:  # the same item again: an update, in a later part
                flush()
            seen.add(item.external_id)
            if item.raw_json is None and item.raw is not None:
                encoded.append(item.external_id)
            verdict = evaluate(item.text)
            rows.append(new_row(account_id, account_external_id, item, verdict, now_db, "sqlite"))
        listings.extend(listing_values(listing) for listing in chunk.complete)
        deleted.extend(chunk.deleted)
        if len(rows) >= job.batch:
            flush()
    flush()
    send(("end",))


class _Forward(logging.Handler):
    """The child's log records to the sync, which logs them as its own (a retry, a request)."""

    def __init__(self, send: Callable[[tuple[Any, ...]], None]) -> None:
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._send(("log", record.name, record.levelno, record.getMessage()))
        except OSError:  # the sync has gone
            pass


def error_frame(exc: BaseException) -> tuple[Any, ...]:
    if isinstance(exc, PlatformError):
        said = told(exc)
        plain = json.loads(json.dumps(kept(said)))  # its texts plain str (marshal takes no subclass)
        return ("error", "platform", str(said), plain, str(exc.kind), exc.retry_after)
    return ("error", "other", f"{type(exc).__name__}: {exc}")


def serve(source: IO[bytes] | None = None, answers: IO[bytes] | None = None) -> None:
    """The child's whole life: the job from stdin, the frames to stdout."""
    # The garbage collector stays on (the HTTP client's objects are in cycles: 300-560 MB kept
    # at 100k comments without it), looking less often: 2.15 s CPU at 100k instead of 2.43
    # (medians of 5-6 runs), 99 MB at most instead of 94.
    gc.set_threshold(10_000, 10, 10)
    source = source or sys.stdin.buffer
    answers = answers or sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print would break the frames
    write, flush = answers.write, answers.flush
    lock = threading.Lock()  # the fetching thread sends too (its log, a token to renew)

    def send(frame: tuple[Any, ...]) -> None:
        data = marshal.dumps(frame)
        with lock:
            write(len(data).to_bytes(8, "little"))
            write(data)
            flush()

    def renew() -> str | None:
        send(("renew",))
        token: str | None = pickle.load(source)
        return token

    try:
        job = pickle.load(source)
        forward = _Forward(send)
        logging.getLogger().addHandler(forward)
        logging.getLogger().setLevel(job.log_level)
        work(job, send, renew)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the sync
        try:
            send(error_frame(exc))
        except OSError:  # the sync has gone: no one to answer
            pass


def main() -> None:
    """The frozen bundle's child (packaging/launch.py): the path frame is the bundle's own."""
    pickle.load(sys.stdin.buffer)
    serve()
