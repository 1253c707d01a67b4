"""Two administrators acting on the same item at the same moment, on one database: exactly
one decision wins, the other is told who decided, and the evidence is saved exactly once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from app.core.errors import InputError
from app.models import AuditEvent, Decision, Evidence, Registration
from app.services.moderation.facade import ModerationService
from app.services.records.audit import AuditService
from tests.helpers.workflow import add_admin, count, item_events, make_item, service

Action = Callable[[ModerationService, int], Any]
ACTIONS: dict[str, Action] = {
    "remove": lambda svc, item: svc.remove(item, "personangrepp"),
    "remove-other-reason": lambda svc, item: svc.remove(item, "trakasserier"),
    "keep": lambda svc, item: svc.keep(item),
    "answer": lambda svc, item: svc.answer(item, "Hej {name}! Vi tittar på det."),
}


def race(db: Any, item_id: int, first: str, second: str) -> list[tuple[str, str, str]]:
    """Both administrators press their key at once; returns (user, result, message) each."""
    barrier = threading.Barrier(2)
    results: list[tuple[str, str, str]] = []

    def act(user: str, action: str) -> None:
        svc = service(db, user=user)
        barrier.wait()
        try:
            outcome = ACTIONS[action](svc, item_id)
            results.append((user, "won", outcome.status))
        except InputError as exc:
            results.append((user, "refused", str(exc)))

    threads = [
        threading.Thread(target=act, args=("erik", first)),
        threading.Thread(target=act, args=("sofia", second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.parametrize(
    ("first", "second"),
    [("remove", "remove-other-reason"), ("remove", "keep"), ("keep", "answer")],
)
def test_exactly_one_of_two_simultaneous_decisions_wins(database, first, second):
    add_admin(database.sessions, "erik", "Erik Holm")
    add_admin(database.sessions, "sofia", "Sofia Löf")
    for round_ in range(5):
        item_id = make_item(database.sessions, f"Ni är idioter, runda {round_}")
        results = race(database, item_id, first, second)
        assert sorted(r[1] for r in results) == ["refused", "won"], results
        winner = next(r[0] for r in results if r[1] == "won")
        refusal = next(r[2] for r in results if r[1] == "refused")
        assert refusal.startswith("Redan avgjord av " + {"erik": "Erik Holm", "sofia": "Sofia Löf"}[winner])
        assert count(database.sessions, Decision, item_id=item_id) == 1
        removals = count(database.sessions, Decision, item_id=item_id, action="remove")
        # Evidence exactly once for a removal, never for a keep or an answer.
        assert count(database.sessions, Evidence, item_id=item_id) == removals
        assert count(database.sessions, Registration, item_id=item_id) == removals
    assert AuditService(database.sessions).verify().intact
    assert count(database.sessions, AuditEvent) >= 5


def test_simultaneous_actions_on_different_items_both_succeed_and_chain(database):
    """The audit head serializes writers; it must not refuse unrelated decisions."""
    first = make_item(database.sessions, "Ni är idioter")
    second = make_item(database.sessions, "Köp nu")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def act(user: str, item_id: int) -> None:
        barrier.wait()
        try:
            service(database, user=user).remove(item_id, "personangrepp")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=act, args=("erik", first)),
        threading.Thread(target=act, args=("sofia", second)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert count(database.sessions, Evidence) == 2
    report = AuditService(database.sessions).verify()
    assert report.intact and item_events(database.sessions) == 2
