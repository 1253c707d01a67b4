"""The command line speaks Swedish all the way: argparse's own words too (app/commands/argparse_sv.py)."""

from __future__ import annotations

import argparse
import re

import pytest

from app.cli import build_parser, main

# argparse's English, as Python 3.11 to 3.13 write it.
ENGLISH = re.compile(
    r"usage:|positional arguments|^options:|optional arguments|show this help|show program's version"
    r"|error:|the following arguments|invalid choice|unrecognized arguments|expected one argument"
    r"|not allowed with|is required|ambiguous option|invalid \w+ value",
    re.MULTILINE,
)


def every_parser() -> list[tuple[str, argparse.ArgumentParser]]:
    found = []

    def walk(prefix: str, parser: argparse.ArgumentParser) -> None:
        found.append((prefix, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(f"{prefix} {name}".strip(), sub)

    walk("", build_parser())
    return found


def test_every_help_text_is_swedish():
    parsers = every_parser()
    assert len(parsers) > 40
    for name, parser in parsers:
        text = parser.format_help()
        assert "användning:" in text, name
        assert not ENGLISH.search(text), (name, ENGLISH.search(text).group(0))


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["nonsense"], "ogiltigt val"),
        (["remove"], "följande argument krävs"),
        (["queue", "--limit", "x"], "heltal"),
        (["queue", "--nope"], "okända argument"),
    ],
)
def test_refusals_are_swedish_one_line_and_exit_2(capsys, argv, words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "fel:" in err
    assert not ENGLISH.search(err.replace("fel:", "")), err
    assert len(err.strip().splitlines()) == 1
