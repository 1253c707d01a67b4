"""The declarative base, the naming convention and the column types every record shares."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import DateTime, MetaData, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from app.core.clock import utcnow
from app.core.driver_time import to_driver_datetime

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy import Select

    # A SELECT of any columns: SQLAlchemy 2.1's Select is generic in each column's type.
    AnySelect: TypeAlias = Select[*tuple[Any, ...]]

__all__ = ["Base", "UTCDateTime", "to_driver_datetime", "utcnow"]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime, stored in UTC on every backend.

    Naive datetimes are refused: a time without a zone is a bug waiting to show up as an
    hour's error twice a year in Sweden.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: times must carry a time zone")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # Every record here is mapped to one Table (no joins or other selectables), so code
        # that goes to Core for speed (`insert(Item.__table__)`) gets a Table, not FromClause.
        __table__: ClassVar[Table]
