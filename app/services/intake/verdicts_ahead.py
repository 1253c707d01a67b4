"""The flagging rules' verdicts for a sync's comments, worked out on the fetching thread.

The sync's writer thread is its slow side: while it waits on SQLite (which lets go of the
interpreter) the fetching thread is mostly idle. Each comment's verdict is a function of its
text alone, so the fetching thread works it out as a chunk arrives and the writer takes it
ready (100k comments: 0.25 s of the writer's Python, #20). A text whose verdict is not ready
(a chunk the fetching thread has not reached) is judged on the spot, as before: the verdict is
the same either way. The written part's verdicts are dropped after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.core.connector import FetchChunk
from app.core.incoming import IncomingItem
from app.core.pause_points import pause_point
from app.services.intake.rules import RuleSet, Verdict


class RulesAhead(RuleSet):
    """The same rules (their compiled lists shared, not copied), with verdicts judged ahead."""

    def __init__(self, rules: RuleSet) -> None:  # noqa: D107 - shares the rules' state
        self.__dict__.update(rules.__dict__)
        self._ready: dict[str, Verdict] = {}

    def judged(self, chunks: Iterator[FetchChunk]) -> Iterator[FetchChunk]:
        """`chunks`, each one's verdicts worked out before it is handed on (on the thread that
        iterates this: the sync's fetching thread). Closing this closes `chunks`."""
        judge, ready = super().evaluate, self._ready
        try:
            for chunk in chunks:
                for item in chunk.items:
                    pause_point()  # a person's write first (app/services/writer_turns.py)
                    if item.text not in ready:
                        ready[item.text] = judge(item.text)
                yield chunk
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()

    def evaluate(self, text: str) -> Verdict:
        verdict = self._ready.get(text)  # kept for the same text again; forget() drops it
        return verdict if verdict is not None else super().evaluate(text)

    def forget(self, items: Iterable[IncomingItem]) -> None:
        """The written items' verdicts not taken (items already stored): not kept all sync."""
        ready = self._ready
        for item in items:
            ready.pop(item.text, None)

    def clear(self) -> None:
        self._ready.clear()
