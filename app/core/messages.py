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
