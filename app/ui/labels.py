"""What the stored codes are called on screen, in the user's language.

Codes (statuses, reasons, platforms) are stored and never change; the Swedish labels here are the
source strings of the translation (lupdate reads the `translate` calls).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.accounts.platforms import PLATFORMS, platform_info
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.ui.queue.action_table import spec_for
from app.ui.translations import current_language

translate = QCoreApplication.translate


def status_label(code: str) -> str:
    labels = {
        "new": translate("Labels", "Ny"),
        "flagged": translate("Labels", "Flaggad"),
        "kept": translate("Labels", "Behållen"),
        "answered": translate("Labels", "Besvarad"),
        "answer_pending": translate("Labels", "Svaret väntar på plattformen"),
        "registered": translate("Labels", "Diarieförd"),
        "forwarded": translate("Labels", "Vidarebefordrad, inväntar svar"),
        "handed_over": translate("Labels", "Överlämnad"),
        "pending_platform": translate("Labels", "Väntar på plattformen"),
        "remove_by_hand": translate("Labels", "Tas bort för hand"),
        "removed": translate("Labels", "Borttagen"),
        "deleted_by_author": translate("Labels", "Raderad av författaren"),
        "weeded": translate("Labels", "Gallrad"),
        "context": translate("Labels", "Kommunens eget inlägg"),
    }
    return labels.get(code, code)


def platform_label(code: str) -> str:
    """From the platform registry (app/services/accounts/platforms.py), in the window's language."""
    info = platform_info(code)
    if info is None:
        return code
    return info.label_en if current_language() == "en" else info.label


def queue_label(name: str) -> str:
    labels = {
        "new": translate("Labels", "Nya"),
        "flagged": translate("Labels", "Flaggade"),
        "questions": translate("Labels", "Frågor som väntar på svar"),
        "pending": translate("Labels", "Väntar på plattformen"),
        "decided": translate("Labels", "Avgjorda"),
    }
    return labels.get(name, name)


def reason_label(code: str | None) -> str:
    if not code:
        return ""
    labels = {
        "personangrepp": translate("Labels", "Personangrepp eller förolämpning"),
        "svordomar": translate("Labels", "Svordomar eller obscena ord"),
        "reklam": translate("Labels", "Reklam eller kommersiellt budskap"),
        "hets": translate("Labels", "Hets mot folkgrupp"),
        "upphovsratt": translate("Labels", "Intrång i upphovsrätt"),
        "vald-porr": translate("Labels", "Våldsskildring eller pornografi"),
        "brott": translate("Labels", "Uppmaning till brott eller hot"),
        "sekretess": translate("Labels", "Sekretessbelagda uppgifter eller personuppgifter"),
        "fortal": translate("Labels", "Förtal"),
        "sexism": translate("Labels", "Sexistiskt yttrande"),
        "trakasserier": translate("Labels", "Trakasserier"),
        "olagligt": translate("Labels", "Annat som strider mot lag"),
    }
    if code in labels:
        return labels[code]
    reason = REMOVAL_REASONS.get(code)
    return reason.label if reason else code


def reason_short_label(code: str | None) -> str:
    """A word or two for the table's flag column; the full label is in the tooltip."""
    if not code:
        return ""
    labels = {
        "personangrepp": translate("Labels", "Personangrepp"),
        "svordomar": translate("Labels", "Svordomar"),
        "reklam": translate("Labels", "Reklam"),
        "hets": translate("Labels", "Hets"),
        "upphovsratt": translate("Labels", "Upphovsrätt"),
        "vald-porr": translate("Labels", "Våld/porr"),
        "brott": translate("Labels", "Brott/hot"),
        "sekretess": translate("Labels", "Personuppgifter"),
        "fortal": translate("Labels", "Förtal"),
        "sexism": translate("Labels", "Sexism"),
        "trakasserier": translate("Labels", "Trakasserier"),
        "olagligt": translate("Labels", "Olagligt"),
    }
    return labels.get(code, reason_label(code))


def criterion_label(code: str) -> str:
    labels = {
        "atgard": translate("Labels", "Leder till åtgärd"),
        "arende": translate("Labels", "Bedöms bli ett ärende"),
        "befintligt-arende": translate("Labels", "Rör ett befintligt ärende"),
        "sarskilt-intresse": translate("Labels", "Av särskilt intresse"),
        "sekretess": translate("Labels", "Innehåller sekretess"),
    }
    if code in labels:
        return labels[code]
    criterion = REGISTRATION_CRITERIA.get(code)
    return criterion.label if criterion else code


def rule_label(rule: str) -> str:
    """A flag's rule ("ord:svordomar", "personnummer", ...) as the administrator reads it."""
    if rule.startswith("ord:"):
        return translate("Labels", "Ordlista: %s") % rule[4:]
    labels = {
        "personnummer": translate("Labels", "Personnummer"),
        "samordningsnummer": translate("Labels", "Samordningsnummer"),
        "telefon": translate("Labels", "Telefonnummer"),
        "e-post": translate("Labels", "E-postadress"),
        "lank": translate("Labels", "Länk"),
        "politisk-fraga": translate("Labels", "Politisk fråga"),
    }
    return labels.get(rule, rule)


def history_kind_label(kind: str) -> str:
    labels = {
        "evidence": translate("Labels", "Bevis sparat"),
        "decision": translate("Labels", "Beslut"),
        "registration": translate("Labels", "Diarieföring"),
        "notice": translate("Labels", "Meddelande"),
        "audit": translate("Labels", "Händelse"),
    }
    return labels.get(kind, kind)


def action_label(action: str) -> str:
    spec = spec_for(action)
    return spec.text if spec is not None else action


def status_codes() -> tuple[str, ...]:
    """Every item status a queue tab can show, in app.models.ItemStatus order (for the status
    filter; the municipality's own posts, "context", are in no tab)."""
    return (
        "new", "flagged", "kept", "answered", "registered", "forwarded", "handed_over",
        "pending_platform", "remove_by_hand", "removed", "deleted_by_author", "weeded", "answer_pending",
    )  # fmt: skip


def platform_codes() -> tuple[str, ...]:
    """Every platform, in the registry's order (for the platform filter)."""
    return tuple(PLATFORMS)
