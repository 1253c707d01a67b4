from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.models import Evidence, Item
from app.services.records.archive import ArchiveFilter, ArchiveService
from tests.helpers import moderation as m


def seed(sessions):  # type: ignore[no-untyped-def]
    m.ensure_account(sessions, "ig", "instagram")
    ids = {
        "hot": m.add_item(sessions, "Jag vet var du bor, akta dig"),
        "reklam": m.add_item(sessions, "Köp billiga solglasögon här", account="ig"),
        "synpunkt": m.add_item(sessions, "Gatlyktan på Storgatan är trasig"),
        "bara_bevis": m.add_item(sessions, "Sparad men inte avgjord"),
        "vanlig": m.add_item(sessions, "Tack för informationen om solglasögon"),
    }
    m.remove(sessions, ids["hot"], "brott", by="anna", at=datetime(2026, 5, 5, 12, tzinfo=UTC))
    m.remove(sessions, ids["reklam"], "reklam", by="bertil", at=datetime(2026, 6, 5, 12, tzinfo=UTC))
    m.register(
        sessions,
        ids["synpunkt"],
        "atgard",
        by="anna",
        diarienummer="KS 2026/55",
        at=datetime(2026, 6, 10, 12, tzinfo=UTC),
    )
    m.save_evidence(sessions, ids["bara_bevis"], at=datetime(2026, 4, 1, 12, tzinfo=UTC), by="cecilia")
    return ids


def found(service: ArchiveService, **kw) -> set[int]:  # type: ignore[no-untyped-def]
    return {e.item_id for e in service.search(ArchiveFilter(**kw))}


def test_the_archive_holds_what_was_saved_removed_or_registered(database):
    ids = seed(database.sessions)
    service = ArchiveService(database.sessions)
    everything = service.search(ArchiveFilter())
    assert [e.item_id for e in everything] == [
        ids["synpunkt"],
        ids["reklam"],
        ids["hot"],
        ids["bara_bevis"],
    ]  # newest first, no plain item
    by_id = {e.item_id: e for e in everything}
    assert by_id[ids["hot"]].reason_code == "brott" and by_id[ids["hot"]].decided_by == "anna"
    assert by_id[ids["synpunkt"]].diarienummer == "KS 2026/55"
    assert by_id[ids["bara_bevis"]].evidence_count == 1 and by_id[ids["bara_bevis"]].reason_code is None
    assert service.count(ArchiveFilter()) == 4
    assert service.administrators() == ["anna", "bertil", "cecilia"]


def test_search_and_filters_combine(database):
    ids = seed(database.sessions)
    service = ArchiveService(database.sessions)
    assert found(service, text="solglasögon") == {ids["reklam"]}  # the plain item is not archived
    assert found(service, text="akta") == {ids["hot"]}
    assert found(service, account_keys=("ig",)) == {ids["reklam"]}
    assert found(service, reasons=("brott", "reklam")) == {ids["hot"], ids["reklam"]}
    assert found(service, administrators=("anna",)) == {ids["hot"], ids["synpunkt"]}
    june = dict(since=datetime(2026, 6, 1, tzinfo=UTC), until=datetime(2026, 7, 1, tzinfo=UTC))
    assert found(service, **june) == {ids["reklam"], ids["synpunkt"]}
    assert found(service, administrators=("anna",), **june) == {ids["synpunkt"]}
    assert found(service, text="gatlyktan", reasons=("brott",)) == set()


def test_search_and_list_show_what_was_saved_not_what_the_author_wrote_afterwards(database):
    """The author of a removed comment edits it on the platform; a sync brings the new text.
    The archive is the record of what was removed: it lists and finds the saved copy."""
    ids = seed(database.sessions)
    with database.sessions.begin() as session:
        session.execute(update(Item).where(Item.id == ids["hot"]).values(text="Ursäkta, Åsa"))
    service = ArchiveService(database.sessions)
    assert found(service, text="akta dig") == {ids["hot"]}
    assert found(service, text="vet var du") == {ids["hot"]}
    assert found(service, text="ursäkta") == set()  # written after the copy was saved
    [entry] = service.search(ArchiveFilter(text="akta"))
    assert entry.text == "Jag vet var du bor, akta dig" and service.count(ArchiveFilter(text="akta")) == 1
    # Swedish letters in any case, and the author, as before.
    bridge = m.add_item(database.sessions, "Ölandsbron ÄR STÄNGD", author_name="Åsa Öberg")
    m.remove(database.sessions, bridge, "reklam")
    assert found(service, text="ölandsbron är stängd") == {bridge}
    assert found(service, text="åsa öberg") == {bridge}
    assert found(service, text="100%_") == set()


def test_paging_is_keyset_and_complete(sqlite_db):
    m.bulk_removals(sqlite_db.sessions, 450)
    service = ArchiveService(sqlite_db.sessions)
    seen: list[int] = []
    after = None
    while page := service.search(ArchiveFilter(), after=after, limit=100):
        seen += [e.item_id for e in page]
        after = page[-1].cursor
    assert len(seen) == len(set(seen)) == 450
    assert seen == sorted(seen, reverse=True)


def test_detail_puts_the_saved_copy_beside_the_platform_state(database):
    sessions = database.sessions
    item = m.add_item(sessions, "Originaltext som togs bort")
    m.remove(sessions, item, at=datetime(2026, 5, 4, 12, tzinfo=UTC))
    service = ArchiveService(sessions)
    detail = service.detail(item)
    assert detail is not None and detail.copies[0].intact
    assert detail.copies[0].text == "Originaltext som togs bort"
    assert not detail.current_known  # nothing fetched since the copy was saved
    assert [h.kind for h in detail.history] == ["evidence", "decision", "registration", "notice"]

    # The author edited the hidden comment; a later sync fetched it.
    with sessions.begin() as session:
        session.execute(
            update(Item)
            .where(Item.id == item)
            .values(text="Redigerad i efterhand", fetched_at=datetime(2026, 5, 6, tzinfo=UTC))
        )
    detail = service.detail(item)
    assert detail.current_known and detail.current_text == "Redigerad i efterhand"
    assert detail.copies[0].text == "Originaltext som togs bort"

    with sessions.begin() as session:
        session.execute(update(Evidence).values(payload='{"item":{"text":"manipulerad"}}'))
    assert not service.detail(item).copies[0].intact
    assert service.detail(m.add_item(sessions, "aldrig sparad")) is None


def test_the_archive_needs_only_the_database(sqlite_db, monkeypatch):
    """No network, no keyring: the archive reads nothing but the database."""
    import socket

    import keyring

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("the archive must work offline")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(keyring, "get_password", refuse)
    item = m.add_item(sqlite_db.sessions, "offline")
    m.remove(sqlite_db.sessions, item, at=m.T0 + timedelta(hours=1))
    service = ArchiveService(sqlite_db.sessions)
    assert found(service, text="offline") == {item}
    assert service.detail(item) is not None


def test_a_capped_count_stops_after_the_cap(database):
    """The Arkiv view counts at most 10,000 + 1 entries and says "10 000+" beyond."""
    seed(database.sessions)
    service = ArchiveService(database.sessions)
    assert service.count(ArchiveFilter()) == 4
    assert service.count(ArchiveFilter(), cap=2) == 3 and service.count(ArchiveFilter(), cap=10) == 4
    assert service.count(ArchiveFilter(administrators=("anna", "bertil", "cecilia")), cap=1) == 2
