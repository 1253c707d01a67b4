"""An imported line's `raw` object is stored as the text that arrived: its spacing, key order,
number forms and escapes kept, so the evidence copy is what the platform sent."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from app.models import Item
from app.services.intake.importer import ImportService
from app.services.intake.incoming import received_raw
from tests.helpers.items import add_accounts

# Not what json.dumps would write back: no spaces, a zero decimal, escapes, a nested "raw".
RAW = '{"id":"c1","z":1.50,"a":"\\u00e5\\/","message":"Hej \\"raw\\": {}","raw":{"raw":[]}}'


def _line(account: str, external_id: str, raw: str) -> str:
    return (
        f'{{"account": "{account}", "raw" : {raw}, "external_id": "{external_id}", '
        '"text": "Hej \\"raw\\": {}", "author_name": "raw", "created_at": "2026-05-01T12:00:00+02:00"}\n'
    )


def test_the_raw_object_is_stored_as_received(database, tmp_path):
    add_accounts(database.sessions)
    path = tmp_path / "in.jsonl"
    path.write_text(_line("fb", "c1", RAW), encoding="utf-8")
    ImportService(database.sessions).import_file(path)
    cast = "raw::text" if database.engine.dialect.name == "postgresql" else "raw"
    with database.sessions() as s:
        stored = s.execute(text(f"SELECT {cast} FROM items WHERE external_id = 'c1'")).scalar()
        item = s.scalar(select(Item).where(Item.external_id == "c1"))
    assert stored == RAW
    assert item.raw == {"id": "c1", "z": 1.5, "a": "å/", "message": 'Hej "raw": {}', "raw": {"raw": []}}


@pytest.mark.parametrize(
    "line, expected",
    [
        ('{"raw":{"a":1}}', '{"a":1}'),
        ('{"text": "\\"raw\\": {\\"a\\": 2}", "raw": {"a":1}}', '{"a":1}'),
        ('{"author_name": "raw", "raw"\t:\t{"a":1} }', '{"a":1}'),
    ],
)
def test_the_raw_text_is_found_only_as_the_record_s_own_key(line, expected):
    import json

    assert received_raw(line, json.loads(line)["raw"]) == expected
