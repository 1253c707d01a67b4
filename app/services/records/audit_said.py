"""What `audit verify` says about a broken chain (app/services/records/audit_verify.py), as
messages: the command line prints the Swedish, the window says them in its language."""

from __future__ import annotations

from app.core.messages import translate

UNKNOWN_TIME = translate("Core", "okänd tid")
HEAD_MISSING = translate("Core", "Granskningsloggens huvudrad saknas.")
HEAD_COUNT = translate(
    "Core",
    "Granskningsloggen har %1 händelser men ska ha %2: händelser i slutet har "
    "raderats eller huvudraden har ändrats.",
)
ORPHAN_SEALS = translate(
    "Core",
    "Förseglingar för händelse %1, som inte finns, har lagts till eller händelsen har raderats.",
)
DETAILS_NOT_OBJECT = translate("Core", "detaljerna är inget objekt")
EVENT_UNREADABLE = translate(
    "Core", "Händelse %1 (%2) har ett oläsbart värde (%3): den har ändrats utanför Granska."
)
CHAIN_BREAKS = translate(
    "Core",
    "Händelse %1 (%2, %3): kedjan bryts här – händelsen före har ändrats eller raderats.",
)
EVENT_CHANGED = translate("Core", "Händelse %1 (%2, %3) har ändrats efter att den skrevs.")
NOT_WITNESSED = translate(
    "Core",
    "Händelse %1 är inte den som %2 bevittnar: loggen har skrivits om från och med dit eller tidigare.",
)
SEALS_AFTER_END = translate(
    "Core", "Förseglingar för händelse %1, som inte finns: händelser i slutet har raderats."
)
CUT_AFTER_WITNESS = translate(
    "Core",
    "Granskningsloggen har %1 händelser, men %2 visar att den hade minst %3: loggen "
    "har klippts av efter att vittnet skrevs.",
)
WITNESS_HASH_GONE = translate(
    "Core", "Ingen händelse i loggen har %1 %2…: loggen har klippts av eller skrivits om."
)
SEAL_ID_UNREADABLE = translate("Core", "En försegling har ett oläsbart händelse-id (%1): den har ändrats.")
EVIDENCE_CHANGED = translate(
    "Core", "Bevis %1 (post %2) har ändrats: innehållet stämmer inte med sin SHA-256."
)
EVIDENCE_CHANGED_AFTER = translate(
    "Core",
    "Bevis %1 (post %2), sparat enligt händelse %3, har ändrats: innehållet stämmer inte med sin SHA-256.",
)
EVIDENCE_GONE = translate("Core", "Bevis %1, sparat enligt händelse %2, saknas: det har raderats.")
