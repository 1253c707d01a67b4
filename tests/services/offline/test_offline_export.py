"""The removal log exported from the local copy (offline) says so, with the copy's time: in the
summary sheet, on every printed page's header and in the workbook's title; one exported from
the team database does not."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.offline.copy import STOCKHOLM, LocalCopy
from app.services.offline.journal import OfflineModeration
from app.services.records.export import ExportService, RemovalLogRequest
from tests.helpers.moderation import add_item

NOW = datetime.now(UTC).replace(microsecond=0)


def _summary(path: Path) -> dict[str, object]:
    sheet = load_workbook(path)["Sammanfattning"]
    return {str(r[0]): r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}


def test_the_workbook_made_offline_is_marked_with_the_copys_time(sqlite_db, tmp_path: Path) -> None:
    online = add_item(sqlite_db.sessions, "Ni är idioter allihop.", external_id="c1", created_at=NOW)
    offline = add_item(sqlite_db.sessions, "Ni är dumma.", external_id="c2", created_at=NOW)
    ModerationService(sqlite_db.sessions, actor=Actor("anna")).decide_remove(
        online, "personangrepp", by_hand=True
    )
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    fresh = copy.fresh_at()
    assert fresh is not None
    OfflineModeration(copy, actor=Actor("anna")).remove(offline, "personangrepp")

    today = NOW.astimezone(STOCKHOLM).date()
    request = RemovalLogRequest(today, today)
    made_offline = tmp_path / "offline.xlsx"
    result = ExportService(copy.db.sessions, Actor("anna")).export_removals(request, made_offline)
    assert result.removals == 2  # the team's removal and the one decided offline

    clock = fresh.astimezone(STOCKHOLM)
    summary = _summary(made_offline)
    assert summary["Gjord offline"] == (
        f"Gjord offline från lokal kopia från {clock:%H:%M} ({clock:%Y-%m-%d}); "
        "det som beslutats i teamdatabasen efter det finns inte med."
    )
    book = load_workbook(made_offline)
    assert book.properties.title.endswith("(gjord offline)")
    assert f"Gjord offline från lokal kopia från {clock:%H:%M}" in book["Borttagna"].oddHeader.right.text

    made_online = tmp_path / "online.xlsx"
    ExportService(sqlite_db.sessions, Actor("anna")).export_removals(request, made_online)
    assert "Gjord offline" not in _summary(made_online)
    book = load_workbook(made_online)
    assert "offline" not in book.properties.title
    assert "offline" not in book["Borttagna"].oddHeader.right.text
    copy.close()
