"""A removal decided offline saves its evidence from the local copy: the evidence says so and
from when the copy is, the evidence package made offline verifies and shows it (in the
verification's notes, the manifest and LASMIG.txt), and the journal hands the same evidence to
the team database."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from app.services.context import Actor
from app.services.offline.copy import LocalCopy
from app.services.offline.journal import OfflineModeration, journal_entries
from app.services.records import removal_log as log
from app.services.records.package_verify import verify_package
from app.services.records.packages import EvidencePackager
from tests.helpers.moderation import add_item

NOW = datetime.now(UTC).replace(microsecond=0)


def test_offline_evidence_records_the_copys_freshness_and_the_package_shows_it(
    sqlite_db, tmp_path: Path
) -> None:
    item = add_item(sqlite_db.sessions, "Ni är idioter allihop.", external_id="c1", created_at=NOW)
    online = add_item(sqlite_db.sessions, "Ni är dumma.", external_id="c2", created_at=NOW)
    copy = LocalCopy(tmp_path / "kopia.db")
    copy.refresh(sqlite_db)
    fresh = copy.fresh_at()
    assert fresh is not None
    clock = f"{log.local_naive(fresh):%Y-%m-%d %H:%M}"

    OfflineModeration(copy, actor=Actor("anna")).remove(item, "personangrepp")
    [entry] = journal_entries(copy)
    document = json.loads(entry.evidence_payload or "")
    assert document["from_local_copy"] == {"fresh_at": fresh.isoformat()}

    package = tmp_path / "paket.zip"
    EvidencePackager(copy.db.sessions, Actor("anna")).build([item], package)
    result = verify_package(package)
    assert result.ok, result.problems
    assert result.notes == [
        f"bevis/post-{item}/bevis-1.json: sparat offline från den lokala kopian från {clock}."
    ]
    with zipfile.ZipFile(package) as z:
        manifest = json.loads(z.read("manifest.json"))
        readme = z.read("LASMIG.txt").decode()
    assert manifest["items"][0]["evidence"][0]["from_local_copy"] == fresh.isoformat()
    assert f"sparat offline från den lokala kopian från {clock}" in readme

    # Online evidence says nothing of a copy.
    from app.services.moderation.facade import ModerationService

    ModerationService(sqlite_db.sessions, actor=Actor("anna")).decide_remove(
        online, "personangrepp", by_hand=True
    )
    online_package = tmp_path / "online.zip"
    EvidencePackager(sqlite_db.sessions, Actor("anna")).build([online], online_package)
    checked = verify_package(online_package)
    assert checked.ok and checked.notes == []
    with zipfile.ZipFile(online_package) as z:
        assert "offline" not in z.read("LASMIG.txt").decode()
    copy.close()
