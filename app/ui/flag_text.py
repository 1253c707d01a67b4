"""Why an item was flagged, in the window's language.

The importer stores each flag's explanation in Swedish (app/services/intake/rules.py) with the
matched word; here the known sentences are read back into their parts and said again through
the translation, with the word list's name instead of its code. An unknown sentence (an older
build's) is shown as stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.services.moderation.reasons import REMOVAL_REASONS
from app.ui.labels import reason_label

translate = QCoreApplication.translate


def _list_name(code: str) -> str:
    return reason_label(code) if code in REMOVAL_REASONS else code


def _fill(text: str, *parts: str) -> str:
    for n, part in enumerate(parts, start=1):
        text = text.replace(f"%{n}", part)
    return text


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"«(.+)» tyder på en politisk fråga: hänvisa till partiernas egna kanaler\.", re.S),
        lambda m: _fill(
            translate("FlagText", "«%1» tyder på en politisk fråga: hänvisa till partiernas egna kanaler."),
            m[1],
        ),
    ),
    (
        re.compile(r"«(.+)» står i ordlistan (\S+)\.", re.S),
        lambda m: _fill(translate("FlagText", "«%1» står i ordlistan %2."), m[1], _list_name(m[2])),
    ),
    (
        re.compile(r"«(.+)» börjar som «(.+)» i ordlistan (\S+)\.", re.S),
        lambda m: _fill(
            translate("FlagText", "«%1» börjar som «%2» i ordlistan %3."), m[1], m[2], _list_name(m[3])
        ),
    ),
    (
        re.compile(r"«(.+)» är en böjd form av «(.+)» i ordlistan (\S+)\.", re.S),
        lambda m: _fill(
            translate("FlagText", "«%1» är en böjd form av «%2» i ordlistan %3."),
            m[1],
            m[2],
            _list_name(m[3]),
        ),
    ),
    (
        re.compile(r"En e-postadress: kontrollera att den inte är en privatpersons\."),
        lambda _m: translate("FlagText", "En e-postadress: kontrollera att den inte är en privatpersons."),
    ),
    (
        re.compile(r"En länk: kontrollera att den inte leder till reklam eller skadligt innehåll\."),
        lambda _m: translate(
            "FlagText", "En länk: kontrollera att den inte leder till reklam eller skadligt innehåll."
        ),
    ),
    (
        re.compile(r"Ett giltigt personnummer \(kontrollsiffran stämmer\)\."),
        lambda _m: translate("FlagText", "Ett giltigt personnummer (kontrollsiffran stämmer)."),
    ),
    (
        re.compile(r"Ett giltigt samordningsnummer \(kontrollsiffran stämmer\)\."),
        lambda _m: translate("FlagText", "Ett giltigt samordningsnummer (kontrollsiffran stämmer)."),
    ),
    (
        re.compile(r"Ett telefonnummer: kontrollera att det inte är en privatpersons\."),
        lambda _m: translate("FlagText", "Ett telefonnummer: kontrollera att det inte är en privatpersons."),
    ),
]


def flag_explanation(flag: dict[str, Any]) -> str:
    stored = str(flag.get("explanation") or "")
    for pattern, say in _PATTERNS:
        found = pattern.fullmatch(stored)
        if found:
            return say(found)
    return stored
