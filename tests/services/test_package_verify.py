from __future__ import annotations

import json

import pytest

from app.core.errors import InputError
from app.services.records.package_verify import verify_package
from app.services.records.packages import EvidencePackager
from tests.helpers.packages import ACTOR, rewrite, sha, two_items_in


@pytest.fixture
def two_items(database):  # type: ignore[no-untyped-def]
    return two_items_in(database)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda e: {
                **e,
                **{
                    n: d.replace(b"Hotfull", b"Snall")
                    for n, d in e.items()
                    if n.endswith(".json") and "bevis-" in n
                },
            },
            "kontrollsumman stämmer inte",
        ),
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
            f"{sha(d)}  {n}\n" for n, d in entries.items() if n != "SHA256SUMS"
        ).encode()
        return entries

    rewrite(out, forge)
    assert verify_package(out).ok  # its own hashes agree...
    check = verify_package(out, db.sessions)  # ...but not with what Granska handed out
    assert not check.ok
    assert any("manifest.json är inte det" in p for p in check.problems)
    assert any("skiljer sig från databasens" in p for p in check.problems)


def test_a_file_that_is_no_package_is_bad_input(tmp_path):
    (tmp_path / "inte.zip").write_bytes(b"nej")
    with pytest.raises(InputError, match="ingen läsbar ZIP-fil"):
        verify_package(tmp_path / "inte.zip")
    with pytest.raises(InputError, match="finns inte"):
        verify_package(tmp_path / "saknas.zip")
