"""The SVG icons under resources/icons/, as QIcons that stay sharp at any scale."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from app.resources import resource_path

_STATUS_ICONS = {
    "new": "flags/new",
    "flagged": "flags/flag",
    "pending_platform": "flags/pending",
    "remove_by_hand": "flags/hand",
    "removed": "flags/removed",
    "deleted_by_author": "flags/removed",
    "weeded": "flags/removed",
}


@cache
def _icons_dir() -> Path:
    return resource_path("icons")


@cache
def icon(name: str) -> QIcon:
    """`icon("actions/remove")`: resources/icons/actions/remove.svg."""
    path = _icons_dir() / f"{name}.svg"
    return QIcon(str(path)) if name and path.exists() else QIcon()


def platform_icon(platform: str) -> QIcon:
    found = icon(f"platforms/{platform}")
    return found if not found.isNull() else icon("platforms/other")


def status_icon(status: str) -> QIcon:
    return icon(_STATUS_ICONS.get(status, "flags/decided"))
