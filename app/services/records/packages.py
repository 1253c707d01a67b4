"""Evidence packages: everything saved about some items, in one ZIP, for the registrator, a
police report or an appeal.

    manifest.json            what is in the package, with the SHA-256 and size of every file
    SHA256SUMS               the same hashes (manifest.json included) for `sha256sum -c`
    LASMIG.txt               what the package is, in Swedish
    poster.xlsx              the items' rows of the removal log (same sheets as the export)
    bevis/post-<id>/bevis-<evidence id>.json   each evidence copy, byte for byte as saved: its
                             SHA-256 is the hash recorded when it was saved
    bevis/post-<id>/post.json                  the item now, with its decisions, registrations,
                             notices and earlier versions
    skarmdumpar/*.png        the accounts' page screenshots around the items' time

`verify_package` (app/services/records/package_verify.py) recomputes every hash. The package is recorded
like an export.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.core.messages import say, translate
from app.models import (
    Account,
    Decision,
    Evidence,
    Item,
    ItemVersion,
    Notice,
    Registration,
    Screenshot,
)
from app.models.db_errors import database_failure
from app.services.accounts.roles import require_records
from app.services.context import Actor, acting
from app.services.records import removal_log as log
from app.services.records.audit_witness import witness_now
from app.services.records.evidence import local_copy_of
from app.services.records.export import commit_export, file_sha256
from app.services.records.removal_workbook import RemovalLogWriter, set_properties
from app.services.records.spreadsheet import AtomicFile, discard_workbook, save_workbook

FORMAT = "granska-bevispaket"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
MAX_ITEMS = 10_000

README = """Bevispaket från Granska
=======================

Paketet innehåller allt Granska sparat om {n} inlägg/kommentarer från kommunens sociala
medier. Skapat {created} av {by}. Paketets id: {package_id}.

- poster.xlsx: posternas rader ur förteckningen över borttagna och diarieförda inlägg.
  Tider i svensk tid. Mycket långa texter är avkortade i Excel; hela texten finns i bevisfilerna.
- bevis/post-<id>/bevis-<nr>.json: bevisexemplaret precis som det sparades innan något
  gjordes med inlägget. Filens SHA-256 är den kontrollsumma som räknades fram när det sparades.
- bevis/post-<id>/post.json: inlägget som det ser ut i Granska nu, med beslut, diarieföring,
  offentliga meddelanden och tidigare versioner.
- skarmdumpar/: skärmdumpar av kontots sida från tiden runt inläggen (om sådana finns).
- manifest.json och SHA256SUMS: kontrollsumma (SHA-256) för varje fil.

