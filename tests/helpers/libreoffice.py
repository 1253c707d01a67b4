"""LibreOffice Calc as a second, independent reader of the xlsx files Granska writes.

`soffice --convert-to csv` with filter options (STACK-NOTES): UTF-8, every sheet to its own
file (sheet number -1), cells as shown (so dates appear in the cell's number format)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice (soffice) is missing: scripts/test installs libreoffice-calc-nogui")
    return found


def read_with_libreoffice(xlsx: Path, workdir: Path) -> dict[str, list[list[str]]]:
    """{sheet name: rows of cell texts as LibreOffice shows them}."""
    out = workdir / f"lo-{xlsx.stem}"
    out.mkdir(parents=True, exist_ok=True)
    profile = workdir / "lo-profile"
    subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", CSV_FILTER, "--outdir", str(out), str(xlsx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    sheets = {}
    for path in sorted(out.glob(f"{xlsx.stem}-*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            sheets[path.stem[len(xlsx.stem) + 1 :]] = list(csv.reader(f))
    return sheets


def as_shown(cell: Any) -> str:
    """An openpyxl cell the way its number format (ours: two kinds of date) shows it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m" if cell.number_format == "yyyy-mm" else "%Y-%m-%d %H:%M")
    return str(value)


def assert_same_cells(sheet: Any, libreoffice_rows: list[list[str]]) -> None:
    """Cell by cell: what openpyxl reads equals what LibreOffice shows."""
    openpyxl_rows = list(sheet.iter_rows())
    width = max([len(r) for r in openpyxl_rows] + [len(r) for r in libreoffice_rows] + [0])
    ours = [[as_shown(c) for c in row] + [""] * (width - len(row)) for row in openpyxl_rows]
    theirs = [list(row) + [""] * (width - len(row)) for row in libreoffice_rows]
    # LibreOffice leaves out trailing empty rows.
    while ours and not any(ours[-1]):
        ours.pop()
    name = sheet.title
    assert len(ours) == len(theirs), f"{name}: {len(ours)} rows vs LibreOffice {len(theirs)}"
    for r, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        for c, (x, y) in enumerate(zip(a, b, strict=True), start=1):
            assert x == y, f"{name} row {r} column {c}: openpyxl {x[:80]!r} vs LibreOffice {y[:80]!r}"


def print_with_libreoffice(xlsx: Path, workdir: Path) -> tuple[str, list[str]]:
    """The workbook printed to PDF by LibreOffice: (pdfinfo's page size line, each page's text as
    pdftotext lays it out)."""
    out = workdir / f"pdf-{xlsx.stem}"
    out.mkdir(parents=True, exist_ok=True)
    profile = workdir / "lo-profile"
    subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), str(xlsx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = out / f"{xlsx.stem}.pdf"
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: scripts/test installs poppler-utils")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    return size, [page for page in text.stdout.split("\f") if page.strip()]
