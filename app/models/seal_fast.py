"""The canonical encodings `audit verify` hashes a few million times, for a sealed kind given as
its table: app/core/seal_text.py holds them (the one definition, which verify's second process
imports without SQLAlchemy); this module gives them a kind's plan (seals.plan)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.core import seal_text
from app.core.seal_text import details_json as details_json
from app.core.seal_text import details_text as details_text
from app.core.seal_text import event_digest as event_digest
from app.core.seal_text import event_text as event_text
from app.core.seal_text import seals_digest as seals_digest
from app.core.seal_text import value_json as value_json
from app.models.seals import SealedKind, plan


def digester(spec: SealedKind, offset: int = 0) -> Callable[[Sequence[Any]], str]:
    """seals.digest(spec, row), byte for byte, for rows in the order of spec.columns (from
    `offset` on)."""
    return seal_text.digester(spec.kind, plan(spec), offset)
