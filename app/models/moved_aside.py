"""Databases moved aside because they were damaged: a small record next to the database, so
Granska keeps saying so (every command, the window, `audit verify`) until an administrator has
acknowledged it (`granska db moved-aside --ack`). The audit log that mattered is in the moved
file, not in the fresh one."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass
class MovedAside:
    moved_to: str
    at: str
    problem: str
    acknowledged_at: str | None = None
    acknowledged_by: str | None = None

    def warning(self, database: Path) -> str:
        return (
            f"Varning: databasen {database} var skadad och flyttades undan till {self.moved_to} "
            f"({self.at}, {self.problem}). Den gamla granskningsloggen finns där. Kvittera med "
            "granska db moved-aside --ack när en administratör har tagit hand om filen."
        )


def record_path(database: Path) -> Path:
    return database.with_name(database.name + ".flyttade.json")


def read(database: Path) -> list[MovedAside]:
    try:
        entries = json.loads(record_path(database).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        # The record itself unreadable: say so rather than fall silent.
        return [MovedAside(str(record_path(database)), "?", "förteckningen går inte att läsa")]
    return [MovedAside(**entry) for entry in entries]


def unacknowledged(database: Path) -> list[MovedAside]:
    return [entry for entry in read(database) if entry.acknowledged_at is None]


def _now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def _write(database: Path, entries: list[MovedAside]) -> None:
    path = record_path(database)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(part, path)


def remember(database: Path, moved_to: Path, problem: str) -> None:
    _write(database, [*read(database), MovedAside(str(moved_to), _now(), problem)])


def acknowledge(database: Path, who: str) -> list[MovedAside]:
    """Mark every open entry acknowledged; returns those that were open."""
    entries = read(database)
    opened = [e for e in entries if e.acknowledged_at is None]
    for entry in opened:
        entry.acknowledged_at, entry.acknowledged_by = _now(), who
    if opened:
        _write(database, entries)
    return opened
