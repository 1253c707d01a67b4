"""The word lists each municipality edits: the defaults ship in resources/rules/, and an edited
list is kept in the database so every administrator of a shared database flags the same way."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.models import Setting
from app.resources import resource_path
from app.services.accounts.roles import Duty, require
from app.services.context import Actor, acting
from app.services.intake.rules import RuleSet, entry_pattern, read_word_list
from app.services.records.audit import AuditWriter

SETTINGS_KEY = "rules.lists"
_ENTRY = re.compile(r"^=?[\w\-'’]+\*?(?:\s+[\w\-'’]+\*?)*$", re.UNICODE)


def default_lists() -> dict[str, list[str]]:
    return {p.stem: read_word_list(p) for p in sorted(resource_path("rules").glob("*.txt"))}


def _overrides(session: Session) -> dict[str, list[str]]:
    value = session.scalar(select(Setting.value).where(Setting.key == SETTINGS_KEY))
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(e) for e in v] for k, v in value.items() if isinstance(v, list)}


def clean_entries(lines: list[str]) -> list[str]:
    """Entries as the list file would read them; raises InputError naming a bad line."""
    entries: list[str] = []
    for number, line in enumerate(lines, start=1):
        entry = " ".join(line.split("#", 1)[0].split()).lower()
        if not entry:
            continue
        if not _ENTRY.match(entry) or entry.strip("=*") == "":
            raise InputError(
                say(
                    translate(
                        "Core",
                        "Rad %1: %2 är ingen giltig post (ett ord eller en fras; "
                        "* sist betyder början av ord, = först betyder exakt den formen).",
                    ),
                    number,
                    repr(line.strip()),
                )
            )
        re.compile(entry_pattern(entry))
        if entry not in entries:
            entries.append(entry)
    return entries


def load_rule_set(sessions: sessionmaker[Session]) -> RuleSet:
    with sessions() as session:
        lists = default_lists()
        lists.update(_overrides(session))
    return RuleSet(lists)


class RuleListService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = acting(sessions, actor)

    def lists(self) -> dict[str, list[str]]:
        """Every list as it is used now (edited or default)."""
        with self._sessions() as session:
            lists = default_lists()
            lists.update(_overrides(session))
            return lists

    def edited(self) -> set[str]:
        with self._sessions() as session:
            return set(_overrides(session))

    def rule_set(self) -> RuleSet:
        return RuleSet(self.lists())

    def save_list(self, code: str, lines: list[str]) -> list[str]:
        if code not in default_lists():
            raise InputError(say(translate("Core", "Okänd ordlista %1."), repr(code)))
        entries = clean_entries(lines)
        self._write(code, entries)
        return entries

    def reset_list(self, code: str) -> None:
        self._write(code, None)

    def _write(self, code: str, entries: list[str] | None) -> None:
        require(self._sessions, Duty.SETTINGS, self._actor, details={"setting": SETTINGS_KEY, "list": code})
        now = self._actor.now()
        with self._sessions.begin() as session:
            audit = AuditWriter(session)
            row = session.get(Setting, SETTINGS_KEY)
            value = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
            if entries is None:
                value.pop(code, None)
            else:
                value[code] = entries
            if row is None:
                session.add(Setting(key=SETTINGS_KEY, value=value))
            else:
                row.value = value
            details = {"list": code, "count": len(entries) if entries is not None else None}
            audit.add(self._actor.username, now, "rules_changed", details=details)
            audit.flush()
