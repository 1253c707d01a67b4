"""SQLAlchemy records and the database. Nothing here imports Qt."""

from typing import TYPE_CHECKING, Any

# The records are loaded on first use of any name here, all together (so the mappers find each
# other), not when a submodule is imported: opening a current SQLite file (app/models/db.py) and
# the quick queue read (app/services/queue/quick.py) run without SQLAlchemy.
if TYPE_CHECKING:
    from app.core.states import ItemKind, ItemStatus
    from app.models.accounts import (
        Account,
        AccountAdministrator,
        Administrator,
    )
    from app.models.base import Base, UTCDateTime, utcnow
    from app.models.exports import Export, ExportRow
    from app.models.items import OPEN_STATUSES, Item, ItemVersion
    from app.models.moderation import Decision, Evidence, Notice, OutboxStep, Registration
    from app.models.offline import OfflineDecision
    from app.models.queue_indexes import SEARCH_KEYS_INDEX
    from app.models.records import AuditEvent, AuditSeal, Screenshot, Setting
    from app.models.team_keys import AccountKeyCopy, AccountSecret, PersonKey
    from app.models.workflow import AuditHead, Escalation, Recusal

__all__ = [
    "OPEN_STATUSES",
    "Account",
    "AccountAdministrator",
    "AccountKeyCopy",
    "AccountSecret",
    "Administrator",
    "AuditEvent",
    "AuditHead",
    "AuditSeal",
    "Base",
    "Decision",
    "Escalation",
    "Evidence",
    "Export",
    "ExportRow",
    "Item",
    "ItemKind",
    "ItemStatus",
    "ItemVersion",
    "Notice",
    "OfflineDecision",
    "OutboxStep",
    "PersonKey",
    "SEARCH_KEYS_INDEX",
    "Recusal",
    "Registration",
    "Screenshot",
    "Setting",
    "UTCDateTime",
    "utcnow",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from app.models import _records

    value = getattr(_records, name)
    globals().update({n: getattr(_records, n) for n in __all__})
    return value
