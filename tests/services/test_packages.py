from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models import Evidence, Export, ExportRow, Screenshot
from app.services.context import Actor
from app.services.errors import InputError
from app.services.packages import EvidencePackager, verify_package
from app.services.spreadsheet import unescape_cell_text
from tests.helpers import moderation as m

ACTOR = Actor("polisanmalan", clock=lambda: datetime(2026, 6, 2, 9, 0, tzinfo=UTC))
LONG = "Hotfull text. " * 3000  # 42,000 characters: cut in Excel, whole in the evidence


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def two_items(database):
    sessions = database.sessions
    removed = m.remove(sessions, m.add_item(sessions, LONG + "\x01"), "brott")
    registered = m.add_item(sessions, "Synpunkt om skolan")
    m.register(sessions, registered, "arende")
    account_id = m.ensure_account(sessions, "fb")
    with sessions.begin() as session:
        for n, taken in enumerate([m.T0 - timedelta(days=400), m.T0 - timedelta(days=30),
                                   m.T0 + timedelta(days=5)]):  # fmt: skip
            session.add(Screenshot(account_id=account_id, taken_at=taken, taken_by="testare",
                                   png=b"\x89PNG fake %d" % n, sha256="x", width=1, height=1))
    return database, removed, registered


def rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(path) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    entries = change(entries)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)


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
            f"skarmdumpar/fb-{(m.T0 + timedelta(days=d)).date()}-{i}.png" for d, i in ((-30, 2), (5, 3))]
        z.extract("poster.xlsx", tmp_path)
    workbook = load_workbook(tmp_path / "poster.xlsx")
    removal_rows = list(workbook["Borttagna"].iter_rows(min_row=2, values_only=True))
    assert len(removal_rows) == 1 and "[AVKORTAD: " in removal_rows[0][10]
    assert unescape_cell_text(removal_rows[0][10]).startswith(LONG[:30_000])
    assert [r[-1] for r in workbook["Diarieförda"].iter_rows(min_row=2, values_only=True)] == [registered]

    with db.sessions() as session:
        export = session.get(Export, result.export_id)
        assert export.kind == "package" and export.uuid == manifest["package_id"]
        keys = set(session.scalars(select(ExportRow.row_key).where(ExportRow.export_id == export.id)))
        assert {k[0] for k in keys} == {"B", "D", "E"} and len(keys) == 4

    check = verify_package(out, db.sessions)
    assert check.ok, check.problems
    assert check.items == sorted([registered, removed.item_id]) and check.files_checked == len(names)


def test_the_package_verifies_with_standard_tools(two_items, tmp_path):
    db, removed, registered = two_items
    out = tmp_path / "paket.zip"
    EvidencePackager(db.sessions, ACTOR).build([removed.item_id, registered], out)
    unpacked = tmp_path / "uppackat"
    with zipfile.ZipFile(out) as z:
        z.extractall(unpacked)
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=unpacked, capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    files = [p for p in unpacked.rglob("*") if p.is_file()]
    assert done.stdout.count(": OK") == len(files) - 1  # all but SHA256SUMS itself


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda e: {**e, **{n: d.replace(b"Hotfull", b"Snall") for n, d in e.items()
                            if n.endswith(".json") and "bevis-" in n}}, "kontrollsumman stämmer inte"),
        (lambda e: {**e, "extra.txt": b"inplanterad"}, "finns inte i manifestet"),
        (lambda e: {n: d for n, d in e.items() if n != "poster.xlsx"}, "saknas i paketet"),
    ],
)
def test_any_change_to_the_package_is_found(two_items, tmp_path, change, expected):
    db, removed, _registered = two_items
    out = tmp_path / "paket.zip"
    EvidencePackager(db.sessions, ACTOR).build([removed.item_id], out)
    rewrite(out, change)
    check = verify_package(out)
    assert not check.ok and any(expected in p for p in check.problems), check.problems


def test_a_consistently_forged_package_is_caught_by_the_database(two_items, tmp_path):
    db, removed, _registered = two_items
    out = tmp_path / "paket.zip"
    EvidencePackager(db.sessions, ACTOR).build([removed.item_id], out)

    def forge(entries: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(entries["manifest.json"])
        for item in manifest["items"]:
            for ev in item["evidence"]:
                data = json.dumps({"item": {"text": "ofarlig"}}).encode()
                entries[ev["path"]] = data
                ev["sha256"] = sha(data)
        for f in manifest["files"]:
            f["sha256"], f["bytes"] = sha(entries[f["path"]]), len(entries[f["path"]])
        entries["manifest.json"] = json.dumps(manifest).encode()
        entries["SHA256SUMS"] = "".join(
            f"{sha(d)}  {n}\n" for n, d in entries.items() if n != "SHA256SUMS").encode()
        return entries

    rewrite(out, forge)
    assert verify_package(out).ok  # its own hashes agree...
    check = verify_package(out, db.sessions)  # ...but not with what Granska handed out
    assert not check.ok
    assert any("manifest.json är inte det" in p for p in check.problems)
    assert any("skiljer sig från databasens" in p for p in check.problems)


def test_bad_requests_write_nothing(database, tmp_path):
    item = m.add_item(database.sessions)
    packager = EvidencePackager(database.sessions, ACTOR)
    out = tmp_path / "ut"
    out.mkdir()
    for ids, name, message in [([item, 999], "p.zip", "Okänd post: 999"), ([], "p.zip", "minst en"),
                               ([item], "p.txt", ".zip")]:  # fmt: skip
        with pytest.raises(InputError, match=message):
            packager.build(ids, out / name)
    assert list(out.iterdir()) == []
    (out / "inte.zip").write_bytes(b"nej")
    with pytest.raises(InputError, match="ingen läsbar ZIP-fil"):
        verify_package(out / "inte.zip")
