"""A sync's flagging verdicts are worked out on its fetching thread, so its writer (the slow
side) takes them ready; each comment ends up flagged, a question, or neither exactly as the
rules say when judged on the spot (#20, perf20v)."""

from __future__ import annotations

import threading

from sqlalchemy import select

from app.models import Item
from app.services.accounts.platforms import ConnectorRegistry
from app.services.intake.importer import ImportService
from app.services.intake.rules import RuleSet
from app.services.intake.sync import SyncService
from app.services.records.audit import AuditService
from tests.helpers.platforms import quick_options, running

TEXTS = [
    "Helvete vad dåligt plogat det är",
    "När öppnar simhallen?",
    "Tack för snöröjningen",
    "Ring mig på 070-123 45 67",
    "När öppnar simhallen?",  # the same text twice, in another part
    "Läs mer på http://reklam.example",
]


def _stored(sessions) -> dict[str, tuple[str, str | None, bool]]:  # type: ignore[no-untyped-def]
    with sessions() as s:
        rows = s.execute(select(Item.text, Item.status, Item.suggested_reason, Item.is_question))
        return {text: (status, reason, question) for text, status, reason, question in rows}


def _sync(sessions, r, **kw) -> None:  # type: ignore[no-untyped-def]
    registry = ConnectorRegistry(lambda _a: r.fake.token, quick_options(page_size=3))
    [result] = SyncService(sessions, registry, batch_size=4, **kw).sync(r.add_account(sessions))
    assert result.ok and result.created == len(TEXTS) + 1


def test_verdicts_judged_while_fetching_flag_exactly_as_judged_on_the_spot(tmp_path, monkeypatch):
    from app.models.db import open_database

    judged_on: list[tuple[str, str]] = []
    judge = RuleSet.evaluate

    def recorded(self: RuleSet, text: str):  # type: ignore[no-untyped-def]
        judged_on.append((threading.current_thread().name, text))
        return judge(self, text)

    monkeypatch.setattr(RuleSet, "evaluate", recorded)
    found = []
    for ahead in (True, False):
        db = open_database(f"sqlite:///{tmp_path}/ahead-{ahead}.db")
        with running("facebook") as r:
            post = r.fake.store.add_post("Simhallen")
            for text in TEXTS:
                r.fake.store.add_comment(post, text)
            judged_on.clear()
            _sync(db.sessions, r, **({} if ahead else {"importer": ImportService(db.sessions)}))
            threads = list(judged_on)
        found.append(_stored(db.sessions))
        assert AuditService(db.sessions).verify().intact
        db.dispose()
        if ahead:
            # Every text judged on the fetching thread: the writer took them ready (but for a
            # text seen again after its first part was written: judged again, the same).
            assert {text for name, text in threads if name == "sync-fetch"} == {*TEXTS, "Simhallen"}
            assert {text for name, text in threads if name != "sync-fetch"} <= {"När öppnar simhallen?"}
    ahead, on_the_spot = found
    assert ahead == on_the_spot
    assert ahead["Helvete vad dåligt plogat det är"][0] == "flagged"
    assert ahead["När öppnar simhallen?"] == ("new", None, True)
    assert ahead["Tack för snöröjningen"] == ("new", None, False)
