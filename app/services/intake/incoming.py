"""Items on their way in: the validation of JSON Lines records, with Swedish messages, into
the one record shape every source produces (app.core.incoming.IncomingItem)."""

from __future__ import annotations

import io
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import IO, Any

from app.core.errors import InputError
from app.core.incoming import IncomingItem
from app.core.states import ItemKind

REQUIRED = ("account", "external_id", "text", "created_at")
STRING_FIELDS = {
    "account": 64,
    "platform": 32,
    "external_id": 200,
    "parent_external_id": 200,
    "post_external_id": 200,
    "author_name": 500,
    "author_id": 200,
    "author_url": 2000,
    "permalink": 2000,
    "text": None,
    "kind": 16,
}
KNOWN_FIELDS = set(STRING_FIELDS) | {"created_at", "edited_at", "raw"}


class ImportLineError(InputError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"rad {line}: {message}")
        self.line = line


def _check_text(value: str, field: str) -> None:
    if "\x00" in value:
        raise ValueError(f"fältet {field!r} innehåller ett NUL-tecken (U+0000), som inte kan lagras")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"fältet {field!r} innehåller ett ensamt surrogattecken (ogiltig Unicode)") from None


def _check_raw(value: Any, path: str = "raw") -> None:
    if isinstance(value, str):
        _check_text(value, path)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, path)
            _check_raw(v, f"{path}.{k}")
    elif isinstance(value, list):
        for v in value:
            _check_raw(v, path)


def parse_time(value: Any, field: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"fältet {field!r} måste vara en tidpunkt i ISO 8601-format")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"fältet {field!r} är ingen giltig tidpunkt: {value!r}") from None
    if parsed.tzinfo is None:
        raise ValueError(
            f"fältet {field!r} saknar tidszon: {value!r} (skriv t.ex. 2026-05-01T12:00:00+02:00)"
        )
    if parsed.year in (1, 9999):  # only there can the conversion leave the calendar
        try:
            parsed.astimezone(UTC)  # stored in UTC: year 1 at +14:00 has no UTC time
        except OverflowError:
            raise ValueError(f"fältet {field!r} kan inte lagras i UTC: {value!r}") from None
    return parsed


def item_from_record(record: Any, *, check_characters: bool = True) -> IncomingItem:
    """Validate one decoded JSON record; raises ValueError with a Swedish message.

    `check_characters=False` skips the NUL and lone-surrogate scan, for callers that know the
    JSON text had no \\u escapes (the only way either can get into decoded JSON)."""
    if check_characters or not _plainly_valid(record):
        _validate(record, check_characters)
    get = record.get
    edited_at = get("edited_at")
    return IncomingItem(
        record["account"],
        record["external_id"],
        record["text"],
        parse_time(record["created_at"], "created_at"),
        get("platform"),
        get("kind"),
        get("parent_external_id") or None,
        get("post_external_id") or None,
        get("author_name") or "",
        get("author_id") or None,
        get("author_url") or None,
        get("permalink") or None,
        parse_time(edited_at, "edited_at") if edited_at else None,
        get("raw"),
    )


_LIMITS = {field: sys.maxsize if limit is None else limit for field, limit in STRING_FIELDS.items()}


def _plainly_valid(record: Any) -> bool:
    """True for a record `_validate` accepts, told in a fraction of its time; False when in
    doubt (then `_validate` says what is wrong). Times are checked as the item is built."""
    if record.__class__ is not dict or not KNOWN_FIELDS.issuperset(record):
        return False
    get = record.get
    if not get("account") or not get("external_id") or not get("created_at") or get("text") is None:
        return False
    limits = _LIMITS
    for field, value in record.items():
        if value.__class__ is str:
            # A field without a limit (the times: checked as the item is built) gets sys.maxsize.
            if len(value) > limits.get(field, sys.maxsize):
                return False
        elif value is not None and field in limits:
            return False
    raw, kind = get("raw"), get("kind")
    return (raw is None or raw.__class__ is dict) and kind in (None, "post", "comment")


def _validate(record: Any, check_characters: bool) -> None:
    if not isinstance(record, dict):
        raise ValueError("raden måste vara ett JSON-objekt")
    missing = [f for f in REQUIRED if record.get(f) in (None, "") and f != "text"]
    if "text" not in record or record["text"] is None:
        missing.append("text")
    if missing:
        raise ValueError("fält saknas: " + ", ".join(missing))
    if not KNOWN_FIELDS.issuperset(record):
        raise ValueError("okända fält: " + ", ".join(sorted(set(record) - KNOWN_FIELDS)))
    for field, value in record.items():
        if value is None or field not in STRING_FIELDS:
            continue
        limit = STRING_FIELDS[field]
        if not isinstance(value, str):
            raise ValueError(f"fältet {field!r} måste vara en sträng")
        if check_characters:
            _check_text(value, field)
        if limit is not None and len(value) > limit:
            raise ValueError(f"fältet {field!r} är längre än {limit} tecken")
    raw = record.get("raw")
    if raw is not None:
        if not isinstance(raw, dict):
            raise ValueError("fältet 'raw' måste vara ett JSON-objekt")
        if check_characters:
            _check_raw(raw)
    kind = record.get("kind")
    if kind is not None and kind not in (ItemKind.POST, ItemKind.COMMENT):
        raise ValueError("fältet 'kind' måste vara 'post' eller 'comment'")


