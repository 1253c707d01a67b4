from __future__ import annotations

import re
from pathlib import Path

from app.services.accounts.platforms import PLATFORMS
from app.services.queue.shapes import QUEUES
from app.ui import icons
from app.ui.icons import icon, platform_icon, status_icon
from app.ui.queue.action_table import all_actions
from app.ui.queue.view import _QUEUE_ICONS as TAB_ICONS

APP_UI = Path(icons.__file__).parent


def test_every_icon_the_windows_name_is_in_the_set(qapp):
    """A renamed or missing SVG shows as an empty space, not an error: catch it here."""
    named = set(re.findall(r'icon\("([a-z-]+)"\)', "".join(p.read_text() for p in APP_UI.rglob("*.py"))))
    named |= {spec.icon for spec in all_actions()} | {p.icon for p in PLATFORMS.values()}
    named |= set(TAB_ICONS.values())
    named |= set(icons._STATUS_ICONS.values())
    assert {"action-remove", "action-search", "status-overdue", "flag-question"} <= named
    missing = sorted(n for n in named if icon(n).isNull())
    assert missing == []
    assert {q.name for q in QUEUES} <= set(TAB_ICONS)


def test_platforms_and_states_without_an_icon_of_their_own_get_the_general_one(qapp):
    assert platform_icon("mastodon").cacheKey() == icon("platform-other").cacheKey()
    assert platform_icon("youtube").cacheKey() != icon("platform-other").cacheKey()
    assert status_icon("registered").cacheKey() == icon("status-decided").cacheKey()
    assert status_icon("removed").cacheKey() == icon("status-removed").cacheKey()
