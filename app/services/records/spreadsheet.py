"""Writing commenters' text into xlsx so that every reader shows exactly what was written.

Three traps, all met by the registrator's export and the evidence package:

* Formulas. A comment starting with `=`, `+`, `-` or `@` must stay text. Every text cell is a
  `WriteOnlyCell` with `data_type = "s"`, written as an inline string, which openpyxl,
  LibreOffice and Excel all read back as the literal text.
* Characters xlsx cannot hold. XML 1.0 forbids the control characters U+0000–U+0008, U+000B,
  U+000C, U+000E–U+001F and U+FFFE/U+FFFF (openpyxl raises, and in streaming mode the whole sheet
  dies). A carriage return is allowed but every reader turns it into a line feed, and readers
  decode OOXML's own `_xHHHH_` escapes (LibreOffice turns `_x0001_` into U+0001). So this module
  escapes, visibly and reversibly:

      U+0000–U+001F except TAB and LF  ->  \\x01, \\x0D ... (two hex digits)
      U+FFFE, U+FFFF                   ->  \\uFFFE, \\uFFFF
      "_" starting an "_xHHHH_"        ->  \\x5F
      "\\" where it would read as one of these escapes (before \\, xHH, uFFFE/uFFFF or before
      an escaped character)            ->  \\\\

  Ordinary backslashes (`C:\\Users`, `¯\\_(ツ)_/¯`) are left alone. `unescape_cell_text` undoes it.
* Length. A cell holds at most 32,767 characters (counted in UTF-16 units, as Excel counts;
  LibreOffice cuts there silently). Longer text is cut with a visible marker; the full text is in
  the evidence package.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.services.records.atomic_file import AtomicFile as AtomicFile  # its importers predate the split
from app.services.records.print_layout import lines_needed, row_height, set_print_area, set_up_printing

CELL_LIMIT = 32_767
TRUNCATION_MARKER = " … [AVKORTAD: {n} tecken till finns i bevispaketet]"

_CONTROL = "\x00-\x08\x0b-\x1f\ufffe\uffff"
# Anything that may need escaping; most texts contain none of these and skip the slow path.
_MAYBE = re.compile(rf"[{_CONTROL}\\_]")
_ESCAPE = re.compile(
    rf"(?P<ctrl>[{_CONTROL}])"
    r"|(?P<us>_(?=x[0-9A-Fa-f]{4}_))"
    rf"|(?P<bs>\\(?=\\|x[0-9A-Fa-f]{{2}}|u[Ff]{{3}}[EeFf]|[{_CONTROL}]|_x[0-9A-Fa-f]{{4}}_))"
)
_UNESCAPE = re.compile(r"\\(?:(\\)|x([0-9A-Fa-f]{2})|u([Ff]{3}[EeFf]))")


def _escape_one(match: re.Match[str]) -> str:
    if match.group("bs"):
        return "\\\\"
    if match.group("us"):
        return "\\x5F"
    code = ord(match.group("ctrl"))
    return f"\\u{code:04X}" if code > 0xFF else f"\\x{code:02X}"


def _unescape_one(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\"
    return chr(int(match.group(2) or match.group(3), 16))


def escape_cell_text(text: str) -> str:
    if not _MAYBE.search(text):
        return text
    return _ESCAPE.sub(_escape_one, text)


def unescape_cell_text(text: str) -> str:
    return _UNESCAPE.sub(_unescape_one, text) if "\\" in text else text


def utf16_len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


@dataclass
class CellText:
    """A text fitted for a cell: what to write, and what had to be done to it."""

    value: str
    escaped: bool
    truncated: bool


def fit_cell_text(text: str) -> CellText:
    value = escape_cell_text(text)
    escaped = value != text
    # Every code point is at most two UTF-16 units, so short texts need no counting.
    if len(value) * 2 <= CELL_LIMIT or utf16_len(value) <= CELL_LIMIT:
        return CellText(value, escaped, False)
    # The longest prefix of the original whose escaped form leaves room for the marker; cutting
    # the original (not the escaped text) never splits an escape sequence.
    budget = CELL_LIMIT - 80
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if utf16_len(escape_cell_text(text[:middle])) <= budget:
            low = middle
        else:
            high = middle - 1
    kept = escape_cell_text(text[:low])
    return CellText(kept + TRUNCATION_MARKER.format(n=len(text) - low), escaped, True)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, long (wrapped), datetime, month, int
    width: float = 14
    note: str | None = None  # shown as a comment on the header cell
    number_format: str | None = None  # column style, e.g. "@" for a column to be typed in
    printed: bool = True  # printed columns come first in the sheet; the others follow, unprinted


DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONTH_FORMAT = "yyyy-mm"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE3EA")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LEFT = Alignment(horizontal="left", vertical="top")
_TOP = Alignment(vertical="top")


class _PreparedCellsSheet(WriteOnlyWorksheet):
    """A streamed sheet that is only ever given prepared cells (or None for an empty cell).

    openpyxl's `append` first tries each value as the value of a scratch cell, which for a cell
    object fails by design, at the cost of an exception and a repr per cell: a third of the
    export's time. Here every value already is a cell, so it only gets its position."""

    def _values_to_row(self, values: Sequence[Cell | None], row_idx: int) -> Iterator[Cell]:
        for col_idx, cell in enumerate(values, 1):
            if cell is None:
                continue
            cell.column = col_idx
            cell.row = row_idx
            yield cell


