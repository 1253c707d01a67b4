"""The canonical text of what the audit chain hashes (its events, the records it seals), as plain
functions of the values the database driver returns: the one definition the writer
(app/models/seals.py), `audit verify` and verify's second process (app/services/records/
audit_child.py) all use.

It imports no SQLAlchemy and no model, so the second process starts with little more than a
bare interpreter: a sealed kind is described to it as a plan (each column's name, whether it
is an integer, and the name of its normaliser), not as a table.

The encodings are written without building a dict and sorting it each time: the same bytes as
`canonical_json` of the same content (the chain depends on every byte; tests/models/
test_seal_fast.py compares them on thousands of random and hostile values). Anything but a
plain string, int or bool goes to the reference encoder itself.
"""

from __future__ import annotations

import hashlib
import json.decoder
import json.encoder
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from app.core.canonical import _ENCODER, canonical_json
from app.core.messages import say, translate

TYPE_CHECKING = False  # typing is most of a megabyte in verify's lean second process (audit_child)
if TYPE_CHECKING:
    from typing import Any

GENESIS = "0" * 64
GONE = "-"  # the seal of a record removed on purpose
# An item waiting for a decision moves between these when its author edits it (the import
# flags it again), with no event: one sealed state, still told apart from every decided one.
WAITING = frozenset({"new", "flagged"})


class Unreadable(ValueError):
    """A stored value that its column cannot hold: tampering, reported as such."""


UNREADABLE = translate("Core", "innehållet kan inte läsas")


def when(value: Any) -> str:
    """A UTCDateTime column's value as stored, as its UTC isoformat(); raises Unreadable."""
    if type(value) is str and len(value) == 26 and value[10] == " " and value[19] == ".":
        # The form SQLAlchemy writes on SQLite (UTC, no zone): checked by the parser, then
        # written as the slow path below would (isoformat leaves out zero microseconds).
        # `audit verify` reads a few million of these.
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise Unreadable(say(translate("Core", "%1 är ingen tidpunkt"), repr(value[:60]))) from None
        if moment.tzinfo is None:
            fraction = "" if moment.microsecond == 0 else value[19:]
            return f"{value[:10]}T{value[11:19]}{fraction}+00:00"
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise Unreadable(say(translate("Core", "%1 är ingen tidpunkt"), repr(value[:60]))) from None
    else:
        raise Unreadable(say(translate("Core", "%1 är ingen tidpunkt"), repr(str(value)[:60])))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def json_value(value: Any) -> Any:
    if isinstance(value, str | bytes):
        try:
            return json.loads(value)
        except ValueError:
            raise Unreadable(translate("Core", "ogiltig JSON")) from None
    return value


def read_json(value: Any) -> Any:
    return None if value is None else json_value(value)


def boolean(value: Any) -> Any:
    return value if isinstance(value, bool) else (bool(value) if value in (0, 1) else value)


def binary(value: Any) -> str:
    # bytes(n) of a number is n zero bytes: a number put in a binary column would be read as
    # a (possibly huge) image, or raise a traceback
    if isinstance(value, (bytes, bytearray, memoryview)):  # noqa: UP038
        return hashlib.sha256(bytes(value)).hexdigest()
    raise Unreadable(say(translate("Core", "%1 är inga binära data"), repr(str(value)[:60])))


# A column's normaliser by the name a plan gives it (None: the value as the driver returns it).
NORMALISERS: dict[str, Callable[[Any], Any]] = {
    "time": when,
    "json": json_value,
    "bool": boolean,
    "binary": binary,
}
# (column name, its normaliser's name or None, whether the column holds integers), in the
# order of the kind's columns.
Plan = tuple[tuple[str, str | None, bool], ...]

# The function the reference encoder (ensure_ascii=False) uses for every string.
_string: Callable[[str], str] = json.encoder.encode_basestring
_int_text = int.__repr__
_default = _ENCODER.default

# The C encoder canonical_json's JSONEncoder.encode builds afresh on every call (sorted keys, no
# spaces, UTF-8 as is, NaN allowed), built once: the same code writes the same bytes. Only for
# details just parsed from JSON, which cannot hold a cycle (markers None: no cycle check, so no
# state left behind when a value cannot be encoded).
_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_ENCODE_DICT: Callable[[Any, int], Sequence[str]] | None = (
    None
    if _MAKE_ENCODER is None
    else _MAKE_ENCODER(None, _default, _string, None, ":", ",", True, False, True)
)
# json.loads(text) is this scan from index 0 when it reads the whole text (a leading space or
# BOM, trailing text or bad JSON make the scan stop short or fail: then json.loads itself runs)
_SCAN: Callable[[str, int], tuple[Any, int]] = getattr(json.decoder.JSONDecoder(), "scan_once")  # noqa: B009


def details_json(raw: Any) -> Any:
    """read_json(raw), the same value or Unreadable, for an event's details."""
    if type(raw) is str:
        try:
            value, end = _SCAN(raw, 0)
        except (StopIteration, ValueError):
            return read_json(raw)
        if end == len(raw):
            return value
    return read_json(raw)


def details_text(details: dict[str, Any]) -> str:
    """canonical_json(details) of details parsed from JSON."""
    if _ENCODE_DICT is None or type(details) is not dict:
        return canonical_json(details)
    return "".join(_ENCODE_DICT(details, 0))


