"""Platform tokens kept centrally in the team database, never in clear (#14): each account's
token encrypted with a random key of its own, and that key sealed to the public key of every
administrator assigned to the account. Private keys live only in each person's OS keyring."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class PersonKey(Base):
    """An administrator's public key (PEM), made by `granska login`."""

    __tablename__ = "person_keys"

    administrator_id: Mapped[int] = mapped_column(
        ForeignKey("administrators.id", ondelete="CASCADE"), primary_key=True
    )
    public_key: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccountSecret(Base):
    """The account's token, encrypted (Fernet) with the account's key."""

    __tablename__ = "account_secrets"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    ciphertext: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))


class AccountKeyCopy(Base):
    """The account's key sealed (RSA-OAEP) to one administrator's public key."""

    __tablename__ = "account_key_copies"
    __table_args__ = (UniqueConstraint("account_id", "administrator_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    administrator_id: Mapped[int] = mapped_column(ForeignKey("administrators.id", ondelete="CASCADE"))
    sealed_key: Mapped[str] = mapped_column(Text)
