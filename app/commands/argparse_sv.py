"""argparse in Swedish: its own words (usage, the headings, its error messages) come from
`argparse._`, a gettext function looked up when each is used, so a Swedish table in its place
makes `granska --help` and every refusal Swedish. Unknown texts pass through unchanged."""

from __future__ import annotations

import argparse
from collections.abc import Callable

SWEDISH = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "subcommands": "underkommandon",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "unrecognized arguments: %s": "okända argument: %s",
    "not allowed with argument %s": "går inte tillsammans med argumentet %s",
    "ignored explicit argument %r": "argumentet %r ignorerades",
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde",
    "expected at least one argument": "minst ett värde behövs",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydig flagga: %(option)s kan vara %(matches)s"
    ),
    "unexpected option string: %s": "oväntad flagga: %s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "okänt kommando %(parser_name)r (finns: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
}
PLURALS = {"expected %s argument": ("%s värde behövs", "%s värden behövs")}
# `invalid int value`: the type's name in Swedish.
TYPE_NAMES = {"int": "heltal", "float": "decimaltal"}


def swedish(text: str) -> str:
    return SWEDISH.get(text, text)


def swedish_plural(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        one, many = PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


def install() -> None:
    """From now on argparse speaks Swedish (the command line is Swedish, like the window's source)."""
    gettext: Callable[[str], str] = swedish
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = swedish_plural  # type: ignore[attr-defined]
