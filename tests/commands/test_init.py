"""The helpers every subcommand shares (app/commands/__init__.py)."""

from __future__ import annotations

import argparse

import pytest

from app.cli import main
from app.commands import count, item_id, whole_number


def test_whole_numbers_are_checked_by_argparse_with_a_swedish_line():
    assert count("0") == 0 and count("1000000") == 1_000_000
    assert item_id("7") == 7
    five_days = whole_number(5, what="ett antal dagar")
    cases = [
        (count, "-1", "får inte vara negativt: -1"),
        (count, "tio", "inte ett heltal: 'tio'"),
        (item_id, "0", "inte ett post-id: 0"),
        (item_id, "x", "inte ett post-id: 'x' (se granska queue --json)"),
        (five_days, "4", "inte ett antal dagar: 4"),
    ]
    for parse, value, message in cases:
        with pytest.raises(argparse.ArgumentTypeError) as raised:
            parse(value)
        assert str(raised.value) == message


def test_a_negative_count_on_the_command_line_exits_2_with_one_line(capsys, tmp_path):
    code = main(["--db", f"sqlite:///{tmp_path / 'g.db'}", "queue", "--limit", "-3"])
    err = capsys.readouterr().err
    assert code == 2 and "får inte vara negativt: -3" in err and not (tmp_path / "g.db").exists()
