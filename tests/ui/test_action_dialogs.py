from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from app.services.moderation.reasons import POLITICAL_REFERRAL, REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.queue.listing import ItemSummary
from app.ui.labels import reason_label
from app.ui.queue.action_dialogs import (
    RegisterDialog,
    RemoveDialog,
    TemplateTextDialog,
    notice_templates,
)
from app.ui.queue.letters import first_free_letters as assign_keys


def summary(item_id=1, reason="svordomar", author="Anna Berg", text="Jävla skämt"):
    return ItemSummary(
        item_id,
        f"c{item_id}",
        "fb",
        "Vadstena kommun",
        "facebook",
        "comment",
        author,
        "u1",
        text,
        datetime(2026, 5, 1, tzinfo=UTC),
        None,
        "flagged",
        [],
        reason,
    )


@pytest.fixture
def show(qtbot):
    def _show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return _show


def test_every_choice_gets_its_own_letter():
    labels = [reason_label(c) for c in REMOVAL_REASONS]
    keys = assign_keys(labels)
    assert len(set(keys)) == len(keys) == 12
    assert keys[0] == "P"  # Personangrepp
    assert all(k in label.upper() for k, label in zip(keys, labels, strict=True))
    assert assign_keys(["A", "A", "A"]) == ["A", "B", "C"]


def test_remove_dialog_picks_with_one_letter_and_prefills_the_motivation(qtbot, show):
    dialog = show(RemoveDialog([summary()]))
    assert dialog.reasons.code() == "svordomar"  # the flag's suggestion
    assert dialog.motivation.toPlainText() == REMOVAL_REASONS["svordomar"].motivation
    assert not dialog.crime_note.isVisible()
    letter = dialog.reasons.keys[list(REMOVAL_REASONS).index("hets")]
    qtbot.keyClick(dialog.reasons, letter)
    assert dialog.reasons.code() == "hets"
    assert dialog.motivation.toPlainText() == REMOVAL_REASONS["hets"].motivation
    assert dialog.crime_note.isVisible()  # hets mot folkgrupp goes to the manager
    # An edited motivation is not overwritten by another pick.
    dialog.motivation.setPlainText("Min egen motivering")
    qtbot.keyClick(dialog.reasons, dialog.reasons.keys[0])
    assert dialog.motivation.toPlainText() == "Min egen motivering"
    qtbot.keyClick(dialog.motivation, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.isVisible() and "\n" in dialog.motivation.toPlainText()  # Shift+Enter: new line
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.motivation, Qt.Key.Key_Return)
    assert dialog.choice() == ("personangrepp", "Min egen motivering", "hide")


def test_mixed_selection_has_no_single_suggestion(show):
    dialog = show(RemoveDialog([summary(1, "reklam"), summary(2, "hets")]))
    assert dialog.windowTitle() == "Ta bort 2 poster"
    assert dialog.reasons.code() == "personangrepp"


def test_register_dialog_requires_a_diarienummer_for_an_existing_case(qtbot, show):
    dialog = show(RegisterDialog([summary()]))
    assert dialog.criteria.code() == "atgard" and dialog.ok.isEnabled()
    assert dialog.motivation.toPlainText() == REGISTRATION_CRITERIA["atgard"].explanation
    assert not dialog.diarienummer.isVisible()
    dialog.criteria.select_code("befintligt-arende")
    assert dialog.diarienummer.isVisible() and not dialog.ok.isEnabled()
    qtbot.keyClick(dialog.criteria, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does nothing until the number is there
    qtbot.keyClicks(dialog.diarienummer, "KS/2026:12")
    assert dialog.ok.isEnabled()
    assert dialog.choice() == (
        "befintligt-arende",
        REGISTRATION_CRITERIA["befintligt-arende"].explanation,
        "KS/2026:12",
    )


def test_notice_templates_put_the_suggested_reason_first_and_fill_in_the_name(show):
    templates = notice_templates([summary(reason="reklam")], [("politisk", POLITICAL_REFERRAL)])
    assert templates[0][0] == "reklam"
    assert templates[-1][0] == "politisk"
    dialog = show(TemplateTextDialog([summary(author="Åsa Öberg")], "Svara", "Skicka", templates, "", None))
    dialog.templates.select_code("politisk")
    assert dialog.text.toPlainText().startswith("Hej Åsa! Tack för din fråga.")
    assert not dialog.edited() and dialog.raw_template() == POLITICAL_REFERRAL  # the service fills it in
    dialog.text.appendPlainText("Mvh Sofia")
    assert dialog.edited()
    dialog.text.setPlainText("")
    assert not dialog.ok.isEnabled()  # nothing to send
