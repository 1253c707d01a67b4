from __future__ import annotations

import pytest

from app.services.intake.rules import RuleSet, inflections, is_valid_personnummer, test_rule


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
    [
        ("811218-9876", True),
        ("19811218-9876", True),
        ("8112189876", True),
        ("811218-9875", False),
        ("811318-9876", False),
        ("701063-2391", True),
    ],
)
def test_personnummer_check_digit(number, valid):
    assert is_valid_personnummer(number) is valid


# (text, list that must flag it, the words flagged) — inflections, case, whitespace, phrases.
TRUE_POSITIVES = [
    ("Din idiot", "personangrepp", ["idiot"]),
    ("Idioten på kontoret", "personangrepp", ["Idioten"]),
    ("IDIOTER allihop!!!", "personangrepp", ["IDIOTER"]),
    ("idioterna styr", "personangrepp", ["idioterna"]),
    ("en idiotisk plan", "personangrepp", ["idiotisk"]),
    ("lögnarna i stadshuset", "personangrepp", ["lögnarna"]),
    ("lögnarens ord", "personangrepp", ["lögnarens"]),
    ("dumskallar", "personangrepp", ["dumskallar"]),
    ("ni är puckon", "personangrepp", ["puckon"]),
    ("morons everywhere", "personangrepp", ["morons"]),
    ("kärringar", "trakasserier", ["kärringar"]),
    ("subban", "trakasserier", ["subban"]),
    ("slynor", "trakasserier", ["slynor"]),
    ("Håll  käften", "trakasserier", ["Håll  käften"]),
    ("hororna", "svordomar", ["hororna"]),
    ("Fan!", "svordomar", ["Fan"]),
    ("jävla", "svordomar", ["jävla"]),
    ("Jävligt dåligt", "svordomar", ["Jävligt"]),
    ("helvetet på jorden", "svordomar", ["helvetet"]),
    ("skiten luktar", "svordomar", ["skiten"]),
    ("fucking", "svordomar", ["fucking"]),
    ("parasiterna", "hets", ["parasiterna"]),
    ("ohyran", "hets", ["ohyran"]),
    ("rasförrädare", "hets", ["rasförrädare"]),
    ("Köp\n nu", "reklam", ["Köp\n nu"]),
    ("rabattkoden gäller", "reklam", ["rabattkoden"]),
    ("kasinot", "reklam", ["kasinot"]),
    ("ni ska dö", "brott", ["ni ska dö"]),
    ("Jag ska spränga kommunhuset", "brott", ["spränga"]),
    ("han borde skjutas", "brott", ["borde skjutas"]),
]

# Innocent texts: a bad word inside an innocent word, or a word that only looks inflected.
FALSE_POSITIVES = [
    "Fantastiskt fint i hamnen",
    "Det fanns många båtar",
    "Alla fans av laget kom",
    "Fanan var hissad",
    "Fanor i vinden",
    "Faner av ek",
    "Skickade i Helvetica",
    "Min dotter spelar Satanella",
    "Det blev skitbra!",
    "En idiotsäker lösning",
    "Puckeln på vägen",
    "Horisonten i Vadstena",
    "Parasollet blåste bort",
    "Ohyggligt vackert",
    "Ett korrekt beslut",
    "Sprängningen vid Storgatan börjar kl 9",
    "Billiga bussbiljetter för pensionärer?",
    "Hon ritade en skiss",
    "Tack för hjälpen!",
    "Fanns det plats kvar?",
    "FANNS",
    "Vi reser till Mongoliet i sommar",
    "Kukkonen vann loppet",
    "Tunnelbanan till Fittja",
    "Shiitake i soppan",
]


@pytest.mark.parametrize(("text", "code", "words"), TRUE_POSITIVES)
def test_true_positives(rules, text, code, words):
    flags = [f for f in rules.evaluate(text).flags if f.rule.startswith("ord:")]
    assert [f.match for f in flags] == words
    assert {f.reason for f in flags} == {code}
    assert all(text[f.start : f.end] == f.match for f in flags)


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_false_positives(rules, text):
    assert [f.match for f in rules.evaluate(text).flags if f.rule.startswith("ord:")] == []


def test_the_explanation_names_the_entry_and_says_why():
    rules = RuleSet({"personangrepp": ["idiot"], "svordomar": ["jävl*", "=fan"]})
    why = {f.match: f.explanation for f in rules.evaluate("idioterna jävlar fan").flags}
    assert why["idioterna"] == "«idioterna» är en böjd form av «idiot» i ordlistan personangrepp."
    assert why["jävlar"] == "«jävlar» börjar som «jävl» i ordlistan svordomar."
    assert why["fan"] == "«fan» står i ordlistan svordomar."


