"""A stand-in with the exact surface of app.services.moderation.ModerationService (contracts.md),
for the window's tests until issue #4's real service is on main.

It changes the item's status in the real database like the service will, refuses what the
service refuses (unknown codes, a missing diarienummer, an item already decided), records every
call, and can be held back (`gate`) to prove a slow call does not freeze the window.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.models import OPEN_STATUSES, Item
from app.models.base import utcnow
from app.services.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS


@dataclass(frozen=True)
class ActionOutcome:
    item_id: int
    action: str
    status: str
    pending: bool
    message: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    kind: str
    summary: str


SAVED_REPLIES = [
    ("oppettider", "Hej {name}! Öppettiderna finns på vadstena.se/oppettider. Välkommen!"),
    ("tack", "Hej {name}! Tack för dina vänliga ord, vi hälsar till alla som var med."),
]


class FakeModeration:
    def __init__(
        self, sessions: sessionmaker[Session], *, who: str = "testare", gate: threading.Event | None = None
    ) -> None:
        self._sessions = sessions
        self.who = who
        self.gate = gate
        self.calls: list[tuple[str, int, tuple[Any, ...]]] = []
        self.entered = threading.Event()  # a call has started (and may wait on the gate)
        self._history: dict[int, list[HistoryEntry]] = defaultdict(list)
        self._lock = threading.Lock()
        self.extra_history: dict[int, list[HistoryEntry]] = {}

    def _wait(self) -> None:
        self.entered.set()
        if self.gate is not None and not self.gate.wait(timeout=30):
            raise RuntimeError("the test never opened the gate")

    def _decide(
        self,
        action: str,
        item_id: int,
        status: str | None,
        summary: str,
        args: tuple[Any, ...],
        *,
        open_only: bool = True,
        pending: bool = False,
    ) -> ActionOutcome:
        self._wait()
        with self._lock:
            self.calls.append((action, item_id, args))
        with self._sessions.begin() as session:
            item = session.get(Item, item_id)
            if item is None:
                raise InputError(f"Posten {item_id} finns inte.")
            if open_only and item.status not in OPEN_STATUSES:
                raise InputError(f"Redan avgjord av någon annan (status {item.status}).")
            if status is not None:
                item.status = status
            final = item.status
        self._history[item_id].append(HistoryEntry(utcnow(), self.who, "decision", summary))
        return ActionOutcome(item_id, action, final, pending, f"{summary}.")

    def remove(
        self, item_id: int, reason: str, motivation: str | None = None, mode: str = "hide"
    ) -> ActionOutcome:
        if reason not in REMOVAL_REASONS:
            raise InputError(f"Okänt skäl {reason!r}.")
        # Demo items have no connector: the removal is done by hand, so it is pending.
        return self._decide(
            "remove",
            item_id,
            "remove_by_hand",
            f"Borttagen: {reason}",
            (reason, motivation, mode),
            pending=True,
        )

    def register(
        self, item_id: int, criterion: str, motivation: str, diarienummer: str | None = None
    ) -> ActionOutcome:
        found = REGISTRATION_CRITERIA.get(criterion)
        if found is None:
            raise InputError(f"Okänt kriterium {criterion!r}.")
        if found.needs_diarienummer and not diarienummer:
            raise InputError("Diarienummer krävs för ett befintligt ärende.")
        return self._decide(
            "register",
            item_id,
            "registered",
            f"Diarieförd: {criterion}",
            (criterion, motivation, diarienummer),
        )

    def notify(self, item_id: int, template: str | None = None, text: str | None = None) -> ActionOutcome:
        return self._decide("notify", item_id, None, "Meddelande köat", (template, text), open_only=False)

    def keep(self, item_id: int) -> ActionOutcome:
        return self._decide("keep", item_id, "kept", "Behållen", ())

    def answer(self, item_id: int, text: str) -> ActionOutcome:
        return self._decide("answer", item_id, "answered", "Besvarad", (text,))

    def forward(self, item_id: int, to: str, note: str) -> ActionOutcome:
        return self._decide("forward", item_id, "forwarded", f"Vidarebefordrad till {to}", (to, note))

    def hand_over(self, item_id: int, to_username: str, reason: str) -> ActionOutcome:
        return self._decide(
            "hand_over", item_id, "handed_over", f"Överlämnad till {to_username}", (to_username, reason)
        )

    def history(self, item_id: int) -> list[HistoryEntry]:
        return self.extra_history.get(item_id, []) + list(self._history[item_id])

    def saved_replies(self) -> list[tuple[str, str]]:
        return list(SAVED_REPLIES)
