from __future__ import annotations

import json
import subprocess
import zipfile
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.errors import InputError
from app.models import Evidence, Export, ExportRow
from app.services.records.package_verify import verify_package
from app.services.records.packages import EvidencePackager
from app.services.records.removal_log import REMOVAL_COLUMNS, sheet_headers
from app.services.records.spreadsheet import unescape_cell_text
from tests.helpers import moderation as m
from tests.helpers.ci import linux_tool
from tests.helpers.packages import ACTOR, LONG, sha, two_items_in


@pytest.fixture
def two_items(database):  # type: ignore[no-untyped-def]
    return two_items_in(database)


def test_package_holds_rows_evidence_screenshots_and_a_manifest_of_hashes(two_items, tmp_path):
    db, removed, registered = two_items
    out = tmp_path / "paket.zip"
    result = EvidencePackager(db.sessions, ACTOR).build([registered, removed.item_id], out)
    assert (result.items, result.evidence_files, result.screenshots) == (2, 2, 2)
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        # Every file's hash is in the manifest, and the manifest's in SHA256SUMS.
        listed = {f["path"]: f["sha256"] for f in manifest["files"]}
        assert names == set(listed) | {"manifest.json", "SHA256SUMS", "LASMIG.txt"}
        assert all(sha(z.read(name)) == digest for name, digest in listed.items())
        sums = dict(line.split("  ")[::-1] for line in z.read("SHA256SUMS").decode().splitlines())
        assert sums["manifest.json"] == sha(z.read("manifest.json"))
        # The evidence is the saved payload byte for byte: its hash is the one recorded.
        with db.sessions() as session:
            evidence = session.scalars(select(Evidence).where(Evidence.item_id == removed.item_id)).one()
        saved = z.read(f"bevis/post-{removed.item_id}/bevis-{evidence.id}.json")
        assert saved == evidence.payload.encode() and sha(saved) == evidence.sha256
        assert json.loads(saved)["item"]["text"] == LONG + "\x01"
        post = json.loads(z.read(f"bevis/post-{removed.item_id}/post.json"))
        assert [d["reason_code"] for d in post["decisions"]] == ["brott"]
        assert post["notices"][0]["status"] == "posted"
        assert sorted(n for n in names if n.startswith("skarmdumpar/")) == [
            f"skarmdumpar/fb-{(m.T0 + timedelta(days=d)).date()}-{i}.png" for d, i in ((-30, 2), (5, 3))
        ]
        z.extract("poster.xlsx", tmp_path)
    workbook = load_workbook(tmp_path / "poster.xlsx")
    removal_rows = list(workbook["Borttagna"].iter_rows(min_row=2, values_only=True))
    text = sheet_headers(REMOVAL_COLUMNS).index("Fullständig text")
    assert len(removal_rows) == 1 and "[AVKORTAD: " in removal_rows[0][text]
    assert unescape_cell_text(removal_rows[0][text]).startswith(LONG[:30_000])
    assert [r[-1] for r in workbook["Diarieförda"].iter_rows(min_row=2, values_only=True)] == [registered]

    with db.sessions() as session:
        export = session.get(Export, result.export_id)
        assert export.kind == "package" and export.uuid == manifest["package_id"]
        keys = set(session.scalars(select(ExportRow.row_key).where(ExportRow.export_id == export.id)))
        assert {k[0] for k in keys} == {"B", "D", "E"} and len(keys) == 4

    check = verify_package(out, db.sessions)
    assert check.ok, check.problems
    assert check.items == sorted([registered, removed.item_id]) and check.files_checked == len(names)


@linux_tool("sha256sum")
def test_the_package_verifies_with_standard_tools(two_items, tmp_path):
    db, removed, registered = two_items
    out = tmp_path / "paket.zip"
    EvidencePackager(db.sessions, ACTOR).build([removed.item_id, registered], out)
    unpacked = tmp_path / "uppackat"
    with zipfile.ZipFile(out) as z:
        z.extractall(unpacked)
    done = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    files = [p for p in unpacked.rglob("*") if p.is_file()]
    assert done.stdout.count(": OK") == len(files) - 1  # all but SHA256SUMS itself


def test_bad_requests_write_nothing(database, tmp_path):
    item = m.add_item(database.sessions)
    packager = EvidencePackager(database.sessions, ACTOR)
    out = tmp_path / "ut"
    out.mkdir()
    for ids, name, message in [
        ([item, 999], "p.zip", "Okänd post: 999"),
        ([], "p.zip", "minst en"),
        ([item], "p.txt", ".zip"),
    ]:
        with pytest.raises(InputError, match=message):
            packager.build(ids, out / name)
    assert list(out.iterdir()) == []