def value_json(value: Any) -> str:
    """canonical_json(value), also for a value nested in a dict or list."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return _int_text(value)  # ValueError past 4300 digits, as the encoder's
    if value is True:
        return "true"
    if value is False:
        return "false"
    return canonical_json(value)


def event_text(
    prev_hash: Any,
    at: str,
    actor: Any,
    action: Any,
    item_id: Any,
    account_id: Any,
    details: dict[str, Any] | None,
    seals: str | None,
) -> str:
    """canonical_json of the content seals.event_hash_at hashes (its keys in sorted order)."""
    if (
        type(actor) is str
        and type(action) is str
        and type(prev_hash) is str
        and type(at) is str
        and (seals is None or type(seals) is str)
        and (account_id is None or type(account_id) is int)
        and (item_id is None or type(item_id) is int)
    ):  # what Granska writes, without a call per value (a few million calls at 1M)
        text = (
            f'{{"account":{"null" if account_id is None else _int_text(account_id)},'
            f'"action":{_string(action)},"actor":{_string(actor)},"at":{_string(at)},'
            f'"details":{details_text(details) if details else "{}"},'
            f'"item":{"null" if item_id is None else _int_text(item_id)},"prev":{_string(prev_hash)}'
        )
        return f'{text},"seals":{_string(seals)}}}' if seals is not None else text + "}"
    text = (
        f'{{"account":{value_json(account_id)},"action":{value_json(action)},'
        f'"actor":{value_json(actor)},"at":{value_json(at)},'
        f'"details":{details_text(details) if details else "{}"},'
        f'"item":{value_json(item_id)},"prev":{value_json(prev_hash)}'
    )
    return f'{text},"seals":{value_json(seals)}}}' if seals is not None else text + "}"


def event_digest(
    prev_hash: Any,
    at: str,
    actor: Any,
    action: Any,
    item_id: Any,
    account_id: Any,
    details: dict[str, Any] | None,
    seals: str | None,
) -> str:
    """seals.event_hash_at, byte for byte; Unreadable for details naming a lone surrogate
    (tampered: such a text has no UTF-8, so no event was ever written with it)."""
    text = event_text(prev_hash, at, actor, action, item_id, account_id, details, seals)
    try:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError:
        raise Unreadable(UNREADABLE) from None


def seals_digest(lines: list[str]) -> str | None:
    """SealHasher's digest of an event's seals, given their lines (seals_digest_line, as text)."""
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest() if lines else None


def _json_text(cache: dict[str, str]) -> Callable[[Any], str]:
    """A JSON column's canonical text: parsed and encoded once per distinct stored text (a
    decision's details repeat a few forms), the cache kept small."""

    def encode(raw: Any) -> str:
        if type(raw) is str:
            known = cache.get(raw)
            if known is None:
                if len(cache) > 4096:
                    cache.clear()
                known = cache[raw] = canonical_json(json_value(raw))
            return known
        return value_json(_other(json_value(raw)))

    return encode


def _other(value: Any) -> Any:
    if isinstance(value, (bytes, memoryview)):  # noqa: UP038  (as digest does)
        return hashlib.sha256(bytes(value)).hexdigest()
    return value


def digester(kind: str, plan: Plan, offset: int = 0) -> Callable[[Sequence[Any]], str]:
    """seals.digest of the kind's record, byte for byte, for rows in the order of the plan's
    columns (from `offset` on).

    Written out as straight-line code for the kind (its columns in sorted order, a column that
    is None left out), as namedtuple once was: a loop with a call per column cost as much again
    as the hashing, and this runs once per sealed record."""
    names: dict[str, Any] = {"S": _string, "I": _int_text, "sha": hashlib.sha256}
    body = ["def digest(row):", " parts = []", " try:"]
    waiting = kind == "item"
    columns = [name for name, _, _ in plan]
    for n, (name, code, integer) in enumerate(sorted(plan)):
        normalise = None if code is None else NORMALISERS[code]
        key = repr(f"{_string(name)}:")
        body += [f"  v = row[{offset + columns.index(name)}]", "  if v is not None:"]
        if normalise is None and not waiting:
            names[f"E{n}"] = _plain
            # the type the column holds tested first (_plain tests it again, and the rest)
            first = "I" if integer else "S"
            test = "int" if integer else "str"
            body.append(f"   parts.append({key} + ({first}(v) if type(v) is {test} else E{n}(v)))")
            continue
        if normalise is when and not waiting:  # a str, always
            names["W"] = when
            body.append(f"   parts.append({key} + S(W(v)))")
            continue
        if normalise is json_value:
            names[f"E{n}"] = _json_text({})
        elif normalise is not None:
            names[f"E{n}"] = _normalised(normalise, waiting)
        else:
            names[f"E{n}"] = _waiting
        body.append(f"   parts.append({key} + E{n}(v))")
    body += [
        # a lone surrogate (a JSON column's "\\ud800") has no UTF-8: UnicodeEncodeError
        "  return sha(('{' + ','.join(parts) + '}').encode()).hexdigest()",
        " except Unreadable:",
        "  raise",
        " except (TypeError, ValueError):",
        "  raise Unreadable(UNREADABLE) from None",
    ]
    names["Unreadable"] = Unreadable
    names["UNREADABLE"] = UNREADABLE
    exec("\n".join(body), names)  # noqa: S102  (our own text, from the table's column names)
    digest: Callable[[Sequence[Any]], str] = names["digest"]
    return digest


def _plain(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return _int_text(value)
    return value_json(_other(value))


def _waiting(value: Any) -> str:
    return value_json(_other("waiting" if value in WAITING else value))


def _normalised(normalise: Callable[[Any], Any], waiting: bool) -> Callable[[Any], str]:
    def encode(value: Any) -> str:
        value = normalise(value)
        if waiting and value in WAITING:
            value = "waiting"
        return value_json(_other(value))

    return encode