Kontrollera paketet: granska package verify PAKET.zip, eller packa upp och kör
sha256sum -c SHA256SUMS.
"""


@dataclass(frozen=True)
class PackageResult:
    path: Path
    export_id: int
    package_id: str
    items: int
    evidence_files: int
    screenshots: int
    sha256: str


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class _Zip:
    """A ZIP being written, remembering the hash of every file for the manifest."""

    def __init__(self, path: Path, when: datetime) -> None:
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.files: list[dict[str, Any]] = []
        local = log.local_naive(when)
        assert local is not None
        self._stamp = (max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second)

    def add(self, name: str, data: bytes, *, listed: bool = True) -> str:
        info = zipfile.ZipInfo(name, self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = _sha(data)
        if listed:
            self.files.append({"path": name, "sha256": digest, "bytes": len(data)})
        return digest

    def add_file(self, name: str, path: Path) -> None:
        info = zipfile.ZipInfo(name, self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        with path.open("rb") as src, self.zip.open(info, "w") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
        self.files.append({"path": name, "sha256": file_sha256(path), "bytes": path.stat().st_size})


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


class EvidencePackager:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    def build(self, item_ids: Sequence[int], output: Path, *, overwrite: bool = False) -> PackageResult:
        ids = sorted(set(item_ids))
        if not ids:
            raise InputError(translate("Core", "Välj minst en post till bevispaketet."))
        if len(ids) > MAX_ITEMS:
            raise InputError(
                say(translate("Core", "Ett bevispaket kan innehålla högst %1 poster."), MAX_ITEMS)
            )
        output = Path(output)
        if output.suffix.lower() != ".zip":
            raise InputError(say(translate("Core", "Bevispaketet ska sluta på .zip: %1"), output))
        require_records(self._sessions, ids, self._actor, what="package")
        now = self._actor.now()
        package_id = str(uuid.uuid4())
        try:
            with self._sessions() as session, AtomicFile(output, overwrite=overwrite) as target:
                found = set(session.scalars(select(Item.id).where(Item.id.in_(ids))))
                missing = [str(i) for i in ids if i not in found]
                if missing:
                    raise InputError(say(translate("Core", "Okänd post: %1"), ", ".join(missing)))
                with tempfile.TemporaryDirectory(prefix="granska-paket-") as tmp:
                    sheet_path = Path(tmp) / "poster.xlsx"
                    writer = self._write_rows(session, ids, sheet_path, package_id, now)
                    archive = _Zip(target.path, now)
                    try:
                        archive.add_file("poster.xlsx", sheet_path)
                        evidence_rows, items = self._add_items(session, archive, ids)
                        shots = self._add_screenshots(session, archive, ids)
                        manifest = {
                            "format": FORMAT, "version": 1, "package_id": package_id,
                            "created_at": now.isoformat(), "created_by": self._actor.username,
                            "items": items, "files": archive.files,
                            # the audit log's end: `granska audit verify --witness PAKET.zip`
                            "audit_head": witness_now(session, f"bevispaket {output}"),
                        }  # fmt: skip
                        files = list(archive.files)
                        readme = README.format(
                            n=len(ids),
                            created=log.local_naive(now),
                            by=self._actor.username,
                            package_id=package_id,
                        ) + _offline_lines(items)
                        files.append(
                            {
                                "path": "LASMIG.txt",
                                "sha256": archive.add("LASMIG.txt", readme.encode(), listed=False),
                            }
                        )
                        manifest_sha = archive.add(MANIFEST, _json_bytes(manifest), listed=False)
                        files.append({"path": MANIFEST, "sha256": manifest_sha})
                        sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in files)
                        archive.add(SUMS, sums.encode(), listed=False)
                    finally:
                        archive.zip.close()
                digest = file_sha256(target.path)
                export_id = commit_export(
                    self._sessions, target, kind="package", export_uuid=package_id, now=now,
                    sha256=digest, created_by=self._actor.username, writer=writer, period=None,
                    account_keys=[], mark_exported=False, extra_rows=evidence_rows,
                    details={"items": ids, "manifest_sha256": manifest_sha},
                )  # fmt: skip
        except SQLAlchemyError as exc:
            raise EnvironmentFault(database_failure(exc)) from exc
        except OSError as exc:
            raise EnvironmentFault(
                say(
                    translate("Core", "Kan inte skriva bevispaketet %1: %2. Ingenting har ändrats."),
                    output,
                    os_cause(exc),
                )
            ) from exc
        return PackageResult(output, export_id, package_id, len(ids), len(evidence_rows), shots, digest)

    def _write_rows(
        self, session: Session, ids: list[int], path: Path, package_id: str, now: datetime
    ) -> RemovalLogWriter:
        scope = log.LogScope(item_ids=tuple(ids))
        workbook = Workbook(write_only=True)
        writer = RemovalLogWriter(workbook)
        try:
            for row in log.stream(session, log.removal_statement(scope)):
                writer.write_removal(row)
            for row in log.stream(session, log.registration_statement(scope)):
                writer.write_registration(row)
            writer.finish(
                [
                    ("Bevispaket", package_id),
                    ("Poster", ", ".join(map(str, ids))),
                    ("Skapat", log.local_naive(now)),
                    ("Skapat av", self._actor.username),
                ]
            )
            set_properties(
                workbook,
                "Bevispaket från Granska",
                self._actor.username,
                package_id,
                "Poster ur förteckningen över borttagna och diarieförda inlägg",
                now,
            )
            save_workbook(workbook, path)
        except BaseException:
            discard_workbook(workbook)
            raise
        return writer

    def _add_items(
        self, session: Session, archive: _Zip, ids: list[int]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        rows: list[dict[str, Any]] = []
        items: list[dict[str, Any]] = []
        for item_id in ids:
            item = session.get(Item, item_id)
            assert item is not None
            account = session.get(Account, item.account_id)
            assert account is not None
            folder = f"bevis/post-{item_id}"
            entry: dict[str, Any] = {
                "id": item_id,
                "account": account.key,
                "external_id": item.external_id,
                "permalink": item.permalink,
                "evidence": [],
            }
            for ev in session.scalars(
                select(Evidence).where(Evidence.item_id == item_id).order_by(Evidence.id)
            ):
                name = f"{folder}/bevis-{ev.id}.json"
                archive.add(name, ev.payload.encode("utf-8"))
                listed = {
                    "id": ev.id,
                    "path": name,
                    "sha256": ev.sha256,
                    "saved_at": _iso(ev.saved_at),
                    "saved_by": ev.saved_by,
                }
                fresh = _from_copy(ev.payload)
                if fresh is not None:  # saved offline: from the local copy of that time
                    listed["from_local_copy"] = fresh.isoformat()
                entry["evidence"].append(listed)
                rows.append(
                    {"row_key": f"E{ev.id}", "item_id": item_id, "decision_id": None, "registration_id": None}
                )
            archive.add(f"{folder}/post.json", _json_bytes(_item_record(session, item, account)))
            items.append(entry)
        return rows, items

    def _add_screenshots(self, session: Session, archive: _Zip, ids: list[int]) -> int:
        """Per account: the newest screenshot from before the earliest item, and all since."""
        spans = session.execute(
            select(Item.account_id, func.min(Item.created_at))
            .where(Item.id.in_(ids))
            .group_by(Item.account_id)
        ).all()
        count = 0
        for account_id, earliest in spans:
            before = session.scalar(
                select(func.max(Screenshot.taken_at))
                .where(Screenshot.account_id == account_id, Screenshot.taken_at <= earliest)
            )  # fmt: skip
            since = before or earliest
            key = session.scalar(select(Account.key).where(Account.id == account_id))
            for shot in session.scalars(
                select(Screenshot)
                .where(Screenshot.account_id == account_id, Screenshot.taken_at >= since)
                .order_by(Screenshot.taken_at)
            ):
                local = log.local_naive(shot.taken_at)
                assert local is not None
                archive.add(f"skarmdumpar/{key}-{local:%Y-%m-%d}-{shot.id}.png", shot.png)
                count += 1
        return count


def _from_copy(payload: str) -> datetime | None:
    try:
        document = json.loads(payload)
    except ValueError:
        return None
    return local_copy_of(document) if isinstance(document, dict) else None


def _offline_lines(items: list[dict[str, Any]]) -> str:
    """For LASMIG.txt: which evidence copies were saved offline, from a copy of what time."""
    lines = [
        f"- {ev['path']}: sparat offline från den lokala kopian från "
        f"{log.local_naive(datetime.fromisoformat(ev['from_local_copy'])):%Y-%m-%d %H:%M}."
        for item in items
        for ev in item["evidence"]
        if ev.get("from_local_copy")
    ]
    if not lines:
        return ""
    return (
        "\nBevis sparade offline (teamdatabasen nåddes inte): de togs från arbetsplatsens lokala kopia\n"
        "och visar posten som den var när kopian gjordes.\n" + "\n".join(lines) + "\n"
    )


def _plain(value: Any) -> Any:
    return _iso(value) if isinstance(value, datetime) else value


def _item_record(session: Session, item: Item, account: Account) -> dict[str, Any]:
    def rows(model: Any) -> list[dict[str, Any]]:
        stmt = select(model).where(model.item_id == item.id).order_by(model.id)
        return [
            {c.key: _plain(getattr(obj, c.key)) for c in model.__table__.columns}
            for obj in session.scalars(stmt)
        ]

    return {
        "item": {
            "id": item.id, "external_id": item.external_id, "kind": item.kind,
            "account": {"key": account.key, "name": account.name, "platform": account.platform,
                        "page_url": account.page_url},
            "author": {"name": item.author_name, "id": item.author_id, "url": item.author_url},
            "text": item.text, "created_at": _iso(item.created_at),
            "edited_at": _iso(item.edited_at), "fetched_at": _iso(item.fetched_at),
            "permalink": item.permalink, "status": item.status, "raw": item.raw,
            "parent_external_id": item.parent_external_id,
            "post_external_id": item.post_external_id,
        },
        "versions": rows(ItemVersion),
        "decisions": rows(Decision),
        "registrations": rows(Registration),
        "notices": rows(Notice),
    }  # fmt: skip
