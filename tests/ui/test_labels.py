from __future__ import annotations

from app.models import ItemStatus
from app.services.accounts.platforms import PLATFORMS
from app.services.moderation.reasons import REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.queue.listing import QUEUES
from app.ui.labels import (
    criterion_label,
    platform_label,
    queue_label,
    reason_label,
    reason_short_label,
    status_label,
)


def test_every_stored_code_has_a_swedish_label():
    for codes, label in (
        (list(ItemStatus), status_label),
        (list(PLATFORMS), platform_label),
        ([q.name for q in QUEUES], queue_label),
        (list(REMOVAL_REASONS), reason_short_label),
    ):
        for code in codes:
            assert label(code) and label(code) != code or code in ("x",), code
    for code, reason in REMOVAL_REASONS.items():
        assert reason_label(code) == reason.label  # same wording as the register entry
    for code, criterion in REGISTRATION_CRITERIA.items():
        assert criterion_label(code) == criterion.label


def test_platform_names_follow_the_windows_language(qapp):
    """The registry's English name once the English translation is installed, Swedish again after."""
    from app.ui.translations import install_translators

    app = qapp
    installed = install_translators(app, "en")
    try:
        assert platform_label("intranet") == "Intranet" and platform_label("other") == "Other"
    finally:
        for translator in installed:
            app.removeTranslator(translator)
    assert platform_label("intranet") == "Internwebben"
