"""The moderation service, built the first time something uses it.

Building it imports the connectors, the platforms' HTTP client and the decision workflow (a
fifth of a second here): at start that would come before the queue's first page, which needs
none of it. The first use is almost always on a worker thread (the saved replies, the detail
pane, an action's task), so the build happens there, once, under a lock.
"""

from __future__ import annotations

import threading
from typing import Any


class DeferredModeration:
    # A service opened on the team database: never the offline copy's (app/ui/main.py asks).
    offline_copy = None

    def __init__(self, sessions: Any) -> None:
        self._sessions = sessions
        self._service: Any = None
        self._lock = threading.Lock()

    def service(self) -> Any:
        with self._lock:
            if self._service is None:
                from app.services.moderation.facade import ModerationService

                self._service = ModerationService.with_platforms(self._sessions)
            return self._service

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.service(), name)
