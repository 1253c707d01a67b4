"""The account register: the municipality's channels and the administrators who run them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow


class Account(Base):
    """One official channel (a Facebook page, a YouTube channel, the intranet...)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    platform: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    page_url: Mapped[str | None] = mapped_column(String(2000))
    external_id: Mapped[str | None] = mapped_column(String(200))
    api_base_url: Mapped[str | None] = mapped_column(String(2000))
    purpose: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[str] = mapped_column(Text, default="")
    tone: Mapped[str] = mapped_column(Text, default="")
    monitoring: Mapped[str] = mapped_column(Text, default="")
    response_time: Mapped[str] = mapped_column(Text, default="")
    # The structured response promise (#17, app/services/stats/watched_hours.py): a target in
    # watched hours and when the account is watched. NULL means the default (weekdays 08-17,
    # public holidays off, no target), so accounts sealed before these columns stay valid.
    response_target_hours: Mapped[float | None] = mapped_column(Float)
    watch_days: Mapped[str | None] = mapped_column(String(7))  # ISO weekdays, "12345"
    watch_start: Mapped[str | None] = mapped_column(String(5))  # local "HH:MM"
    watch_end: Mapped[str | None] = mapped_column(String(5))
    watch_holidays: Mapped[bool | None] = mapped_column(Boolean)
    presentation: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    # A name under which the secret lives in the OS keyring; never the secret itself.
    credential_ref: Mapped[str | None] = mapped_column(String(200))
    # Signing in at the platform (#18): the municipality's own client (its id; a secret is kept
    # with the tokens, never here), the endpoints and API version when not the platform's
    # defaults, the scopes the platform granted and when a call last succeeded with the token.
    oauth_client_id: Mapped[str | None] = mapped_column(String(300))
    oauth_auth_url: Mapped[str | None] = mapped_column(String(2000))
    oauth_token_url: Mapped[str | None] = mapped_column(String(2000))
    api_version: Mapped[str | None] = mapped_column(String(32))
    granted_scopes: Mapped[str | None] = mapped_column(Text)
    token_ok_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sync_state: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    screenshot_interval_days: Mapped[int] = mapped_column(Integer, default=365)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    administrators: Mapped[list[AccountAdministrator]] = relationship(
        back_populates="account", cascade="all, delete-orphan", lazy="raise"
    )


class Administrator(Base):
    """A person allowed to act on accounts; `username` is the OS login it maps to."""

    __tablename__ = "administrators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    manager_email: Mapped[str] = mapped_column(String(320), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The guideline's roles, comma-separated (administrator,registrator,...). NULL: none set
    # (a database where nobody has a role yet is the single-user workstation, see roles.py).
    roles: Mapped[str | None] = mapped_column(String(200))

    accounts: Mapped[list[AccountAdministrator]] = relationship(
        back_populates="administrator", cascade="all, delete-orphan", lazy="raise"
    )


class AccountAdministrator(Base):
    __tablename__ = "account_administrators"
    __table_args__ = (UniqueConstraint("account_id", "administrator_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    administrator_id: Mapped[int] = mapped_column(ForeignKey("administrators.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(32), default="administrator")

    account: Mapped[Account] = relationship(back_populates="administrators", lazy="raise")
    administrator: Mapped[Administrator] = relationship(back_populates="accounts", lazy="raise")
