"""Sentences the core says, in Swedish, that the window can say in its own language.

The core has no Qt, and the command line speaks Swedish, so a message is a `str`: the Swedish
sentence, printed and logged as is. It also remembers its source text (with %1, %2 … where its
parts go) and those parts, so the window translates it when it shows it
(app/ui/core_text.py: QCoreApplication.translate in the "Core" context, the parts translated
the same way when they are messages themselves). `translate("Core", …)` marks a source text for
scripts/update-translations (lupdate collects every such call) and returns it as a message.

    raise InputError(say(translate("Core", "Okänt konto %1."), key))
"""

from __future__ import annotations

import re
from collections.abc import Callable

CONTEXT = "Core"
_PLACE = re.compile(r"%(\d+)")


def translate(context: str, source: str) -> Message:
    """`source` as a message (the same Swedish text): the mark lupdate collects, for the
    window's translation. The context is always "Core"; it is written out for lupdate."""
    return Message(source)


def fill(text: str, parts: tuple[object, ...] | list[object], show: Callable[[object], str] = str) -> str:
    """%1, %2 … replaced by the parts (each once; a part's own text is not searched again)."""

    def part(match: re.Match[str]) -> str:
        n = int(match[1])
        return show(parts[n - 1]) if 0 < n <= len(parts) else match[0]

    return _PLACE.sub(part, text)


class Message(str):
    """The Swedish sentence (the `str` itself), its source text and its parts."""

    source: str
    parts: tuple[object, ...]

    def __new__(cls, source: str, *parts: object) -> Message:
        self = super().__new__(cls, fill(source, parts))
        self.source = source
        self.parts = parts
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (Message, (self.source, *self.parts))


def say(source: str, *parts: object) -> Message:
    return Message(source, *parts)


def joined(parts: list[str] | tuple[str, ...], separator: str = ", ") -> Message:
    """Parts joined by `separator`, each still translatable."""
    return Message(separator.join(f"%{n}" for n in range(1, len(parts) + 1)), *parts)


def told(exc: BaseException) -> str:
    """What an error said, still a Message (translatable in the window) when the core said it."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)


Kept = dict[str, object]


def kept(text: object) -> Kept | None:
    """What to store beside a Swedish text so that the window can say it later in its own
    language: the message's source and parts (parts that are messages themselves the same way),
    as JSON. None for a text that is no message (data, a library's words)."""
    if not isinstance(text, Message):
        return None
    return {"source": text.source, "parts": [_kept_part(p) for p in text.parts]}


def _kept_part(part: object) -> object:
    if isinstance(part, Message):
        return kept(part)
    if isinstance(part, int | float) and not isinstance(part, bool):
        return part
    return str(part)


def heard(text: str | None, said: object) -> str | None:
    """A stored Swedish text as a message again, from what `kept` stored beside it; the text as
    it is when nothing (an older row) or something else was stored: what is rebuilt must say
    the stored text word for word, so a text written later without its source stays itself."""
    if text is None or not isinstance(said, dict):
        return text
    try:
        message = _rebuilt(said)
    except (KeyError, TypeError, ValueError, RecursionError):
        return text
    return message if message == text else text


def _rebuilt(said: dict[str, object]) -> Message:
    source, parts = said["source"], said["parts"]
    if not isinstance(source, str) or not isinstance(parts, list):
        raise TypeError(said)
    return Message(source, *(_rebuilt_part(p) for p in parts))


def _rebuilt_part(part: object) -> object:
    if isinstance(part, dict):
        return _rebuilt(part)
    if isinstance(part, str | int | float) and not isinstance(part, bool):
        return part
    raise TypeError(part)
