from __future__ import annotations

import pytest

from app.services.intake.rule_lists import RuleListService
from app.ui.settings.rule_tester import RuleTester
from tests.helpers.ui import show_loaded


@pytest.fixture
def tester(qtbot, sqlite_db):
    return show_loaded(qtbot, RuleTester(sqlite_db.sessions))


def _choose(tester, code):
    tester.list_choice.setCurrentIndex(tester.list_choice.findData(code))


def test_a_text_shows_every_flag_with_the_rule_and_the_suggested_reason(tester, qtbot):
    with qtbot.waitSignal(tester.tested) as seen:
        tester.sample.setPlainText("Ni är idioterna <script>alert(1)</script>, ring 070-123 45 67")
    result = seen.args[0]
    assert [f.rule for f in result.verdict.flags] == ["ord:personangrepp", "telefon"]
    text = tester.result.toPlainText()
    assert "«idioterna» är en böjd form av «idiot» i ordlistan personangrepp." in text
    assert "Förslag för posten: Sekretessbelagda uppgifter eller personuppgifter (sekretess)." in text


def test_an_entry_being_written_shows_its_forms_and_matches(tester, qtbot):
    tester.sample.setPlainText("Ni är rötäggen allihop")
    with qtbot.waitSignal(tester.tested) as seen:
        tester.entry.setText("rötägg")
    assert seen.args[0].entry_matches == ((6, 14, "rötäggen"),)
    assert "Posten «rötägg» täcker: rötägg, rötägga" in tester.result.toPlainText()
    assert "Den träffar i texten: «rötäggen» (6–14)" in tester.result.toPlainText()


def test_edits_apply_to_the_test_at_once_and_are_saved_for_everyone(tester, qtbot, sqlite_db):
    _choose(tester, "personangrepp")
    tester.sample.setPlainText("Din dumbom")
    with qtbot.waitSignal(tester.tested) as seen:
        tester.entries.setPlainText(tester.entries.toPlainText() + "\ndumbom")
    assert seen.args[0].verdict.suggested_reason == "personangrepp"
    assert tester.list_state.text() == "Standardlistan"
    with qtbot.waitSignal(tester.saved):
        tester.save_button.click()
    with qtbot.waitSignal(tester.loaded):
        pass
    assert "dumbom" in RuleListService(sqlite_db.sessions).lists()["personangrepp"]
    assert tester.list_state.text() == "Ändrad av kommunen"


def test_a_bad_entry_is_explained_not_crashed_on(tester, qtbot):
    _choose(tester, "svordomar")
    tester.entries.setPlainText("fan\n(\n")
    tester.run_test()
    assert tester.result.toPlainText().startswith("Rad 2:")


def test_screenshot(tester, qtbot, tmp_path):
    _choose(tester, "personangrepp")
    tester.sample.setPlainText("Ni är idioterna allihop. Köp nu! <b>fet</b>")
    tester.entry.setText("rötägg")
    tester.run_test()
    tester.resize(1100, 520)
    assert tester.grab().save(str(tmp_path / "rule_tester.png"))
