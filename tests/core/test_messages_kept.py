"""A message stored beside its Swedish text (app/core/messages.py kept/heard): read back as the
same message, parts that are messages too; anything else read back as the stored text itself."""

from __future__ import annotations

import json

from app.core.messages import Message, heard, kept, say, translate


def test_a_stored_message_comes_back_with_its_source_and_parts():
    inner = say(translate("Core", "frågan skickas vidare"))
    said = say(translate("Core", "%1 försök, %2 (%3)"), 3, inner, "bygg@vadstena.se")
    stored = json.loads(json.dumps(kept(said)))  # as the database's JSON column gives it back
    back = heard(str(said), stored)
    assert isinstance(back, Message) and back == said
    assert back.source == said.source and back.parts == (3, inner, "bygg@vadstena.se")
    assert isinstance(back.parts[1], Message) and back.parts[1].source == "frågan skickas vidare"


def test_what_cannot_be_read_back_is_the_stored_text_as_it_is():
    said = say(translate("Core", "Skickat till %1."), "bygg@vadstena.se")
    assert kept("Connection refused") is None  # a library's own words: no source to keep
    for stored in (
        None,
        "x",
        [],
        {"source": 1, "parts": []},
        {"source": "%1"},
        {"source": "a", "parts": [[]]},
    ):
        back = heard("Skickat till bygg@vadstena.se.", stored)
        assert back == "Skickat till bygg@vadstena.se." and not isinstance(back, Message)
    # A text written later without its source keeps its own words, not the older message's.
    assert heard("Något annat.", kept(said)) == "Något annat."
    assert not isinstance(heard("Något annat.", kept(said)), Message)
    assert heard(None, kept(said)) is None
