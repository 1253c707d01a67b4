"""The yearly evaluation as PDF and xlsx, read back: pdftotext finds each account and the
hand-counted figures of tests/helpers/statistics.py; pdftoppm draws the first page."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QColor, QImage

from app.cli import main
from app.services.context import Actor
from app.services.screenshots.schedule import ScreenshotService
from app.services.stats.report import build_report
from app.services.stats.report_xlsx import write_report_xlsx
from app.ui.report_pdf import write_report_pdf
from tests.helpers.statistics import NOW, at, fill_december

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is installed by scripts/test"
)


def _png(tmp_path: Path) -> bytes:
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b5998"))
    path = tmp_path / "page.png"
    image.save(str(path))
    return path.read_bytes()


@pytest.fixture
def report(qapp, database, tmp_path):
    s = database.sessions
    fill_december(s)
    shot = ScreenshotService(s, Actor("chef", clock=lambda: at(12, 1, 10))).file_screenshot(
        "fb", _png(tmp_path)
    )
    return build_report(s, 2026, Actor("chef", clock=lambda: NOW)), shot


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return out.stdout


@needs_poppler
def test_the_pdf_holds_every_account_and_the_right_numbers(report, tmp_path):
    data, shot = report
    pdf = write_report_pdf(data, tmp_path / "utvardering-2026.pdf")
    text = _text(pdf)
    assert "Utvärdering av närvaron i sociala medier 2026" in text
    for name in ("Vadstena kommun (fb)", "Vadstena kommun (ig)", "Vadstena kommun (yt)"):
        assert name in text
    # fb over the year: December's four (65, 112, 87, 2 h; watched 2, 1, 27, 2 h; the forward
    # stops no clock) and November's one (1 h, 1 h watched): medians 65 h and 2 h, p90 the 5th
    # of 5 = 27 h, 4 of 5 within the promise; 4 waiting, 3 overdue.
    assert "65,0 h" in text and "2,0 h" in text and "27,0 h" in text
    assert "4 av 5 (80 %)" in text
    assert re.search(r"försenade\s+4\s*/\s*3", text)
    assert "Svordomar" in text and "Diarieförda av de borttagna: 1 (100 %)" in text
    assert shot.sha256 in text.replace(" ", "").replace("\n", "") or shot.sha256[:32] in text
    assert "Saknas: ingen skärmdump" in text  # ig and yt
    assert "ingen administratör (minst två behövs)" in text
    assert "svarslöftet hölls inte, 4 av 5 frågor (80 %)" in text
    page = tmp_path / "sida"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(page)], check=True)
    first = next(tmp_path.glob("sida*.png"))
    assert QImage(str(first)).width() > 400


def test_the_xlsx_has_the_same_tables(report, tmp_path):
    data, _ = report
    path = write_report_xlsx(data, tmp_path / "utvardering-2026.xlsx")
    book = load_workbook(path, read_only=True)
    rows = list(book["Konton"].iter_rows(values_only=True))
    head, fb = rows[0], next(r for r in rows if r[1] == "fb")
    values = dict(zip(head, fb, strict=True))
    assert values["Median svarstid bevakningstid (h)"] == 2  # the year: see the PDF test
    assert values["Median svarstid kalendertid (h)"] == 65
    assert (values["Inom löftet"], values["Försenade nu"]) == (4, 3)
    assert list(book["Borttagna per skäl"].iter_rows(values_only=True))[1] == (
        "Vadstena kommun (fb)", "Svordomar eller obscena ord", "svordomar", 1,
    )  # fmt: skip
    book.close()


@needs_poppler
def test_the_command_writes_pdf_and_xlsx_and_refuses_to_overwrite(qapp, tmp_path, capsys):
    db = ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]
    assert main([*db, "accounts", "add", "fb", "--platform", "facebook", "--name", "Kommunen"]) == 0
    pdf = tmp_path / "r.pdf"
    assert main([*db, "report", "--year", "2026", "--output", str(pdf)]) == 0
    assert "Kommunen" in _text(pdf)
    assert main([*db, "report", "--year", "2026", "--output", str(pdf)]) == 2
    assert main([*db, "report", "--year", "2026", "--output", str(tmp_path / "r.xlsx")]) == 0
    capsys.readouterr()