class SheetWriter:
    """One streamed sheet: a styled header, then rows whose cells are reused column by column.

    openpyxl's streaming writer serializes each row inside `append`, so one cell object per
    column can carry every row's value; this keeps the export as fast as a bare append loop.
    """

    def __init__(
        self,
        workbook: Workbook,
        title: str,
        columns: Sequence[Column],
        *,
        header: bool = True,
        filter_and_freeze: bool = True,
        heading: str = "",
    ) -> None:
        self.sheet = _PreparedCellsSheet(parent=workbook, title=title)
        workbook._add_sheet(self.sheet)
        order = sorted(range(len(columns)), key=lambda i: not columns[i].printed)
        self._order = None if order == sorted(order) else order
        self.columns = [columns[i] for i in order]
        self._next_row = 1
        self.rows = 0
        self.escaped_cells = 0
        self.truncated_cells = 0
        self._filter = filter_and_freeze
        for index, column in enumerate(self.columns, 1):
            dim = self.sheet.column_dimensions[get_column_letter(index)]
            dim.width = column.width
            if column.number_format:
                dim.number_format = column.number_format
        if filter_and_freeze:
            self.sheet.freeze_panes = "A2"
        set_up_printing(self.sheet, repeat_header=header, heading=heading)
        self._cells = [self._template(c) for c in self.columns]
        self._is_text = [c.kind in ("text", "long") for c in self.columns]
        # Heights follow the printed columns only: a long unprinted cell (the full text, the
        # notice) would otherwise stretch every printed row; on screen it wraps within the row.
        self._widths = [c.width if c.printed else math.inf for c in self.columns]
        if header:
            self._write_header()

    def _template(self, column: Column) -> Cell:
        cell = WriteOnlyCell(self.sheet)
        # Only the cells that need it are styled: a style costs a lookup per cell when written.
        # Text wraps within its column: unwrapped, it would run over the next cell when printed.
        if column.kind in ("text", "long"):
            cell.alignment = _WRAP
        else:
            cell.alignment = _TOP  # level with the first line of the wrapped text beside it
        if column.kind == "datetime":
            cell.number_format = DATETIME_FORMAT
        elif column.kind == "month":
            cell.number_format = MONTH_FORMAT
        elif column.number_format:
            cell.number_format = column.number_format
        return cell

    def _write_header(self) -> None:
        cells = []
        for column in self.columns:
            cell = self.text_cell(column.header)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _HEADER_ALIGN
            if column.note:
                cell.comment = Comment(column.note, "Granska", width=320, height=120)
            cells.append(cell)
        self._append_row(cells, max(lines_needed(c.header, c.width) for c in self.columns))

    def text_cell(self, text: str, *, ours: bool = False) -> Cell:
        """A fresh text cell (for headers and one-off rows), never a formula. `ours` is for
        Granska's own explanations, which may show escape sequences as examples."""
        cell = WriteOnlyCell(self.sheet, value=text if ours else self._fit(text))
        cell.data_type = "s"
        cell.alignment = _WRAP
        return cell

    def _fit(self, text: str) -> str:
        if len(text) * 2 <= CELL_LIMIT and not _MAYBE.search(text):
            return text  # the common case, kept cheap: nothing to escape, nothing to cut
        fitted = fit_cell_text(text)
        self.escaped_cells += fitted.escaped
        self.truncated_cells += fitted.truncated
        return fitted.value

    def append(self, values: Sequence[Any]) -> None:
        if self._order is not None:
            values = [values[i] for i in self._order]
        row: list[Any] = []
        lines = 1
        for cell, is_text, width, value in zip(self._cells, self._is_text, self._widths, values, strict=True):
            if value is None or value == "":
                row.append(None)
                continue
            if is_text:
                cell.value = text = self._fit(value if isinstance(value, str) else str(value))
                cell.data_type = "s"
                if width != math.inf and (len(text) > width or "\n" in text):
                    lines = max(lines, lines_needed(text, width))
            else:
                cell.value = value
            row.append(cell)
        self._append_row(row, lines)
        self.rows += 1

    def _append_row(self, row: Sequence[Any], lines: int) -> None:
        height = row_height(lines)
        if height is None:
            self.sheet.append(row)
        else:
            # Held only until the row is written, so memory stays flat however many rows.
            self.sheet.row_dimensions[self._next_row].height = height
            self.sheet.append(row)
            del self.sheet.row_dimensions[self._next_row]
        self._next_row += 1

    def append_plain(self, values: Sequence[Any], *, ours: bool = False) -> None:
        """A row outside the table's columns (titles, notes); text still never a formula."""
        self.append_cells([self.text_cell(v, ours=ours) if isinstance(v, str) else v for v in values])

    def append_cells(self, values: Sequence[Any]) -> None:
        """A row of cells; plain numbers and times become cells here."""
        row: list[Cell | None] = []
        lines = 1
        for width, value in zip([*self._widths, *[14.0] * len(values)], values, strict=False):
            if isinstance(value, Cell) and isinstance(value.value, str):
                lines = max(lines, lines_needed(value.value, width))
            if value is None or isinstance(value, Cell):
                row.append(value)
                continue
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.alignment = _LEFT  # in the summary's columns, under the text above it
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            row.append(cell)
        self._append_row(row, lines)

    def close(self) -> None:
        if self._filter and self.columns:
            last = get_column_letter(len(self.columns))
            self.sheet.auto_filter.ref = f"A1:{last}{self.rows + 1}"
            set_print_area(self.sheet, sum(c.printed for c in self.columns), self.rows + 1)


def discard_workbook(workbook: Workbook) -> None:
    """Remove the temporary files a streamed workbook keeps until it is saved."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        try:
            # The row stream first: left to the garbage collector it would write into the
            # closed file.
            rows = getattr(sheet, "_rows", None)
            if rows is not None:
                rows.close()
            writer.close()
            writer.cleanup()
        except (OSError, ValueError, RuntimeError, StopIteration):
            pass


def save_workbook(workbook: Workbook, path: Path) -> None:
    """`workbook.save(path)`, except that a write that fails (a full disk) closes the file at
    once: openpyxl leaves its zip open, and the garbage collector's attempt to finish it fails
    again later, on the way out of the program."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    workbook.properties.modified = datetime.now(UTC).replace(tzinfo=None)  # as openpyxl does
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        fp, archive.fp = archive.fp, None  # ZipFile.close() does nothing without its file
        if fp is not None:
            with contextlib.suppress(OSError, ValueError):
                fp.close()
        raise
