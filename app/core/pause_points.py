"""Points where background work may wait while a person's write waits for the writer or runs.

A sync in the window fetches and parses pages on a thread of its own while a decision pressed
meanwhile runs on the writer: both want the interpreter and the machine's cores. The sync sets
a hook for its threads (`pausing`); its fetching code calls `pause_point()` before each request
and between comments, and the hook blocks there (without the interpreter) until the person's
writes are done (app/services/writer_turns.py). Without a hook `pause_point()` does nothing.

The hook is a context variable: a thread started with the sync's context (`copy_context()`)
has it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_hook: ContextVar[Callable[[], None] | None] = ContextVar("granska_pause_point", default=None)


def pause_point() -> None:
    hook = _hook.get()
    if hook is not None:
        hook()


@contextmanager
def pausing(hook: Callable[[], None] | None) -> Iterator[None]:
    """While inside, `pause_point()` in this context calls `hook`."""
    token = _hook.set(hook)
    try:
        yield
    finally:
        _hook.reset(token)
