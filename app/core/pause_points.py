"""Points where background work may wait while a person's write waits for the writer or runs.

A sync in the window fetches and parses pages on a thread of its own while a decision pressed
meanwhile runs on the writer: both want the interpreter and the machine's cores. The sync sets
a hook for its threads (`pausing`); its fetching code calls `pause_point()` before each request
and between comments, and the hook blocks there (without the interpreter) until the person's
writes are done (app/services/writer_turns.py). Without a hook `pause_point()` does nothing.
Work that cannot wait at a point (a checkpoint of the log, one statement) runs
`interrupted_by_writes(stop)`: a write handed over meanwhile calls `stop`.

The hooks are context variables: a thread started with the sync's context (`copy_context()`)
has them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar

Interruptible = Callable[[Callable[[], None]], AbstractContextManager[None]]

_hook: ContextVar[Callable[[], None] | None] = ContextVar("granska_pause_point", default=None)
_interruptible: ContextVar[Interruptible | None] = ContextVar("granska_interruptible", default=None)


def pause_point() -> None:
    hook = _hook.get()
    if hook is not None:
        hook()


@contextmanager
def interrupted_by_writes(stop: Callable[[], None]) -> Iterator[None]:
    """While inside, a person's write handed over calls `stop` (on the thread handing it over)."""
    interruptible = _interruptible.get()
    if interruptible is None:
        yield
        return
    with interruptible(stop):
        yield


@contextmanager
def pausing(hook: Callable[[], None] | None, interruptible: Interruptible | None = None) -> Iterator[None]:
    """While inside, `pause_point()` in this context calls `hook`, and `interrupted_by_writes`
    enters `interruptible(stop)`."""
    token = _hook.set(hook)
    interrupts = _interruptible.set(interruptible)
    try:
        yield
    finally:
        _interruptible.reset(interrupts)
        _hook.reset(token)
