"""Every record, imported together (app/models/__init__.py hands them out on first use)."""

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
