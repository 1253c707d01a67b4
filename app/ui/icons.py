"""The SVG icons under resources/icons/, as QIcons that stay sharp at any scale.

One flat set, named by family (resources/icons/README.md): `action-*`, `flag*`, `platform-*`,
`status-*` and the app icon `granska`. The PNG exports next to them are for packaging only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from app.resources import resource_path
from app.services.accounts.platforms import platform_info
from app.ui.selected_icons import add_selected_mode

_STATUS_ICONS = {
    "new": "status-new",
    "flagged": "flag",
    "pending_platform": "status-pending",
    "answer_pending": "status-pending",
    "forwarded": "status-pending",
    "remove_by_hand": "status-hand",
    "removed": "status-removed",
    "deleted_by_author": "status-removed",
    "weeded": "status-removed",
}


@cache
def _icons_dir() -> Path:
    return resource_path("icons")


@cache
def icon(name: str) -> QIcon:
    """`icon("action-remove")`: resources/icons/action-remove.svg (an empty icon if none)."""
    path = _icons_dir() / f"{name}.svg"
    if not name or not path.exists():
        return QIcon()
    found = QIcon(str(path))
    add_selected_mode(found, path)  # white on a selected row (app/ui/selected_icons.py)
    return found


def platform_icon(platform: str) -> QIcon:
    """The registry's icon (app/services/accounts/platforms.py); a platform without one gets the
    generic one."""
    info = platform_info(platform)
    found = icon(info.icon) if info is not None else QIcon()
    return found if not found.isNull() else icon("platform-other")


def status_icon(status: str) -> QIcon:
    return icon(_STATUS_ICONS.get(status, "status-decided"))
