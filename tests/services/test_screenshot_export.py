from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import update

from app.core.errors import EnvironmentFault
from app.models import Screenshot
from app.services.screenshots.export import export_screenshots, write_year_record
from app.services.screenshots.schedule import ScreenshotService
from tests.helpers.screens import Clock, add_account, png_of, utc


@pytest.fixture
def filed(sqlite_db):
    add_account(sqlite_db.sessions, "fb", url="https://facebook.com/vadstena")
    add_account(sqlite_db.sessions, "yt", "youtube")
    add_account(sqlite_db.sessions, "ig", "instagram")
    add_account(sqlite_db.sessions, "li", "linkedin", created="2027-01-05T12:00:00+00:00")
    clock = Clock(utc("2026-03-02T09:00:00+01:00"))
    service = ScreenshotService(sqlite_db.sessions, clock.actor("anna"))
    shots = {"fb1": service.file_screenshot("fb", png_of((1, 1, 1)), note="Första\nandra raden\x07")}
    clock.now = utc("2026-03-02T15:00:00+01:00")
    shots["fb2"] = service.file_screenshot("fb", png_of((2, 2, 2)), reason="change")
    clock.now = utc("2025-12-31T23:30:00+00:00")  # 2026-01-01 in Stockholm
    shots["yt"] = service.file_screenshot("yt", png_of((3, 3, 3)))
    clock.now = utc("2025-06-01T12:00:00+00:00")
    shots["ig-2025"] = service.file_screenshot("ig", png_of((4, 4, 4)))
    clock.now = utc("2027-02-01T12:00:00+00:00")
    return sqlite_db, service, shots


def test_export_names_files_by_year_account_and_date_with_a_sidecar(filed, tmp_path):
    _db, service, shots = filed
    out = tmp_path / "ut" / "skärmdumpar"
    done = export_screenshots(service, [shots["fb2"].id, shots["yt"].id], out)
    assert sorted(p.name for p in out.iterdir()) == [
        "2026-fb-2026-03-02-2.json", "2026-fb-2026-03-02-2.png",
        "2026-yt-2026-01-01.json", "2026-yt-2026-01-01.png",
    ]  # fmt: skip
    by_id = {e.screenshot_id: e for e in done}
    exported = by_id[shots["fb2"].id]
    assert exported.png_path.read_bytes() == png_of((2, 2, 2))
    meta = json.loads(exported.json_path.read_text(encoding="utf-8"))
    assert meta["file"] == "2026-fb-2026-03-02-2.png"
    assert meta["sha256"] == hashlib.sha256(exported.png_path.read_bytes()).hexdigest()
    assert (meta["account"], meta["reason"], meta["taken_by"]) == ("fb", "change", "anna")
    assert meta["taken_at_local"].startswith("2026-03-02T15:00:00+01:00")
    assert meta["page_url"] == "https://facebook.com/vadstena"
    assert meta["size_bytes"] == len(png_of((2, 2, 2)))
    assert not list(out.glob("*.part"))


def test_a_damaged_picture_stops_the_export_before_any_file_is_written(filed, tmp_path):
    db, service, shots = filed
    with db.sessions.begin() as session:
        session.execute(
            update(Screenshot).where(Screenshot.id == shots["yt"].id).values(png=png_of((9, 9, 9)))
        )
    with pytest.raises(EnvironmentFault, match="SHA-256"):
        export_screenshots(service, [shots["fb1"].id, shots["yt"].id], tmp_path / "ut")
    assert list((tmp_path / "ut").iterdir()) == []


def test_the_years_collective_record_lists_every_picture_and_the_accounts_without_one(filed, tmp_path):
    _db, service, shots = filed
    record = write_year_record(service, 2026, tmp_path)
    assert record.path.name == "2026-skarmdumpar-sammanstallning.txt"
    assert len(record.files) == 3 and record.accounts_without == ["ig – IG"]
    text = record.path.read_text(encoding="utf-8")
    for shot in ("fb1", "fb2", "yt"):
        assert shots[shot].sha256 in text
    for name in ("2026-fb-2026-03-02.png", "2026-fb-2026-03-02-2.png", "2026-yt-2026-01-01.png"):
        assert name in text and (tmp_path / name).exists()
    assert "Antal skärmdumpar: 3, för 2 konton." in text
    # The note keeps both of its lines; the bell character is shown, not sent to the printer.
    assert "Anteckning:  Första\n                andra raden\\x07\n" in text
    assert "ej skickad" in text and "stor förändring" in text
    # LinkedIn was registered in 2027, so it is not missing from 2026.
    assert "li – LI" not in text and "ig – IG" in text
    assert shots["ig-2025"].sha256 not in text
