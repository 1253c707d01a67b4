from __future__ import annotations

import itertools
import re

import pytest

from app.core.errors import InputError
from app.services.records.spreadsheet import (
    CELL_LIMIT,
    AtomicFile,
    escape_cell_text,
    fit_cell_text,
    unescape_cell_text,
    utf16_len,
)

# What a reader must never see in a cell: characters XML 1.0 forbids, a carriage return (turned
# into a line feed by every reader) and OOXML's own _xHHHH_ escapes (decoded by LibreOffice).
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
ALPHABET = ["\\", "x", "u", "F", "E", "0", "1", "_", "\x01", "\r", "\ufffe", "a"]


def test_every_short_string_over_the_tricky_alphabet_round_trips_and_is_clean():
    checked = 0
    for n in range(6):
        for chars in itertools.product(ALPHABET, repeat=n):
            text = "".join(chars)
            escaped = escape_cell_text(text)
            assert unescape_cell_text(escaped) == text, (text, escaped)
            assert not FORBIDDEN.search(escaped), (text, escaped)
            checked += 1
    assert checked > 250_000


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("vanlig text", "vanlig text"),
        ("klocka\x07", "klocka\\x07"),
        ("rad1\r\nrad2", "rad1\\x0D\nrad2"),
        ("tab\toch\nny rad", "tab\toch\nny rad"),
        ("\x00\x1b[31m", "\\x00\\x1B[31m"),
        ("\ufffe", "\\uFFFE"),
        ("_x0041_", "\\x5Fx0041_"),
        ("C:\\Users\\anna", "C:\\Users\\anna"),
        ("¯\\_(ツ)_/¯", "¯\\_(ツ)_/¯"),
        ("\\x41", "\\\\x41"),
        ("\\\\", "\\\\\\"),
    ],
)
def test_escapes_are_visible_and_ordinary_backslashes_untouched(text, shown):
    assert escape_cell_text(text) == shown
    assert unescape_cell_text(shown) == text


def test_long_text_is_cut_with_a_marker_that_says_how_much_is_missing():
    text = "å" * 40_000
    fitted = fit_cell_text(text)
    assert fitted.truncated and not fitted.escaped
    assert utf16_len(fitted.value) <= CELL_LIMIT
    kept, marker = fitted.value.split(" … [AVKORTAD: ")
    assert text.startswith(kept)
    assert marker == f"{40_000 - len(kept)} tecken till finns i bevispaketet]"


def test_the_limit_counts_utf16_units_like_excel_and_never_splits_an_emoji():
    text = "😀" * 20_000  # 40,000 UTF-16 units
    fitted = fit_cell_text(text)
    assert fitted.truncated and utf16_len(fitted.value) <= CELL_LIMIT
    assert fitted.value.split(" … ")[0] == "😀" * len(fitted.value.split(" … ")[0])


def test_cutting_never_leaves_half_an_escape():
    text = "\x01" * 20_000  # escapes to 80,000 characters
    fitted = fit_cell_text(text)
    kept = fitted.value.split(" … [AVKORTAD")[0]
    assert kept == "\\x01" * (len(kept) // 4)
    assert unescape_cell_text(kept) == "\x01" * (len(kept) // 4)


def test_short_text_is_untouched():
    fitted = fit_cell_text("=1+1")
    assert (fitted.value, fitted.escaped, fitted.truncated) == ("=1+1", False, False)


def test_atomic_file_leaves_nothing_when_discarded(tmp_path):
    target = tmp_path / "ut.xlsx"
    with AtomicFile(target) as f:
        f.path.write_bytes(b"halv fil")
    assert list(tmp_path.iterdir()) == []
    with AtomicFile(target) as f:
        f.path.write_bytes(b"hel fil")
        f.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["ut.xlsx"]
    assert target.read_bytes() == b"hel fil"


def test_atomic_file_refuses_to_overwrite_unless_asked(tmp_path):
    target = tmp_path / "ut.xlsx"
    target.write_bytes(b"registratorns ifyllda fil")
    with pytest.raises(InputError, match="finns redan"):
        AtomicFile(target)
    with pytest.raises(InputError, match="finns inte"):
        AtomicFile(tmp_path / "saknas" / "ut.xlsx")
    with AtomicFile(target, overwrite=True) as f:
        f.path.write_bytes(b"ny")
        f.commit()
    assert target.read_bytes() == b"ny"
