from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import InputError
from app.models import AuditEvent, Item
from app.services.intake.rule_lists import RuleListService, default_lists
from tests.helpers.workflow import make_item


def test_an_edited_list_is_used_by_the_next_import_and_can_be_reset(database):
    lists = RuleListService(database.sessions)
    assert lists.lists() == default_lists() and lists.edited() == set()
    saved = lists.save_list("personangrepp", ["idiot", "  Rötägg  # nytt ord", "", "rötägg"])
    assert saved == ["idiot", "rötägg"] and lists.edited() == {"personangrepp"}
    item_id = make_item(database.sessions, "Ni är rötäggen allihop")  # the helper's import uses defaults
    assert lists.rule_set().evaluate("Ni är rötäggen allihop").suggested_reason == "personangrepp"
    from app.services.intake.importer import ImportService, IncomingItem

    ImportService(database.sessions).import_items(
        [
            IncomingItem(
                account="fb", external_id="ny", text="Rötäggen igen", created_at=_created(database, item_id)
            )
        ]
    )
    with database.sessions() as s:
        assert s.scalar(select(Item.suggested_reason).where(Item.external_id == "ny")) == "personangrepp"
        assert "rules_changed" in set(s.scalars(select(AuditEvent.action)))
    lists.reset_list("personangrepp")
    assert lists.lists()["personangrepp"] == default_lists()["personangrepp"]


@pytest.mark.parametrize(
    ("code", "lines", "message"),
    [
        ("okand", ["x"], "Okänd ordlista"),
        ("svordomar", ["fan", "*"], "Rad 2"),
        ("svordomar", ["hej (du"], "Rad 1"),
    ],
)
def test_bad_lists_are_refused_and_nothing_is_saved(database, code, lines, message):
    with pytest.raises(InputError, match=message):
        RuleListService(database.sessions).save_list(code, lines)
    assert RuleListService(database.sessions).edited() == set()


def _created(db, item_id):
    with db.sessions() as s:
        return s.scalar(select(Item.created_at).where(Item.id == item_id))
