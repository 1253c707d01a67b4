"""The facade the queue window calls: keep, answer, forward, hand over, history, saved
replies, and the errors it promises."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.models import Administrator, Decision, Item, Recusal
from app.services.context import Actor
from app.services.moderation.facade import ActionOutcome, HistoryEntry, ModerationService
from app.services.moderation.notify import DEFAULT_REPLIES
from app.services.settings import SettingsService
from tests.helpers.fixtures import free_port
from tests.helpers.workflow import add_admin, count, make_item, service


def _item(db, item_id):
    with db.sessions() as s:
        return s.get(Item, item_id)


def test_keep(database):
    item_id = make_item(database.sessions, "Tack för snabb hjälp!")
    outcome = service(database).keep(item_id)
    assert outcome == ActionOutcome(item_id, "keep", "kept", False, "Godkänd: kommentaren får stå kvar.")
    assert _item(database, item_id).status == "kept"


def test_an_answer_is_posted_on_the_item_and_pending_when_the_platform_fails(database, platform, registry):
    item_id = make_item(
        database.sessions, "När öppnar simhallen?", api_base=platform.url, author="Ali Hassan"
    )
    platform.fail_next("reply", 502)
    outcome = service(database, connectors=registry).answer(item_id, DEFAULT_REPLIES[0][1])
    assert (outcome.action, outcome.status, outcome.pending) == ("answer", "answer_pending", True)
    assert "Svaret publiceras när plattformen svarar" in outcome.message and "502" in outcome.message
    summary = service(database, connectors=registry).retry(ignore_backoff=True)
    assert summary.done == 1 and _item(database, item_id).status == "answered"
    ((reply_to, text),) = platform.replies
    assert reply_to == _item(database, item_id).external_id and text.startswith(
        "Hej Ali! Tack för din fråga."
    )
    with pytest.raises(InputError):
        service(database).answer(item_id, "   ")


def test_forward_is_recorded(database):
    item_id = make_item(database.sessions, "Gatlyktan är trasig")
    outcome = service(database).forward(item_id, "sbf@kommun.example", "Felanmälan")
    # No mail server set up: recorded, and the e-mail waits (never "done").
    assert outcome.status == "forwarded" and "sbf@kommun.example" in outcome.message and outcome.pending
    with database.sessions() as s:
        decision = s.scalars(select(Decision)).one()
    assert decision.details == {"to": "sbf@kommun.example", "note": "Felanmälan"}
    with pytest.raises(InputError):
        service(database).forward(make_item(database.sessions), " ", "")


def test_hand_over_on_conflict_of_interest(database):
    add_admin(database.sessions, "erik", "Erik Holm")
    add_admin(database.sessions, "sofia", "Sofia Löf")
    item_id = make_item(database.sessions, "Erik Holms granne bygger olovligt!")
    outcome = service(database, user="erik").hand_over(item_id, "sofia", "Det gäller min granne")
    assert outcome.status == "handed_over" and "Sofia Löf" in outcome.message
    with database.sessions() as s:
        sofia = s.scalar(select(Administrator.id).where(Administrator.username == "sofia"))
        recusal = s.scalars(select(Recusal)).one()
    assert _item(database, item_id).assigned_to_id == sofia
    assert (recusal.username, recusal.handed_to, recusal.reason) == ("erik", "sofia", "Det gäller min granne")
    for act in (
        lambda s: s.keep(item_id),
        lambda s: s.remove(item_id, "personangrepp"),
        lambda s: s.register(item_id, "atgard", ""),
        lambda s: s.notify(item_id, "tack"),
    ):
        with pytest.raises(InputError, match="jäv"):
            act(service(database, user="erik"))
    assert service(database, user="sofia").keep(item_id).status == "kept"


@pytest.mark.parametrize(("to", "message"), [("nobody", "ingen aktiv administratör"), ("erik", "dig själv")])
def test_hand_over_needs_another_administrator(database, to, message):
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions)
    with pytest.raises(InputError, match=message):
        service(database, user="erik").hand_over(item_id, to, "jäv")
    assert count(database.sessions, Recusal) == 0 and _item(database, item_id).status == "flagged"


def test_history_tells_the_items_story_in_order(database, platform, registry):
    add_admin(database.sessions, "erik", "Erik Holm")
    item_id = make_item(database.sessions, "Jävla skämt", api_base=platform.url)
    platform.fail_next("hide", 503)
    svc = service(database, user="erik", connectors=registry)
    svc.remove(item_id, "svordomar")
    svc.retry(ignore_backoff=True)
    svc.set_diarienummer(item_id, "KS/2026:7")
    history = svc.history(item_id)
    assert all(isinstance(h, HistoryEntry) for h in history)
    kinds = [h.kind for h in history]
    assert kinds[:2] == ["evidence", "decision"] and {"registration", "notice", "audit"} <= set(kinds)
    text = "\n".join(h.summary for h in history)
    assert "Beviskopia sparad (SHA-256" in text and "Svordomar eller obscena ord" in text
    assert "503" in text and "Borttagen på plattformen" in text and "KS/2026:7" in text
    assert {h.who for h in history} == {"Erik Holm"}
    assert [h.at for h in history] == sorted(h.at for h in history)


def test_saved_replies_are_the_defaults_until_the_municipality_edits_them(database):
    svc = service(database)
    replies = svc.saved_replies()
    assert ("politisk", DEFAULT_REPLIES[-1][1]) in replies and all("vadstena.se" in t for c, t in replies[:1])
    SettingsService(database.sessions).set("saved_replies", [["hej", "Hej {name}!"]])
    assert svc.saved_replies() == [("hej", "Hej {name}!")]


def test_a_database_that_cannot_be_reached_is_an_environment_fault():
    engine = create_engine(
        f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/granska", connect_args={"connect_timeout": 2}
    )
    svc = ModerationService(sessionmaker(engine), actor=Actor("testare"))
    with pytest.raises(EnvironmentFault, match=r"Teamdatabasen nås inte längre \(anslutningen nekades"):
        svc.keep(1)
    engine.dispose()


def test_a_database_locked_by_another_writer_is_an_environment_fault(sqlite_db, tmp_path):
    import sqlite3

    item_id = make_item(sqlite_db.sessions)
    url = sqlite_db.engine.url.database
    blocker = sqlite3.connect(url, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    engine = create_engine(f"sqlite:///{url}", connect_args={"timeout": 0.2})
    try:
        svc = ModerationService(sessionmaker(engine), actor=Actor("testare"))
        with pytest.raises(EnvironmentFault, match="database is locked"):
            svc.keep(item_id)
    finally:
        blocker.rollback()
        blocker.close()
        engine.dispose()
    assert service(sqlite_db).keep(item_id).status == "kept"
