from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from app.services.moderation.reasons import POLITICAL_REFERRAL, REGISTRATION_CRITERIA, REMOVAL_REASONS
from app.services.queue.listing import ItemSummary
from app.ui.labels import reason_label
from app.ui.queue.action_dialogs import (
    RegisterDialog,
    TemplateTextDialog,
    notice_templates,
)
from app.ui.queue.letters import first_free_letters as assign_keys
from app.ui.queue.remove_dialog import RemoveDialog


def summary(item_id=1, reason="svordomar", author="Anna Berg", text="Jävla skämt", status="flagged"):
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
        status,
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


def test_mixed_selection_lists_the_items_and_gives_each_its_own_flag(show):
    dialog = show(RemoveDialog([summary(1, "reklam"), summary(2, "hets")]))
    assert dialog.windowTitle() == "Ta bort 2 poster"
    shown = [dialog.chosen.item(r).text() for r in range(dialog.chosen.count())]
    assert shown[0].startswith("Reklam") and shown[1].startswith("Hets")
    assert dialog.mixed_note.isVisible() and "sin egen flaggas" in dialog.mixed_note.text()
    assert not dialog.reasons.isVisible() and not dialog.notice.isVisible() and dialog.ok.isEnabled()
    assert (dialog.reason_for(1), dialog.reason_for(2)) == ("reklam", "hets")
    assert dialog.crime_note.isVisible()  # one of them is hets: its manager gets the e-mail


def test_a_selection_of_flagged_and_unflagged_items_is_refused(qtbot, show):
    dialog = show(RemoveDialog([summary(1, "reklam"), summary(2, None)]))
    assert "var för sig" in dialog.mixed_note.text() and dialog.mixed_note.isVisible()
    assert not dialog.ok.isEnabled()
    qtbot.keyClick(dialog.reasons, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does nothing


def test_remove_dialog_shows_the_notice_it_will_queue_and_lets_it_be_edited(qtbot, show):
    dialog = show(RemoveDialog([summary(reason="reklam")], notices={"reklam": "Vi tog bort reklam."}))
    assert dialog.notice.toPlainText() == "Vi tog bort reklam."  # the municipality's own wording
    assert dialog.notice_text() is None  # unedited: the service fills it in
    qtbot.keyClick(dialog.reasons, dialog.reasons.keys[list(REMOVAL_REASONS).index("svordomar")])
    assert dialog.notice.toPlainText() == REMOVAL_REASONS["svordomar"].notice
    dialog.notice.setPlainText("Vi har dolt en kommentar med svordomar.")
    assert dialog.notice_text() == "Vi har dolt en kommentar med svordomar."


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
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.diarienummer, Qt.Key.Key_Return)
    assert not dialog.isVisible()  # read after it closed, as the window does
    assert dialog.choice() == (
        "befintligt-arende",
        REGISTRATION_CRITERIA["befintligt-arende"].explanation,
        "KS/2026:12",
    )


def test_notice_templates_put_the_suggested_reason_first_and_fill_in_the_name(show):
    templates = notice_templates(
        [summary(reason="reklam", status="removed")], [("politisk", POLITICAL_REFERRAL)]
    )
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


@pytest.mark.parametrize("status", ["new", "flagged", "kept", "answered"])
def test_a_never_removed_item_is_offered_no_removal_notice(show, status):
    replies = [("svar-lank", "Hej {name}! Svaret finns på vadstena.se."), ("politisk", POLITICAL_REFERRAL)]
    question = summary(reason=None, text="När öppnar badet?", status=status)
    templates = notice_templates([question], replies)
    assert [code for code, _label, _text in templates] == ["svar-lank", "politisk"]
    dialog = show(TemplateTextDialog([question], "Meddela", "Publicera", templates, "", None))
    assert dialog.templates.code() == "svar-lank"
    assert "tagit bort" not in dialog.text.toPlainText()
    # A removed one among them: still no removal notice for the selection.
    assert notice_templates([question, summary(2, status="removed")], replies)[0][0] == "svar-lank"
