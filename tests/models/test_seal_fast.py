"""`audit verify` hashes events and sealed records through hand-written canonical encodings
(app/models/seal_fast.py). A single byte of difference from the reference (canonical_json and
seals.digest, which the writer uses) would make every intact chain read as tampered, or let a
changed record through: compared here on thousands of random and hostile values."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import JSON, Boolean

from app.core.canonical import canonical_json
from app.models import UTCDateTime
from app.models.seal_fast import details_json, details_text, digester, event_digest, seals_digest
from app.models.seals import KINDS, SealHasher, Unreadable, digest, event_hash_at, iso_time, read_json

_HOSTILE = [
    "",
    'citat " och \\ bakstreck',
    "rad\nbrytning\r\ttab\b\f",
    "\x00\x01\x1f\x7f",
    "åäö ÅÄÖ 😀 ‮höger-till-vänster‬",
    "\u2028\u2029",
    "</script><script>alert(1)</script>",
    "'; DROP TABLE audit_events; --",
    "=1+1",
    "null",
    "{}",
    '{"a": 1}',
    "x" * 5000,
]


def _text(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return rng.choice(_HOSTILE)
    alphabet = 'abcåäö AZ09"\\/\n\t\x00\x1f😀{}[]:,é\u00a0\u2028'
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


def _scalar(rng: random.Random) -> object:
    return rng.choice(
        [
            None,
            True,
            False,
            0,
            -1,
            rng.randint(-(2**63), 2**63),
            10**40,
            -(10**30) - 7,
            rng.random() * 10 ** rng.randint(-5, 20),
            float("inf"),
            float("nan"),
            1e100,
            -0.0,
            _text(rng),
        ]
    )


def _json_value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth < 3 and roll < 0.25:
        return {_text(rng): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    if depth < 3 and roll < 0.4:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return _scalar(rng)


def _raw(rng: random.Random, column: str, kind_of_column: str) -> object:
    """A value as a driver could return it for the column, intact or tampered with."""
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.25:  # tampering: any type in any column
        return rng.choice([_scalar(rng), b"\x00\xffbytes", memoryview(b"mv"), "2024-13-01 00:00:00.000000"])
    if kind_of_column == "time":
        moment = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 10**8))
        moment += timedelta(microseconds=rng.choice([0, rng.randint(0, 999999)]))
        form = rng.random()
        if form < 0.6:
            return moment.replace(tzinfo=None).isoformat(" ", "microseconds")  # as SQLite stores it
        return moment if form < 0.8 else moment.isoformat()
    if kind_of_column == "json":
        value = _json_value(rng)
        return json.dumps(value) if rng.random() < 0.8 else value
    if kind_of_column == "bool":
        return rng.choice([0, 1, True, False, 2])
    if column in ("status",):
        return rng.choice(["new", "flagged", "removed", "kept", "registered", "waiting"])
    return _scalar(rng) if rng.random() < 0.5 else _text(rng)


def _column_kinds(spec) -> list[str]:
    kinds = []
    for name in spec.columns:
        t = spec.table.c[name].type
        kinds.append(
            "time"
            if isinstance(t, UTCDateTime)
            else "json"
            if isinstance(t, JSON)
            else "bool"
            if isinstance(t, Boolean)
            else "other"
        )
    return kinds


def _reference(spec, row) -> str:
    try:
        return digest(spec, row)
    except Unreadable:
        return "unreadable"
    except TypeError:  # the reference's traceback (text in a binary column): reported by the fast one
        return "unreadable"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_record_digest_is_the_references_byte_for_byte(kind):
    spec = KINDS[kind]
    fast = digester(spec)
    shifted = digester(spec, offset=2)
    kinds = _column_kinds(spec)
    rng = random.Random(f"seal-{kind}")
    unreadable = 0
    for _ in range(1500):
        row = tuple(_raw(rng, name, k) for name, k in zip(spec.columns, kinds, strict=True))
        expected = _reference(spec, row)
        try:
            got = fast(row)
        except Unreadable:
            got = "unreadable"
        assert got == expected, row
        try:
            assert shifted(("seal", 1, *row)) == expected
        except Unreadable:
            assert expected == "unreadable"
        unreadable += expected == "unreadable"
    assert unreadable < 1500
    if {"time", "json"} & set(kinds):  # both the readable and the tampered paths were taken
        assert unreadable > 0


def test_an_event_hash_is_the_references_byte_for_byte():
    rng = random.Random("events")
    for n in range(5000):
        prev = rng.choice(["0" * 64, hashlib.sha256(str(n).encode()).hexdigest(), _scalar(rng)])
        at = iso_time(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=n, microseconds=rng.randint(0, 1)))
        actor, action = _text(rng), rng.choice(["remove", "keep", _text(rng), 5, None])
        item_id, account_id = rng.choice([None, n, 2**62, True, "7"]), rng.choice([None, 1, -3])
        details = rng.choice(
            [None, {}, _json_value(rng, 2) or {}, {"evidence_id": n, "sha256": "ab", _text(rng): [1.5, None]}]
        )
        if not isinstance(details, dict):
            details = {"value": details}
        lines = [f"{k}:{r}:{s}\n" for k, r, s in (("decision", n, "ab"), ("item", 7, "-"))][
            : rng.randint(0, 2)
        ]
        hasher = SealHasher()
        for line in lines:
            kind, record, sha = line[:-1].split(":")
            hasher.add(kind, int(record), sha)
        seals = hasher.hexdigest() if rng.random() < 0.9 else None
        assert seals_digest(lines) == hasher.hexdigest()
        expected = event_hash_at(prev, at, actor, action, item_id, account_id, details, seals)
        assert event_digest(prev, at, actor, action, item_id, account_id, details, seals) == expected


def test_a_value_the_reference_cannot_encode_is_unreadable_in_both():
    spec = KINDS["decision"]
    row = [None] * len(spec.columns)
    row[spec.columns.index("id")] = 1
    row[spec.columns.index("details")] = '{"n": ' + "9" * 5000 + "}"  # past int's 4300 digits
    with pytest.raises(Unreadable):
        digest(spec, row)
    with pytest.raises(Unreadable):
        digester(spec)(row)


def _read_or_unreadable(read, text):
    try:
        value = read(text)
    except Unreadable:
        return "Unreadable"
    return json.dumps(value, sort_keys=True)  # NaN != NaN: compared as text


def test_details_are_read_and_written_as_the_reference_does():
    rng = random.Random("details")
    texts = [
        " {}", "{} ", "\ufeff{}", "{}x", "", "[1]", '"s"', "{'a': 1}", '{"a":1}{"b":2}', "{\"a\": NaN}",
        '{"a": 1, "a": 2}', "{\n}", "1e999", '{"b": -0.0, "a": [1.5, true, null]}', b'{"a": 1}',
    ]  # fmt: skip
    for _ in range(3000):
        value = _json_value(rng)
        texts.append(json.dumps(value, ensure_ascii=rng.random() < 0.5))
        if isinstance(value, dict):
            assert details_text(value) == canonical_json(value)
    for text in texts:
        assert _read_or_unreadable(details_json, text) == _read_or_unreadable(read_json, text), text
    with pytest.raises(TypeError):  # not JSON: as the reference, and nothing kept after it
        details_text({"a": {"b": object()}})
    assert details_text({"a": {"b": 1}}) == '{"a":{"b":1}}'
