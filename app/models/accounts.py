"""The account register: the municipality's channels and the administrators who run them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow


class Platform(StrEnum):
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    X = "x"
    LINKEDIN = "linkedin"
    INTRANET = "intranet"
    OTHER = "other"


# The guideline's channel table (Syfte / Innehåll / Tonalitet), used as defaults for a new account.
CHANNEL_DEFAULTS: dict[str, dict[str, str]] = {
    Platform.FACEBOOK: {
        "purpose": "Vårda relationen med kommuninvånarna, väcka intresse och nyfikenhet för "
        "kommunen, ge service och support och stärka varumärket.",
        "content": "Beslut som påverkar kommuninvånarna, tips på evenemang och aktiviteter, "
        "information.",
        "tone": "Öppen och ärlig samt i viss mån glad. Behöver hålla en yrkesmässig standard "
        "men får inte bli tråkig.",
    },
    Platform.INSTAGRAM: {
        "purpose": "Öka kännedomen om kommunens arbete och olika verksamheter.",
        "content": "Anställda i kommunens olika verksamheter ger en inblick i sin vardag på ett "
        "personligt sätt. \u201dBakom kulisserna-känsla\u201d.",
        "tone": "Mer personligt, men glöm inte att du är kommunens röst, så tänk på vad du "
        "säger.",
    },
    Platform.LINKEDIN: {
        "purpose": "Förmedla lediga tjänster inom kommunen.",
        "content": "Jobbannonser, bilder och artiklar som har med kommunen att göra.",
        "tone": "Professionell och yrkesmässig ton.",
    },
    Platform.YOUTUBE: {
        "purpose": "Informera om kommunens arbete och verksamheter med hjälp av rörlig bild. "
        "Nå nya målgrupper.",
        "content": "Videoklipp som presenterar beslut, projekt, processer m.m. inom kommunen.",
        "tone": "Öppen, personlig och positiv. Videoklippen måste kännas professionella.",
    },
    Platform.X: {
        "purpose": "Förmedla nyheter som på ett enkelt sätt når medierna, ersätter i viss mån "
        "pressmeddelanden. Används för kriskommunikation.",
        "content": "RSS-flödet från webbplatsen.",
        "tone": "Kortfattat och sakligt.",
    },
    Platform.INTRANET: {
        "purpose": "Vårda de interna relationerna i organisationen, underlätta samarbete, dela "
        "information, ökad insyn.",
        "content": "Kommunnyheter, personalinformation, gemensamma dokument.",
        "tone": "Öppen, ärlig och personlig.",
    },
}


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
    presentation: Mapped[str] = mapped_column(Text, default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    # A name under which the secret lives in the OS keyring; never the secret itself.
    credential_ref: Mapped[str | None] = mapped_column(String(200))
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
    administrator_id: Mapped[int] = mapped_column(
        ForeignKey("administrators.id", ondelete="CASCADE")
    )
    role: Mapped[str] = mapped_column(String(32), default="administrator")

    account: Mapped[Account] = relationship(back_populates="administrators", lazy="raise")
    administrator: Mapped[Administrator] = relationship(back_populates="accounts", lazy="raise")
