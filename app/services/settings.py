"""Key/value settings kept in the database, shared by every administrator of the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Setting
from app.services.context import Actor


class SettingsService:
    def __init__(self, sessions: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._sessions = sessions
        self._actor = actor

    def get(self, key: str, default: Any = None) -> Any:
        with self._sessions() as session:
            row = session.scalar(select(Setting).where(Setting.key == key))
            return default if row is None else row.value

    def set(self, key: str, value: Any) -> None:
        """The förvaltningschef's and the kommunikationschef's (roles.py); refused otherwise."""
        from app.services.accounts.roles import Duty, require

        require(self._sessions, Duty.SETTINGS, self._actor, details={"setting": key})
        with self._sessions.begin() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value
