"""The SVG icons under resources/icons/, as QIcons that stay sharp at any scale."""

from __future__ import annotations

from functools import cache

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
def icon(name: str) -> QIcon:
    """`icon("actions/remove")`: resources/icons/actions/remove.svg."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def platform_icon(platform: str) -> QIcon:
    found = icon(f"platforms/{platform}")
    return found if not found.isNull() else icon("platforms/other")


def status_icon(status: str) -> QIcon:
    return icon(_STATUS_ICONS.get(status, "flags/decided"))
