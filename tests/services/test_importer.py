from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.core.errors import InputError
from app.models import Item, ItemVersion
from app.models.fulltext import repair_fulltext
from app.services.intake.importer import ImportService
from app.services.queue.listing import QueueFilter, QueueService
from tests.helpers.items import add_accounts, record, write_jsonl


@pytest.fixture
def importer(database):
    add_accounts(database.sessions)
    return ImportService(database.sessions)


def count_items(database) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(Item))


def stored(database, external_id: str) -> Item:
    with database.sessions() as session:
        return session.scalar(select(Item).where(Item.external_id == external_id))


def test_import_stores_every_field(database, importer, tmp_path):
    path = write_jsonl(
        tmp_path / "in.jsonl", [record("p1", parent_external_id=None, text="Inlägg"), record("c1")]
    )
    result = importer.import_file(path)
    assert (result.created, result.updated) == (2, 0)
    item = stored(database, "c1")
    assert item.author_name == "Anna Andersson" and item.author_id == "u1"
    assert item.permalink == "https://facebook.example/p1?c=c1"
    assert item.created_at == datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    assert item.raw == {"id": "c1", "message": "När öppnar simhallen?"}
    assert item.kind == "comment" and stored(database, "p1").kind == "post"
    assert item.is_question


def test_reimport_updates_and_never_duplicates(database, importer, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [record("c1"), record("c2")])
    importer.import_file(path)
    result = importer.import_file(path)
    assert (result.created, result.unchanged) == (0, 2)
    assert count_items(database) == 2


def test_an_edited_text_becomes_a_new_version_and_the_old_is_kept(database, importer, tmp_path):
    importer.import_file(write_jsonl(tmp_path / "a.jsonl", [record("c1", text="Första texten")]))
    result = importer.import_file(
        write_jsonl(
            tmp_path / "b.jsonl",
            [record("c1", text="Ändrad: jävla kommun", edited_at="2026-05-02T08:00:00+02:00")],
        )
    )
    assert (result.updated, result.new_versions) == (1, 1)
    item = stored(database, "c1")
    assert item.text == "Ändrad: jävla kommun"
    assert item.status == "flagged" and item.suggested_reason == "svordomar"
    with database.sessions() as session:
        versions = session.scalars(select(ItemVersion.text).where(ItemVersion.item_id == item.id))
        assert list(versions) == ["Första texten"]


def test_the_same_item_twice_in_one_file_is_an_update(database, importer, tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", [record("c1", text="ett"), record("c1", text="två")])
    importer.import_file(path)
    assert count_items(database) == 1
    assert stored(database, "c1").text == "två"
    # The full-text index follows: the later text is found, the earlier is not.
    queue = QueueService(database.sessions)
    assert queue.count(QueueFilter(search="två")) == 1
    assert queue.count(QueueFilter(search="ett")) == 0
    if database.dialect == "sqlite":
        with database.engine.begin() as con:  # raises when index and table disagree
            con.exec_driver_sql("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)")
            # Nor anything else to put right: the tab counts and the tabs' index agree too (the
            # second line's update ran after the first's row was indexed and counted).
            assert repair_fulltext(con) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "rad 2: ogiltig JSON"),
        (json.dumps(record("c9", text=None)), "rad 2: fält saknas: text"),
        (
            json.dumps({k: v for k, v in record("c9").items() if k != "created_at"}),
            "rad 2: fält saknas: created_at",
        ),
        (json.dumps(record("c9", created_at="2026-05-01T12:00:00")), "rad 2: .*saknar tidszon"),
        (json.dumps(record("c9", created_at="igår")), "rad 2: .*ingen giltig tidpunkt"),
        (json.dumps(record("c9", text=42)), "rad 2: fältet 'text' måste vara en sträng"),
        (json.dumps(record("c9", raw=[1, 2])), "rad 2: fältet 'raw' måste vara ett JSON-objekt"),
        (json.dumps(record("c9", platform="youtube")), "rad 2: kontot 'fb' är ett facebook-konto"),
        (json.dumps(record("c9", extra="x")), "rad 2: okända fält: extra"),
        (json.dumps(record("c9", text="a\x00b")), "rad 2: .*NUL-tecken"),
        ('"just a string"', "rad 2: raden måste vara ett JSON-objekt"),
        (json.dumps(record("c9", text="\ud800")), "rad 2: .*surrogat"),
    ],
)
def test_one_bad_line_names_the_line_and_imports_nothing(database, importer, tmp_path, line, expected):
    path = write_jsonl(tmp_path / "in.jsonl", [record("c1"), line, record("c3")])
    with pytest.raises(InputError, match=expected):
        importer.import_file(path)
    assert count_items(database) == 0


def test_a_bad_line_after_many_good_batches_still_changes_nothing(database, importer, tmp_path):
    good = [record(f"c{i}") for i in range(12_000)]
    path = write_jsonl(tmp_path / "in.jsonl", [*good, "{broken"])
    with pytest.raises(InputError, match="rad 12001"):
        importer.import_file(path)
    assert count_items(database) == 0


def test_unknown_accounts_are_listed_and_nothing_is_imported(database, importer, tmp_path):
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [record("c1"), record("c2", account="okand1"), record("c3", account="okand2", platform=None)],
    )
    with pytest.raises(InputError, match="okand1.*rad 2.*okand2.*rad 3"):
        importer.import_file(path)
    assert count_items(database) == 0


HOSTILE = [
    "<b>fet</b> <img src=x onerror=alert(1)> <a href='javascript:x'>länk</a>",
    '=HYPERLINK("http://evil.example","klicka")',
    "+46 -1 @SUM(A1)",
    "Emoji 👩🏽‍⚕️🇸🇪 och ZWJ\u200d och zero width\u200b space",
    "RTL \u202eבדיקה עברית\u202c العربية",
    "kontroll\x01\x07\x1b[31mtecken\x7f\r\nny rad\ttab",
    "a" * 1_000_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=["html", "formula", "plus", "emoji", "rtl", "ctrl", "1MB"])
def test_hostile_text_is_stored_byte_exact(database, importer, tmp_path, text):
    importer.import_file(write_jsonl(tmp_path / "in.jsonl", [record("c1", text=text)]))
    assert stored(database, "c1").text.encode("utf-8") == text.encode("utf-8")


def test_a_file_that_is_not_utf8_is_refused(database, importer, tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(record("c1", text="åäö"), ensure_ascii=False).encode("latin-1"))
    with pytest.raises(InputError, match="inte UTF-8"):
        importer.import_file(path)
    assert count_items(database) == 0


def test_a_missing_file_is_a_clear_error(importer, tmp_path):
    with pytest.raises(InputError, match="Kan inte läsa"):
        importer.import_file(tmp_path / "nope.jsonl")


def test_flags_are_set_at_ingest_with_the_matching_rule(database, importer, tmp_path):
    importer.import_file(
        write_jsonl(
            tmp_path / "in.jsonl",
            [
                record("c1", text="Fantastiskt fint i hamnen"),
                record("c2", text="Mitt personnummer är 811218-9876"),
            ],
        )
    )
    assert stored(database, "c1").status == "new" and stored(database, "c1").flags is None
    flagged = stored(database, "c2")
    assert flagged.status == "flagged" and flagged.suggested_reason == "sekretess"
    assert flagged.flags[0]["rule"] == "personnummer" and flagged.flags[0]["match"] == "811218-9876"
