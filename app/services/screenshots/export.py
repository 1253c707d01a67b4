"""Screenshots out of the database: to a folder with a sidecar JSON each, and the year's list as
one collective record for the registrator.

The collective record is a plain UTF-8 text file, written next to the year's PNG files and their
JSON sidecars. Plain text because it is one document the registrator can register as it is:
it opens in every diarium and on every computer, it is an accepted format for long-term
preservation, and, unlike a spreadsheet, it can carry no formulas, macros or hidden cells. It
names every file with its SHA-256, so the record and the pictures vouch for each other; it also
lists the active accounts that have no screenshot that year, which is what an auditor asks first.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.core.messages import say, translate
from app.services.replace_file import replace_file
from app.services.screenshots.schedule import STOCKHOLM, ScreenshotInfo, ScreenshotService, local_year_bounds

GUIDELINE = (
    "Dokumentera närvaron på sociala medier genom att ta en skärmdump på sidan en gång "
    "per år eller vid stora förändringar och sända den till kommunikationschefen."
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class ExportedScreenshot:
    screenshot_id: int
    png_path: Path
    json_path: Path


@dataclass(frozen=True)
class YearRecord:
    year: int
    path: Path
    files: list[ExportedScreenshot]
    accounts_without: list[str]


def _write_atomically(path: Path, data: bytes) -> None:
    """A half-written file is never left under the final name (a full disk, a pulled stick)."""
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise EnvironmentFault(
            say(translate("Core", "Kan inte skriva %1: %2"), path, os_cause(exc))
        ) from None
    try:
        replace_file(part, path)
    except EnvironmentFault:
        part.unlink(missing_ok=True)
        raise


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentFault(
            say(translate("Core", "Kan inte skapa mappen %1: %2"), folder, os_cause(exc))
        ) from None
    if not folder.is_dir():
        raise InputError(say(translate("Core", "%1 är ingen mapp."), folder))


def file_stems(service: ScreenshotService, shots: list[ScreenshotInfo]) -> dict[int, str]:
    """`{year}-{account}-{date}`, with -2, -3... for a second or third picture of the same account
    on the same day, numbered by time taken so the name never depends on what else is exported."""
    stems: dict[int, str] = {}
    groups = {(s.account_key, s.year) for s in shots}
    for account_key, year in groups:
        same_year = sorted(service.list_screenshots(account_key, year), key=lambda s: (s.taken_at, s.id))
        seen: dict[str, int] = defaultdict(int)
        for shot in same_year:
            seen[shot.file_stem] += 1
            n = seen[shot.file_stem]
            stems[shot.id] = shot.file_stem if n == 1 else f"{shot.file_stem}-{n}"
    return {s.id: stems[s.id] for s in shots}


def export_screenshots(service: ScreenshotService, ids: list[int], folder: Path) -> list[ExportedScreenshot]:
    """Each PNG as `{year}-{account}-{date}.png` plus a `.json` with its metadata. The bytes are
    checked against the stored SHA-256 first (ScreenshotService.png)."""
    shots = service.list_screenshots(ids=ids)
    _ensure_folder(folder)
    stems = file_stems(service, shots)
    ordered = sorted(shots, key=lambda s: (s.taken_at, s.id))
    # Every picture read and checked before the first file is written: all or nothing.
    pictures = {shot.id: service.png(shot.id) for shot in ordered}
    done = []
    for shot in ordered:
        png = pictures[shot.id]
        png_path = folder / f"{stems[shot.id]}.png"
        json_path = folder / f"{stems[shot.id]}.json"
        meta = {"file": png_path.name, **shot.as_json()}
        _write_atomically(png_path, png)
        _write_atomically(json_path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode())
        done.append(ExportedScreenshot(shot.id, png_path, json_path))
    return done


def _plain(text: str) -> str:
    """Control characters shown as \\xNN, so nothing typed can disturb the record's layout."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _local(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def _entry(n: int, shot: ScreenshotInfo, filename: str) -> list[str]:
    sent = f"{_local(shot.sent_at)} till {shot.sent_to}" if shot.sent_at and shot.sent_to else "ej skickad"
    note_lines = _plain(shot.note).split("\n") if shot.note else ["–"]
    lines = [
        f"{n}. {filename}",
        f"   Konto:       {shot.account_key} – {_plain(shot.account_name)} ({shot.platform})",
        f"   Sida:        {shot.page_url or '–'}",
        f"   Tagen:       {_local(shot.taken_at)} av {shot.taken_by}",
        f"   Skäl:        {shot.reason_label}",
        f"   Anteckning:  {note_lines[0]}",
        *(f"                {line}" for line in note_lines[1:]),
        f"   Storlek:     {shot.width}×{shot.height} bildpunkter, {shot.size_bytes} byte",
        f"   SHA-256:     {shot.sha256}",
        f"   Skickad:     {sent}",
    ]
    return lines + [""]


def write_year_record(service: ScreenshotService, year: int, folder: Path) -> YearRecord:
    """The year's screenshots exported to `folder`, and `{year}-skarmdumpar-sammanstallning.txt`
    listing them: one collective record for the registrator."""
    shots = sorted(service.list_screenshots(year=year), key=lambda s: (s.account_key, s.taken_at, s.id))
    exported = export_screenshots(service, [s.id for s in shots], folder)
    names = {e.screenshot_id: e.png_path.name for e in exported}
    photographed = {s.account_key for s in shots}
    _start, end = local_year_bounds(year)
    missing = [
        f"{key} – {_plain(name)}"
        for key, name in service.active_accounts(created_before=end)
        if key not in photographed
    ]
    now = service.now()
    lines = [
        f"Skärmdumpar av kommunens kontosidor {year}",
        f"Samlingsakt för registrator, skapad {_local(now)} av {service.actor_name} (Granska)",
        "",
        f"Riktlinjen: \u201d{GUIDELINE}\u201d",
        "",
        f"Antal skärmdumpar: {len(shots)}, för {len(photographed)} konton.",
        "Bilderna ligger i samma mapp som denna fil; varje bild har en JSON-fil med samma namn.",
        "",
    ]
    for n, shot in enumerate(shots, 1):
        lines += _entry(n, shot, names[shot.id])
    lines.append(
        f"Aktiva konton utan skärmdump {year}:"
        if missing
        else f"Alla aktiva konton har minst en skärmdump {year}."
    )
    lines += [f"   - {m}" for m in missing]
    path = folder / f"{year}-skarmdumpar-sammanstallning.txt"
    _write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return YearRecord(year, path, exported, missing)
