"""Subcommands of `granska`, one module per duty; each is a thin layer over a service."""

from __future__ import annotations

import json
import sys
from typing import Any

from app.models.db import Database, open_database


def database(args: Any) -> Database:
    db = open_database(args.db)
    for message in db.messages:
        print(f"granska: {message}", file=sys.stderr)
    return db


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
