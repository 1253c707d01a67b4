"""The letters that pick a reason, a criterion or a template in the action dialogs.

They are muscle memory, so they never move: taken from the Swedish names in the guideline's
fixed order (P for Personangrepp, S for Svordomar…), the same in every language and whatever
order a dialog shows the entries in. Entries outside the fixed lists (saved replies) take the
first free letter of their own name."""

from __future__ import annotations

from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def first_free_letters(labels: list[str], used: set[str] | None = None) -> list[str]:
    """One letter per label, the first free letter of each."""
    taken = set(used or ())
    keys = []
    for label in labels:
        key = next((c for c in label.upper() if c in ALPHABET and c not in taken), "")
        if not key:
            key = next((c for c in ALPHABET if c not in taken), "")
        taken.add(key)
        keys.append(key)
    return keys


REASON_LETTERS = dict(
    zip(REMOVAL_REASONS, first_free_letters([r.label for r in REMOVAL_REASONS.values()]), strict=True)
)
CRITERION_LETTERS = dict(
    zip(
        REGISTRATION_CRITERIA,
        first_free_letters([c.label for c in REGISTRATION_CRITERIA.values()]),
        strict=True,
    )
)


def letters_for(codes: list[str], labels: list[str], fixed: dict[str, str]) -> list[str]:
    """The letter of each entry: its fixed one, else the first free one of its label."""
    keys = [fixed.get(code, "") for code in codes]
    used = {k for k in keys if k}
    rest = first_free_letters(
        [label for code, label in zip(codes, labels, strict=True) if code not in fixed], used
    )
    free = iter(rest)
    return [key or next(free) for key in keys]
