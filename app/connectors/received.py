"""A platform's listing decoded once, each object of its top-level arrays keeping the JSON text
it arrived as: the evidence copy of a comment is what the platform sent (its spacing, key
order, number forms and escapes), not a re-encoding of the decoded object (#20)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

# JSON's own whitespace (RFC 8259), nothing else.
_SPACE = re.compile(r"[ \t\n\r]*")
# Python's own decoder, as `httpx.Response.json()` uses it: the same values come out. Its
# scanner (C) raises StopIteration where no value starts.
_value_at: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_BLANK = frozenset(" \t\n\r")


def _skip(text: str, at: int) -> int:
    if text[at : at + 1] not in _BLANK:  # the common case: compact JSON
        return at
    space = _SPACE.match(text, at)
    return space.end() if space else at


class Received(dict[str, Any]):
    """A decoded JSON object and, in `received`, the text it was decoded from."""

    __slots__ = ("received",)
    received: str


def _array(text: str, at: int) -> tuple[list[Any], int]:
    """The array starting at `text[at]` (a `[`); its objects as `Received`. The separator is
    looked at in place, a single space after it (json.dumps' own) without a regex: a page of a
    hundred comments in 0.26 ms against 0.30 (#20)."""
    values: list[Any] = []
    append, value_at = values.append, _value_at
    at = _skip(text, at + 1)
    if text[at : at + 1] == "]":
        return values, at + 1
    while True:
        start = at
        value, at = value_at(text, at)
        if value.__class__ is dict:
            kept = Received(value)
            kept.received = text[start:at]
            value = kept
        append(value)
        sign = text[at : at + 1]
        if sign in _BLANK:
            at = _skip(text, at)
            sign = text[at : at + 1]
        if sign == ",":
            at += 1
            if text[at : at + 1] == " ":
                at += 1
            if text[at : at + 1] in _BLANK:
                at = _skip(text, at)
            continue
        if sign == "]":
            return values, at + 1
        raise ValueError("not a JSON array")


def decode_listing(content: bytes) -> Any:
    """The JSON object in `content`, each object of its top-level arrays a `Received`; None
    when `content` is not plainly a UTF-8 JSON object (the caller then decodes it as it always
    did, and reports what is wrong in its own words)."""
    try:
        text = content.decode("utf-8")
        return _object(text)
    except (ValueError, StopIteration, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def _object(text: str) -> dict[str, Any] | None:
    at = _skip(text, 0)
    if text[at : at + 1] != "{":
        return None
    body: dict[str, Any] = {}
    at = _skip(text, at + 1)
    if text[at : at + 1] != "}":
        while True:
            if text[at : at + 1] != '"':
                return None
            name, at = _value_at(text, at)
            at = _skip(text, at)
            if text[at : at + 1] != ":":
                return None
            at = _skip(text, at + 1)
            value, at = _array(text, at) if text[at : at + 1] == "[" else _value_at(text, at)
            body[name] = value  # a key twice: the last one, as json.loads does
            at = _skip(text, at)
            sign = text[at : at + 1]
            if sign == "}":
                break
            if sign != ",":
                return None
            at = _skip(text, at + 1)
    if _skip(text, at + 1) != len(text):
        return None
    return body
