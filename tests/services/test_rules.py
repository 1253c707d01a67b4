from __future__ import annotations

import pytest

from app.services.rules import RuleSet, is_valid_personnummer


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return RuleSet.from_directory()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Vad fan håller ni på med", "svordomar"),
        ("Ni är idioter allihop", "personangrepp"),
        ("Köp nu med rabattkod X", "reklam"),
        ("Mitt personnummer 811218-9876", "sekretess"),
        ("samordningsnummer 701063-2391", "sekretess"),
        ("De är ohyra", "hets"),
        # No match: bad words inside innocent words, invalid numbers.
        ("Fantastiskt fint i hamnen", None),
        ("Skickade i Helvetica", None),
        ("Min dotter spelar Satanella", None),
        ("Ordernummer 811218-9875", None),
        ("Tack för hjälpen!", None),
    ],
)
def test_suggested_reason(rules, text, reason):
    assert rules.evaluate(text).suggested_reason == reason


def test_a_flag_explains_what_matched(rules):
    flag = rules.evaluate("Jävla skämt").flags[0]
    assert (flag.rule, flag.match, flag.start, flag.end) == ("ord:svordomar", "Jävla", 0, 5)
    assert "svordomar" in flag.explanation


def test_political_questions_are_hinted_without_a_removal_reason(rules):
    verdict = rules.evaluate("Varför röstade kommunfullmäktige nej?")
    assert verdict.is_question and verdict.suggested_reason is None
    assert {f.rule for f in verdict.flags} == {"politisk-fraga"}


@pytest.mark.parametrize(
    ("number", "valid"),
    [("811218-9876", True), ("19811218-9876", True), ("8112189876", True),
     ("811218-9875", False), ("811318-9876", False), ("701063-2391", True)],
)
def test_personnummer_check_digit(number, valid):
    assert is_valid_personnummer(number) is valid
