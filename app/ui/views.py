"""Everything the menus open besides the queue (audit, archive, export, screenshots, statistics,
token health…), hooked onto a main window. The start-up calls it once the queue's first page is
painted; a language switch calls it again on the window it builds in the new language."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def install_views(window: MainWindow) -> None:
    from app.ui.records import hooks as records_views
    from app.ui.records import moderation_hooks as moderation_views
    from app.ui.settings.token_warning import remind_token_health
    from app.ui.stats import hooks as stats_views
    from app.ui.stats import queue_hooks

    moderation_views.install(window)
    records_views.install(window)
    remind_token_health(window)
    stats_views.install(window)
    queue_hooks.install(window)
