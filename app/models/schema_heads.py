"""Which schema revision is the newest, read from the migration files themselves (no Alembic):
opening a current database, and the quick queue read, need no more than this."""

from __future__ import annotations

import ast
import re
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def migration_heads() -> set[str]:
    """The newest revisions in migrations/versions, read from the files (without Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revisions.add(ast.literal_eval(found["revision"].strip()))
        down = ast.literal_eval(found.get("down_revision", "None").strip())
        parents.update([down] if isinstance(down, str) else down or ())
    return revisions - parents


def at_head(current: set[str]) -> bool:
    """Are the revisions read from `alembic_version` the newest ones? (no Alembic needed)"""
    try:
        return bool(current) and current == migration_heads()
    except (OSError, ValueError, SyntaxError):
        return False


def known_revisions() -> set[str]:
    return {
        ast.literal_eval(found["revision"].strip())
        for path in (MIGRATIONS_DIR / "versions").glob("*.py")
        if "revision" in (found := dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8"))))
    }
