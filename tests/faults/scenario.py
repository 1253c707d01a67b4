"""The world the fault matrix runs in: a database with something of everything (items waiting,
a removal, a kept old item, a registrator's sheet with a diarienummer, a synced account), the
writing commands with a refused and a good form each, and the checks that nothing was lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import func, select, text

from app.cli import main
from app.models.db import open_database
from app.services.records.removal_log import STOCKHOLM

ROOT = Path(__file__).resolve().parents[2]
TABLES = (
    "items",
    "evidence",
    "decisions",
    "registrations",
    "notices",
    "audit_events",
    "screenshots",
    "exports",
)
# Seeded items, in import order: ids 1..6.
A, B, C, D, E, G = 1, 2, 3, 4, 5, 6
# The export reads its period in Swedish time: from 23:00 UTC (00:00 in Stockholm in winter)
# the machine's own date is yesterday there, and the day's removals fell outside it.
TODAY = datetime.now(STOCKHOLM).date().isoformat()


@dataclass
class World:
    url: str
    files: Path  # the import file, the registrator's sheet, the export target
    token: str

    def argv(self, *args: str) -> list[str]:
        return ["--db", self.url, *args]


MAY = "2026-05-01T12:00:00+02:00"


def _line(external_id: str, text_: str, account: str = "fb", created: str = MAY) -> str:
    record = {
        "account": account,
        "external_id": external_id,
        "text": text_,
        "created_at": created,
        "author_name": "Anna Andersson",
    }
    return json.dumps(record, ensure_ascii=False)


def seed(url: str, files: Path, platform_url: str, sync: Any) -> World:
    """Everything through the real commands, so the audit chain is what Granska writes."""
    files.mkdir(parents=True, exist_ok=True)

    def ok(*args: str, codes: tuple[int, ...] = (0,)) -> None:
        code = main(["--db", url, *args])
        assert code in codes, (args, code)

    ok("accounts", "add", "fb", "--platform", "other", "--name", "FB", "--api-base", platform_url)
    ok("accounts", "add", "intra", "--platform", "intranet", "--name", "Intranät")
    seed_file = files / "seed.jsonl"
    seed_file.write_text(
        "\n".join(
            [
                _line("a", "Ni är idioter allihop"),
                _line("b", "Gatlyktan på Storgatan är trasig"),
                _line("c", "När öppnar simhallen?"),
                _line("d", "Tack för infon"),
                _line("e", "Dumma troll hela bunten"),
                _line("g", "Gammal fråga om sophämtning", "intra", "2025-01-01T12:00:00+01:00"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    ok("import", str(seed_file))
    ok("remove", str(E), "--reason", "personangrepp")
    ok("keep", str(G))
    sheet = files / "registrator.xlsx"
    ok("export", "removals", "--from", TODAY, "--to", TODAY, "--output", str(sheet))
    _fill_diarienummer(sheet, "KS 2026/77")
    with (files / "matris.jsonl").open("w", encoding="utf-8") as f:
        for n in range(6_000):  # two import batches: a fault can fall between them
            f.write(_line(f"m{n}", f"Matrisrad {n} om badbussen") + "\n")
    db = open_database(url)
    sync.add_account(db.sessions, "fbsync")
    db.dispose()
    store = sync.fake.store
    store.add_thread(store.add_post("Badbussen går igen i sommar"), 6)
    assert main(["--db", url, "audit", "verify"]) == 0
    return World(url, files, sync.fake.token)


def _fill_diarienummer(path: Path, dnr: str) -> None:
    """What the registrator does: the number typed into the first removal's row."""
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Diarienummer") + 1, value=dnr)
    workbook.save(path)


@dataclass(frozen=True)
class Command:
    name: str
    good: tuple[str, ...]
    refused: tuple[str, ...]
    # Exit codes that mean done (3: saved, a step waits for a person or the platform).
    done: tuple[int, ...] = (0,)
    # The N-th changing statement where `raise` and `kill` strike: in the middle of the work
    # (PostgreSQL has no trigger to drop and re-create around an import).
    middle: str = "2"
    middle_pg: str | None = None

    def strike_at(self, url: str) -> str:
        return self.middle_pg if self.middle_pg and url.startswith("postgresql") else self.middle


def commands(files: Path, out_dir: Path) -> dict[str, Command]:
    bad = files / "trasig.jsonl"
    bad.write_text(
        _line("x1", "Först en bra rad") + "\n" + '{"account": "fb", "text": "utan tid"}\n', encoding="utf-8"
    )
    not_xlsx = files / "inte.xlsx"
    not_xlsx.write_bytes(b"ingen arbetsbok")
    out = str(out_dir / "ut.xlsx")
    return {c.name: c for c in [
        Command("import", ("import", str(files / "matris.jsonl")), ("import", str(bad)), middle="3",
                middle_pg="2"),
        Command("add-item", ("add-item", "intra", "--text", "Matristillägg om badbussen"),
                ("add-item", "intra", "--text", "Tid", "--time", "0001-01-01T00:00:00+14:00"),
                middle_pg="1"),
        Command("sync", ("sync", "fbsync"), ("sync", "finns-inte")),
        Command("remove", ("remove", str(A), "--reason", "personangrepp"),
                ("remove", str(A), "--reason", "inget-sådant-skäl"), done=(0, 3)),
        Command("register", ("register", str(B), "--criterion", "atgard"),
                ("register", str(B), "--criterion", "okänt")),
        Command("notify", ("notify", str(C), "--text", "Simhallen öppnar i juni."),
                ("notify", str(C), "--template", "finns-inte"), done=(0, 3)),
        Command("keep", ("keep", str(D)), ("keep", "999")),
        Command("export", ("export", "removals", "--from", TODAY, "--to", TODAY, "--output", out,
                           "--overwrite"),
                ("export", "removals", "--from", TODAY, "--to", TODAY, "--output", out + ".csv")),
        Command("screenshot", ("screenshot", "intra", "--region", "40,50,240,120"),  # colour_window
                ("screenshot", "finns-inte"), middle="1"),
        Command("gallra", ("gallra", "--older-than", "30"), ("gallra", "--older-than", "-1")),
        Command("import-dnr", ("import-dnr", str(files / "registrator.xlsx")),
                ("import-dnr", str(not_xlsx))),
    ]}  # fmt: skip


def counts(url: str) -> dict[str, int]:
    db = open_database(url)
    try:
        with db.engine.connect() as con:
            found = {t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}
            found["kept_texts"] = con.execute(
                select(func.count()).select_from(text("items")).where(text("text <> ''"))
            ).scalar()
        return found
    finally:
        db.dispose()


def run_killed(world: World, args: tuple[str, ...], fault: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRANSKA_FAULT": fault, "FAULT_TOKEN": world.token}
    return subprocess.run(
        [sys.executable, "-m", "tests.faults.runner", *world.argv(*args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
