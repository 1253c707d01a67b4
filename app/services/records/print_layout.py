"""How the registrator's workbook prints: A4 landscape, one page wide, the header row on every
page, the period and the time zone in the page header, page numbers in the footer.

Only the columns a person reads on paper are printed (date received, diarienummer, sender, in
brief what it concerns, the decision and its motivation); links, ids and hashes stay in the file,
to the right of the printed area. Rows get a height that fits their wrapped text, since
LibreOffice does not grow a row whose height the file does not state: its text would be cut off
or run into the next row.
"""

from __future__ import annotations

import math
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

LINE_HEIGHT = 15.0  # points: one line of the default 11 pt font
MAX_LINES = 27  # a row is at most 409 pt high in Excel
# Characters of ordinary text in one unit of column width (which is the width of a "0").
CHARACTERS_PER_UNIT = 1.25
TIME_ZONE_NOTE = "Alla tider är svensk tid (Europe/Stockholm, sommartid när den gäller)."


def set_up_printing(sheet: Any, *, repeat_header: bool, heading: str) -> None:
    """A4 landscape, scaled to one page wide (as many pages tall as needed)."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.gridLines = True
    if repeat_header:
        sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = "&A"
    sheet.oddHeader.left.size = 9
    sheet.oddHeader.right.text = heading.replace("&", "&&")
    sheet.oddHeader.right.size = 9
    sheet.oddFooter.center.text = "Sida &P av &N"
    sheet.oddFooter.center.size = 9


def set_print_area(sheet: Any, printed_columns: int, rows: int) -> None:
    """The printed columns, as far as there are rows. (Whole columns, A:N, is what LibreOffice
    saves such an area as, and openpyxl cannot read that back: the diarienummer import would
    stumble on the registrator's saved file.)"""
    if printed_columns and rows:
        sheet.print_area = f"A1:{get_column_letter(printed_columns)}{rows}"


def lines_needed(text: str, width: float) -> int:
    """How many lines a wrapped cell of this column width shows."""
    per_line = max(1, int(width * CHARACTERS_PER_UNIT))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))


def row_height(lines: int) -> float | None:
    """The height for a row of this many lines; None for one line (the default height)."""
    if lines <= 1:
        return None
    return min(lines, MAX_LINES) * LINE_HEIGHT
