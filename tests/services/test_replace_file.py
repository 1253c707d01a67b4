"""An export over a file that another program holds open (Excel keeps an opened workbook locked;
an antivirus scanner locks a new file for a moment). Only Windows locks a file against being
replaced, so these run under scripts/test-windows."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from app.core.errors import EnvironmentFault
from app.services.records.export import ExportService
from tests.helpers import moderation as m
from tests.services.test_export import ACTOR, MAY

pytestmark = pytest.mark.windows_only("Linux never locks an open file against being replaced")


@pytest.fixture
def removal_log(sqlite_db, tmp_path):
    item = m.add_item(sqlite_db.sessions, "Ett borttaget svar")
    m.remove(sqlite_db.sessions, item, at=datetime(2026, 5, 10, 12, 0, tzinfo=UTC))
    out = tmp_path / "maj.xlsx"
    out.write_bytes(b"last month's file, open in Excel")
    return sqlite_db, out


def test_an_export_over_a_file_open_in_excel_says_so_and_keeps_the_old_file(removal_log):
    db, out = removal_log
    with out.open("rb"):  # what Excel does to an open workbook: no replacing it meanwhile
        with pytest.raises(EnvironmentFault, match="öppen i ett annat program") as failed:
            ExportService(db.sessions, ACTOR).export_removals(MAY, out, overwrite=True)
    assert "Stäng filen och försök igen" in str(failed.value)
    assert out.read_bytes() == b"last month's file, open in Excel"
    assert [p.name for p in out.parent.iterdir() if out.name in p.name] == [out.name]  # nothing half-written


def test_a_file_locked_for_a_moment_is_replaced_after_a_short_wait(removal_log):
    db, out = removal_log
    held = out.open("rb")  # a virus scanner looking at the old file for a moment
    threading.Timer(0.3, held.close).start()
    ExportService(db.sessions, ACTOR).export_removals(MAY, out, overwrite=True)
    assert held.closed
    assert load_workbook(out)["Borttagna"].max_row == 2
