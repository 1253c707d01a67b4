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


# Lines a hostile or broken export could hold: each is decoded (or refused) by the importer's
# fast path exactly as by the strict decoder it stands in for.
HOSTILE_LINES = [
    '{"a":1}\n',
    '{"a":1}\r\n',
    '  {"a":1}\n',
    '{"a":1} \t\n',
    '{"a":1} x\n',
    '{"a":1}{"b":2}\n',
    '{"a":1,}\n',
    '{"a":\n',
    "[1, 2]\n",
    '"text"\n',
    "\n ",
    '{"a":NaN}\n',
    '{"a":-Infinity}\n',
    '{"a":1e400}\n',
    '{"a":1,"a":2}\n',
    '{"raw":{"b":[{"c":1,"c":1}]}}\n',
    '{"a":' + "9" * 5000 + "}\n",
    '{"a":"\\ud800"}\n',
    '{"a":"\\u0000"}\n',
    '{"a":"' + "\u00e5" * 50 + '"}\n',
    "{'a':1}\n",
]


def _outcome(decode, line):
    try:
        return "value", decode(line)
    except Exception as exc:  # noqa: BLE001 - the exception itself is the outcome compared
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("line", HOSTILE_LINES)
def test_a_line_is_decoded_or_refused_as_the_strict_decoder_does(line):
    from app.services.intake.incoming import _decode, _decode_line

    assert _outcome(_decode_line, line) == _outcome(_decode, line)


@pytest.mark.parametrize(
    "line, expected",
    [
        # An equal-looking object inside a string, before the real key.
        ('{"text": "\\"raw\\":{\\"a\\":1}", "raw":{"a":1}}', '{"a":1}'),
        # A key spelt with an escape is not found as written: the object is encoded instead.
        ('{"\\u0072aw":{"a":1}}', None),
        # Number forms, escapes and nesting kept as sent.
        ('{"raw":{"a":1.0,"b":"\\u00e5","raw":{"raw":1E2}}}', '{"a":1.0,"b":"\\u00e5","raw":{"raw":1E2}}'),
        ('{"raw" \n: {"a":[1,{"b":null}]}}', '{"a":[1,{"b":null}]}'),
    ],
)
def test_the_raw_text_of_a_hostile_line_decodes_to_the_record_s_raw(line, expected):
    import json

    raw = json.loads(line)["raw"]
    found = received_raw(line, raw)
    assert found == expected
    if found is not None:
        assert json.loads(found) == raw


_GOOD = '{"account": "fb", "external_id": "c1", "text": "Hej", "created_at": "2026-05-01T12:00:00+00:00"}'


@pytest.mark.parametrize(
    "line",
    [
        *HOSTILE_LINES,
        _GOOD + "\n",
        _GOOD,
        _GOOD + "\r\n",
        _GOOD + " \t\n",
        " " + _GOOD + "\n",
        "  \n",
        "null\n",
    ],
)
def test_the_import_reads_each_line_as_the_strict_decoder_does(line):
    # read_jsonl decodes the usual line itself (#20): every other line, and every refusal,
    # still ends as the strict decoder and the record's checks say.
    import io

    from app.services.intake.incoming import ImportLineError, _decode, item_from_record, read_jsonl

    read = _outcome(lambda text: [item for _, item in read_jsonl(io.StringIO(text, newline="\n"))], line)
    if not line.strip():
        assert read == ("value", [])
        return
    expected = _outcome(lambda text: item_from_record(_decode(text)), line)
    if expected[0] == "value":
        assert read == ("value", [expected[1]])
    else:
        assert read[0] == ImportLineError.__name__
        assert read[1].startswith("rad 1: ")