class _NotPlainJson(ValueError):
    """A line Python's json would take but the evidence copy cannot keep as sent."""


def _refuse_constant(name: str) -> Any:
    raise _NotPlainJson(f"{name} är inte giltig JSON (ett tal måste vara ändligt)")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise _NotPlainJson(f"talet {text[:40]} är för stort för att lagras")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for twice, _value in pairs:
            if twice in seen:
                break
            seen.add(twice)
        raise _NotPlainJson(
            f"nyckeln {twice!r} finns två gånger i samma objekt (beviskopian ska vara det "
            "plattformen skickade, inte en sammanslagen version)"
        )
    return record


# Strict JSON: NaN, Infinity and numbers beyond a double are not JSON (PostgreSQL's jsonb
# refuses them, and the evidence copy must be valid JSON); a key twice in one object would be
# collapsed silently. Each hook costs only where it applies (objects: ~0.3 µs each).
_STRICT = json.JSONDecoder(
    parse_constant=_refuse_constant, parse_float=_finite_float, object_pairs_hook=_unique_keys
)
_decode = _STRICT.decode
_strict_value_at: Callable[[str, int], tuple[Any, int]] = _STRICT.scan_once  # type: ignore[attr-defined]


def _decode_line(line: str) -> Any:
    """`_decode(line)`, its C scanner called directly for a line that starts with its value
    and has only JSON whitespace after it (~1 µs less a line); any other line goes through
    `_decode`, which says what is wrong exactly as before."""
    try:
        value, end = _strict_value_at(line, 0)
    except (StopIteration, json.JSONDecodeError):
        return _decode(line)
    if end != len(line) and line[end:].strip(" \t\n\r"):
        return _decode(line)
    return value


# For `raw` once the whole line has passed `_decode`: no hook can refuse anything there any
# more, and Python's plain scanner (C, no hook calls) gives the same values: half the cost.
# It raises StopIteration where no value starts.
_value_at: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_COLON = re.compile(r"[ \t\r\n]*:[ \t\r\n]*")


def received_raw(line: str, raw: Any) -> str | None:
    """The text of the record's `raw` object exactly as written in `line`, or None.

    Every `"raw"` followed by a colon is tried; the one whose value decodes equal to the
    record's `raw` is it. (Only the top-level key can: every other field is a string, and an
    object inside `raw` cannot equal `raw` itself.) The rest of the line is already known to
    be strict JSON (checked by `_decode` before this is called)."""
    if raw.__class__ is not dict:
        return None
    at = line.find('"raw"')
    while at != -1:
        colon = _COLON.match(line, at + 5)
        if colon is not None:
            try:
                value, end = _value_at(line, colon.end())
            except (ValueError, StopIteration):
                value, end = None, 0
            if value.__class__ is dict and value == raw:
                return line[colon.end() : end]
        at = line.find('"raw"', at + 1)
    return None


_LINE_ENDS = frozenset(("\n", "", "\r\n"))


def read_jsonl(stream: IO[str]) -> Iterator[tuple[int, IncomingItem]]:
    for number, line in enumerate(stream, start=1):
        # `_decode_line` written out for the usual line, one record and its newline (a call
        # less a line); any other line goes through it, and so does every error.
        try:
            record, end = _strict_value_at(line, 0)
            if line[end:] not in _LINE_ENDS:
                raise StopIteration
        except (StopIteration, ValueError):
            if not line.strip():
                continue
            record = None
        try:
            if record is None:
                record = _decode_line(line)
        except json.JSONDecodeError as exc:
            raise ImportLineError(number, f"ogiltig JSON ({exc.msg}, tecken {exc.colno})") from None
        except _NotPlainJson as exc:
            raise ImportLineError(number, str(exc)) from None
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            raise ImportLineError(number, f"ogiltig JSON ({exc})") from None
        try:
            item = item_from_record(record, check_characters="\\u" in line)
        except ValueError as exc:
            raise ImportLineError(number, str(exc)) from None
        if item.raw is not None:
            item.raw_json = received_raw(line, item.raw)
        yield number, item


def lines_expected(stream: io.TextIOWrapper) -> Callable[[int], float] | None:
    """For a file being read line by line: given the lines read so far, an estimate of all its
    lines (the file's size over the bytes a line so far, read-ahead included). None for a pipe."""
    if not stream.seekable():
        return None
    size = os.fstat(stream.fileno()).st_size
    raw: IO[bytes] = stream.buffer  # type: ignore[assignment]

    def expected(lines: int) -> float:
        return lines * size / max(raw.tell(), 1)

    return expected


def known_total(total: int) -> Callable[[int], float]:
    """For items of a known number: that number, however many were read."""
    return lambda _read: total
