"""The platform registry is the one table every part reads: a new platform is its connector
module plus one entry, and the names shown for a platform agree everywhere."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.core.connector import Capabilities
from app.models import Item
from app.services.accounts.accounts import AccountService
from app.services.accounts.platforms import (
    PLATFORMS,
    ConnectorRegistry,
    PlatformInfo,
    connector_platforms,
    platform_label,
    register,
)
from app.services.accounts.register import AccountRegister
from app.services.records.removal_log import LogScope, removal_statement, removal_values, stream
from tests.helpers.platform import FakeConnector
from tests.helpers.workflow import make_item, service

ROOT = Path(__file__).resolve().parents[2]


class MastodonConnector(FakeConnector):
    """Stands in for a new platform's connector module (it speaks to the test platform)."""

    platform = "mastodon"

    def __init__(self, account: Any, secret: str, options: Any = None) -> None:
        super().__init__(account.api_base_url, Capabilities(can_hide=True, can_reply=True))


@pytest.fixture
def mastodon() -> Iterator[PlatformInfo]:
    entry = PlatformInfo(
        "mastodon", "Mastodon", "Mastodon", "platform-mastodon",
        Capabilities(can_hide=True, can_reply=True), MastodonConnector,
        {"purpose": "Nå invånare utanför de stora plattformarna.", "tone": "Saklig och vänlig."},
    )  # fmt: skip
    assert register(entry) is None
    yield entry
    del PLATFORMS["mastodon"]


def test_a_new_platform_is_one_entry_plus_its_connector(database, platform, mastodon):
    account = AccountService(database.sessions).add_account(
        "masto", "mastodon", "Vadstena på Mastodon", api_base_url=platform.url
    )
    assert account.tone == "Saklig och vänlig."  # the channel defaults come from the entry
    assert "mastodon" in connector_platforms()
    assert AccountRegister(database.sessions).entry("masto").platform_label == "Mastodon"

    item_id = make_item(database.sessions, account="masto", api_base=platform.url)
    registry = ConnectorRegistry(secret_for=lambda a: "token")
    outcome = service(database, connectors=registry).remove(item_id, "personangrepp")
    with database.sessions() as session:
        external_id = session.scalar(select(Item.external_id).where(Item.id == item_id))
    assert platform.hidden == {external_id}  # the connector was found through the entry
    assert outcome.status == "removed"
    with database.sessions() as session:
        logged = [removal_values(row) for row in stream(session, removal_statement(LogScope()))]
    assert [row[4] for row in logged] == ["Mastodon"]  # the removal log's platform column


def test_every_table_names_a_platform_the_same_way(database):
    service_ = AccountService(database.sessions)
    for key in PLATFORMS:
        service_.add_account(f"k-{key}", key, f"Konto {key}")
    register_labels = {e.platform: e.platform_label for e in AccountRegister(database.sessions).entries()}
    assert register_labels == {key: info.label for key, info in PLATFORMS.items()}
    assert platform_label("intranet") == "Internwebben" and platform_label("other") == "Annan"
    assert platform_label("mastodon") == "mastodon"  # unknown codes are shown as stored


def test_every_connector_speaks_the_whole_protocol():
    listed = [info for info in PLATFORMS.values() if isinstance(info.connector, str)]
    assert [info.key for info in listed] == ["facebook", "instagram", "youtube", "x", "linkedin"]
    assert not PLATFORMS["intranet"].capabilities.can_fetch and PLATFORMS["intranet"].factory() is None
    for info in listed:
        factory = info.factory()
        for name in ("chunks", "next_state", "fetch", "check", "hide", "unhide", "delete", "reply"):
            assert callable(getattr(factory, name)), (info.key, name)
        assert info.capabilities == factory.capabilities  # what the window offers is what it does


def test_connectors_are_listed_not_registered_by_importing_them():
    """The registry names the connectors (no module registers itself on import), and reading
    it, as the window does at start, imports no connector, httpx or SQLAlchemy."""
    code = (
        "import sys; from app.services.accounts.platforms import connector_platforms, platform_label; "
        "platform_label('x'); print(' '.join(connector_platforms())); "
        "print(sorted(m for m in sys.modules if m.startswith(('app.connectors', 'httpx', 'sqlalchemy'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    platforms, loaded = out.stdout.splitlines()
    assert platforms.split() == ["facebook", "instagram", "youtube", "x", "linkedin"]
    assert loaded == "[]"