def test_inflections_follow_the_words_ending():
    assert {"horan", "horor", "hororna", "horas"} <= inflections("hora")
    assert "horaor" not in inflections("hora")
    assert {"lögnaren", "lögnarna", "lögnares"} <= inflections("lögnare")
    assert {"puckon", "puckona"} <= inflections("pucko")
    assert {"idioten", "idioter", "idioterna", "idiots", "idiotisk"} <= inflections("idiot")
    assert {"parasiterna"} <= inflections("parasiter")


def test_exact_entries_and_exceptions():
    rules = RuleSet({"svordomar": ["=fan", "skit"], "undantag": ["skits"]})
    assert [f.match for f in rules.evaluate("fan fanen skiten skits").flags] == ["fan", "skiten"]


def test_the_rule_tester_shows_flags_and_what_a_new_entry_would_match(rules):
    result = test_rule(rules, "Ni är rötäggen allihop, idioter", entry="rötägg")
    assert [f.match for f in result.verdict.flags] == ["idioter"]
    assert result.verdict.suggested_reason == "personangrepp"
    assert result.entry_matches == ((6, 14, "rötäggen"),)
    assert "rötäggen" in result.entry_forms and "rötägg" in result.entry_forms
    assert test_rule(rules, "hej", entry="ond*").entry_forms == ("ond…",)
    assert test_rule(rules, "Hej", entry=None).entry_matches == ()


def test_personnummer_agrees_with_the_personnummer_package():
    import random

    from personnummer import personnummer as reference

    rng = random.Random(2026)
    checked = valid = 0
    for _ in range(3000):
        yy, mm, dd = rng.randint(0, 99), rng.randint(1, 12), rng.randint(1, 31)
        if rng.random() < 0.2:
            dd += 60  # samordningsnummer
        body = f"{yy:02d}{mm:02d}{dd:02d}{rng.randint(0, 999):03d}"
        check = str(rng.randint(0, 9)) if rng.random() < 0.5 else str((10 - _luhn_sum(body)) % 10)
        number = f"{body[:6]}-{body[6:]}{check}"
        assert is_valid_personnummer(number) == reference.valid(number), number
        checked += 1
        valid += is_valid_personnummer(number)
    assert checked == 3000 and 500 < valid < 2000  # both kinds were really tried


def _luhn_sum(digits: str) -> int:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Ring mig på 070-123 45 67", "telefon"),
        ("ring +46 70 123 45 67", "telefon"),
        ("tel 0143-150 00", "telefon"),
        ("pnr 811218-9876", "personnummer"),
        ("mejla anna.svensson@example.com", "e-post"),
        ("se www.exempel.se", "lank"),
    ],
)
def test_contact_details_are_flagged(rules, text, rule):
    assert rule in {f.rule for f in rules.evaluate(text).flags}


class _FullScan(RuleSet):
    """The word lists scanned the plain way: every entry tried at every position."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._finder = None


def test_the_prefix_tree_finds_exactly_what_the_full_scan_finds(rules):
    import random

    from app.services.intake.demo import COMMENTS, POSTS
    from app.services.intake.rule_lists import default_lists

    plain = _FullScan(default_lists())
    rng = random.Random(7)
    listed = [e.lstrip("=").rstrip("*") for entries in default_lists().values() for e in entries]
    words = [*listed, "fanns", "för", "ska", "ni", "skitbra", "Idioten", "KÖP  NU", "x", "-"]
    texts = [t for texts in COMMENTS.values() for t in texts] + list(POSTS)
    texts += [t for t, _code, _words in TRUE_POSITIVES] + FALSE_POSITIVES
    for _ in range(3000):
        picked = rng.choices(words, k=rng.randint(1, 8))
        texts.append("".join(w + rng.choice([" ", "", "!", "-", "\n", ", "]) for w in picked))
    found = 0
    for text in texts:
        ours = [(f.rule, f.start, f.end, f.explanation) for f in rules.evaluate(text).flags]
        assert ours == [(f.rule, f.start, f.end, f.explanation) for f in plain.evaluate(text).flags], text
        found += bool(ours)
    assert found > 2000  # the texts really hit the lists


def test_short_entries_and_entries_starting_with_a_sign_still_match():
    lists = {"svordomar": ["ab*", "-x", "=ko"]}
    text = "abc ko kon ab -x a-x"
    assert [f.match for f in RuleSet(lists).evaluate(text).flags] == ["abc", "ko", "ab", "-x"]
    assert RuleSet(lists).evaluate(text) == _FullScan(lists).evaluate(text)
