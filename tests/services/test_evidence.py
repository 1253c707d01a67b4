from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core.canonical import canonical_json, sha256_hex
from app.models import Evidence, Item
from app.services.intake.importer import ImportService, IncomingItem
from app.services.records.audit import AuditService
from app.services.records.evidence import load_evidence
from tests.helpers.workflow import make_item, service

MEGABYTE = ("Långt inlägg med åäö och 👍🏽. " * 40_000)[: 1024 * 1024]
HOSTILE = {
    "html": '<b>fet</b><img src=x onerror="alert(1)"><a href="javascript:x">länk</a>',
    "formula": '=HYPERLINK("http://evil.example";"klicka")',
    "plus": "+46 SUM(A1:A9)",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "control": "bell\x07 backspace\x08 vt\x0b ff\x0c esc\x1b[31m del\x7f unit\x1f",
    "newlines": "rad ett\r\nrad två\rrad tre\n\ttabbad\u2028radsep",
    "unicode": "\u202eRTL-omvänd\u202c noll\u200bbredd \ufeffBOM 🙂 e\u0301",
    "megabyte": MEGABYTE,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_stored_and_evidenced_byte_exact(database, name):
    text = HOSTILE[name]
    raw = {"message": text, "nested": {"list": [text, 1, None, True]}}
    item_id = make_item(database.sessions, text, raw=raw, author=text[:40])
    service(database).remove(item_id, "sekretess")

    with database.sessions() as s:
        stored = s.scalar(select(Item.text).where(Item.id == item_id))
        row = s.scalars(select(Evidence)).one()
    assert stored == text and stored.encode("utf-8") == text.encode("utf-8")
    document = json.loads(row.payload)
    assert document["item"]["text"] == text
    assert document["item"]["raw"] == raw
    assert document["item"]["author"]["name"] == text[:40]
    # The stored bytes are exactly the canonical form, and the hash is over those bytes.
    assert canonical_json(document) == row.payload
    assert sha256_hex(row.payload) == row.sha256
    assert AuditService(database.sessions).verify().intact


def test_canonical_json_does_not_depend_on_key_order():
    a = canonical_json({"b": 1, "a": {"y": [1, 2], "x": "å"}})
    b = canonical_json({"a": {"x": "å", "y": [1, 2]}, "b": 1})
    assert a == b == '{"a":{"x":"å","y":[1,2]},"b":1}'


def test_evidence_carries_author_thread_context_and_earlier_versions(database):
    post = make_item(
        database.sessions,
        "Simhallen stänger i april.",
        external_id="p1",
        parent=None,
        author="Vadstena kommun",
    )
    comment = make_item(database.sessions, "Första versionen", external_id="k1", parent="p1")
    ImportService(database.sessions).import_items(
        [
            IncomingItem(
                account="fb",
                external_id="k1",
                text="Ni är idioter",
                parent_external_id="p1",
                post_external_id="p1",
                created_at=_created(database, comment),
                author_name="Anna Andersson",
                author_id="u-k1",
                author_url="https://social.example/u/k1",
                permalink="https://social.example/p/p1?c=k1",
            ),
        ]
    )
    service(database).remove(comment, "personangrepp")

    with database.sessions() as s:
        (saved,) = load_evidence(s, comment)
    doc = saved.document
    assert saved.intact and saved.saved_by == "testare"
    assert doc["format"] == "granska-evidence/1" and doc["account"]["key"] == "fb"
    assert doc["item"]["text"] == "Ni är idioter" and doc["item"]["external_id"] == "k1"
    assert doc["item"]["permalink"].endswith("c=k1")
    assert doc["item"]["author"] == {
        "name": "Anna Andersson",
        "id": "u-k1",
        "url": "https://social.example/u/k1",
    }
    assert [v["text"] for v in doc["versions"]] == ["Första versionen"]
    assert (
        doc["thread"]["post"]["id"] == post and doc["thread"]["post"]["text"] == "Simhallen stänger i april."
    )
    assert doc["item"]["created_at"].startswith("2026-05-01T10:00:00")
    assert doc["item"]["fetched_at"] and doc["saved_at"]


def _created(db, item_id):
    with db.sessions() as s:
        return s.scalar(select(Item.created_at).where(Item.id == item_id))
