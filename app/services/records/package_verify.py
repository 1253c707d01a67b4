"""Checking an evidence package (app/services/records/packages.py): every file against manifest.json
and SHA256SUMS, each evidence copy against the hash recorded when it was saved, and, with the
database at hand, the manifest against what Granska recorded when it handed the package out.
A package rewritten with fresh hashes passes its own checks; the database still knows better.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError
from app.core.messages import say, translate
from app.models import Evidence, Export
from app.services.records import removal_log as log
from app.services.records.evidence import local_copy_of
from app.services.records.packages import FORMAT, MANIFEST, SUMS


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    package_id: str | None
    created_at: str | None
    created_by: str | None
    files_checked: int
    items: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _zip_sha(archive: zipfile.ZipFile, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with archive.open(name) as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_package(path: Path, sessions: sessionmaker[Session] | None = None) -> VerifyResult:
    """Recompute every hash in the package; with a database, compare with what it recorded."""
    path = Path(path)
    if not path.is_file():
        raise InputError(say(translate("Core", "Filen %1 finns inte."), path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(say(translate("Core", "%1 är ingen läsbar ZIP-fil (%2)."), path.name, exc)) from exc
    problems: list[str] = []
    notes: list[str] = []
    with archive:
        names = archive.namelist()
        if len(names) != len(set(names)):
            problems.append(translate("Core", "Paketet innehåller samma filnamn flera gånger."))
        if MANIFEST not in names:
            raise InputError(
                say(
                    translate("Core", "%1 är inget bevispaket från Granska (manifest.json saknas)."),
                    path.name,
                )
            )
        try:
            manifest = json.loads(archive.read(MANIFEST))
            files = {f["path"]: f for f in manifest["files"]}
            items = manifest["items"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                say(translate("Core", "manifest.json i %1 går inte att läsa (%2)."), path.name, exc)
            ) from exc
        if manifest.get("format") != FORMAT:
            problems.append(translate("Core", "manifest.json anger inte formatet granska-bevispaket."))
        actual: dict[str, str] = {}
        for name in sorted(set(names)):
            actual[name], size = _zip_sha(archive, name)
            listed = files.get(name)
            if listed is None:
                if name not in (MANIFEST, SUMS, "LASMIG.txt"):
                    problems.append(say(translate("Core", "%1: filen finns inte i manifestet."), name))
            elif listed.get("sha256") != actual[name]:
                problems.append(
                    say(translate("Core", "%1: kontrollsumman stämmer inte, filen är ändrad."), name)
                )
            elif listed.get("bytes") not in (None, size):
                problems.append(say(translate("Core", "%1: storleken stämmer inte med manifestet."), name))
        for name in files.keys() - set(names):
            problems.append(say(translate("Core", "%1: filen saknas i paketet."), name))
        if SUMS in actual:
            for line in archive.read(SUMS).decode("utf-8", "replace").splitlines():
                digest, _sep, name = line.partition("  ")
                if name not in actual:
                    problems.append(say(translate("Core", "%1: %2 saknas i paketet."), SUMS, name))
                elif actual[name] != digest:
                    problems.append(
                        say(translate("Core", "%1: kontrollsumman stämmer inte med %2."), name, SUMS)
                    )
        else:
            problems.append(say(translate("Core", "%1 saknas."), SUMS))
        evidence_hashes: dict[int, str] = {}
        for item in items:
            for ev in item.get("evidence", []):
                evidence_hashes[int(ev["id"])] = ev["sha256"]
                name = ev["path"]
                if name in actual and actual[name] != ev["sha256"]:
                    problems.append(
                        say(
                            translate(
                                "Core", "%1: beviset stämmer inte med kontrollsumman från när det sparades."
                            ),
                            name,
                        )
                    )
                elif name in actual:
                    try:
                        document = json.loads(archive.read(name))
                    except ValueError:
                        problems.append(say(translate("Core", "%1: beviset är inte giltig JSON."), name))
                        continue
                    fresh = local_copy_of(document) if isinstance(document, dict) else None
                    if fresh is not None:
                        notes.append(
                            say(
                                translate("Core", "%1: sparat offline från den lokala kopian från %2."),
                                name,
                                f"{log.local_naive(fresh):%Y-%m-%d %H:%M}",
                            )
                        )
    if sessions is not None:
        notes += _compare_with_database(sessions, manifest, actual.get(MANIFEST), evidence_hashes, problems)
    return VerifyResult(
        ok=not problems, package_id=manifest.get("package_id"),
        created_at=manifest.get("created_at"), created_by=manifest.get("created_by"),
        files_checked=len(actual), items=[int(i["id"]) for i in items], problems=problems,
        notes=notes,
    )  # fmt: skip


def _compare_with_database(
    sessions: sessionmaker[Session],
    manifest: dict[str, Any],
    manifest_sha: str | None,
    evidence_hashes: dict[int, str],
    problems: list[str],
) -> list[str]:
    """A package rewritten with fresh hashes passes its own checks; the database still knows
    what was handed out."""
    try:
        with sessions() as session:
            export = session.scalar(select(Export).where(Export.uuid == manifest.get("package_id")))
            if export is None:
                return [
                    translate(
                        "Core",
                        "Paketet finns inte i den här databasen; "
                        "bara paketets egna kontrollsummor har prövats.",
                    )
                ]
            recorded = (export.details or {}).get("manifest_sha256")
            if recorded and recorded != manifest_sha:
                problems.append(
                    translate("Core", "manifest.json är inte det som Granska skrev när paketet skapades.")
                )
            stored = dict(
                session.execute(
                    select(Evidence.id, Evidence.sha256).where(Evidence.id.in_(evidence_hashes))
                ).all()
            )
    except SQLAlchemyError as exc:
        raise EnvironmentFault(say(translate("Core", "Databasen kunde inte läsas: %1"), exc)) from exc
    for evidence_id, digest in evidence_hashes.items():
        if stored.get(evidence_id) not in (None, digest):
            problems.append(
                say(translate("Core", "Bevis %1: kontrollsumman skiljer sig från databasens."), evidence_id)
            )
    when = log.local_naive(export.created_at)
    return [
        say(
            translate("Core", "Jämfört med databasen: paketet skapades %1 av %2."),
            f"{when:%Y-%m-%d %H:%M}",
            export.created_by,
        )
    ]
