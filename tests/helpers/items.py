"""Building JSON Lines records and accounts for import tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.services.accounts.accounts import AccountService


def record(external_id: str = "c1", **overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "account": "fb",
        "platform": "facebook",
        "external_id": external_id,
        "parent_external_id": "p1",
        "post_external_id": "p1",
        "author_name": "Anna Andersson",
        "author_id": "u1",
        "author_url": "https://facebook.example/u1",
        "text": "När öppnar simhallen?",
        "created_at": "2026-05-01T12:00:00+02:00",
        "permalink": f"https://facebook.example/p1?c={external_id}",
        "raw": {"id": external_id, "message": "När öppnar simhallen?"},
    }
    base.update(overrides)
    return base


def write_jsonl(path: Path, records: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


def add_accounts(sessions, *keys_platforms: tuple[str, str]) -> None:
    service = AccountService(sessions)
    for key, platform in keys_platforms or (("fb", "facebook"),):
        service.add_account(key, platform, key.upper())
