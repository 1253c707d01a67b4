"""The platforms Granska knows, one entry each: key, labels, icon, what a page owner may do
there, the connector that reaches it, and the guideline's channel defaults for a new account.
Everything reads this table: the account register, the removal log, the command line's choices,
the window's labels, icons and filters, sync and the credential checks. Connectors are listed
here by name and imported when first used (the window starts without httpx or SQLAlchemy);
importing a connector module registers nothing.

Adding a platform: its connector module in app/connectors/ and one entry below (and its icon
in resources/icons/, or it gets the generic one).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from app.core.connector import Capabilities, Connector, ConnectorFactory

# What a platform without a connector allows: nothing automatic (removal and notice by hand).
BY_HAND = Capabilities(can_fetch=False)


@dataclass(frozen=True)
class PlatformInfo:
    key: str  # stored in accounts.platform; never changes
    label: str  # Swedish: the registers, the removal log and the Swedish window
    label_en: str
    icon: str  # resources/icons/<icon>.svg
    capabilities: Capabilities = BY_HAND
    # "module:Class" (imported on first use) or the factory itself; None: items are imported
    # or entered by hand.
    connector: str | ConnectorFactory | None = None
    # The guideline's channel table (Syfte / Innehåll / Tonalitet) for a new account.
    channel_defaults: Mapping[str, str] = field(default_factory=dict)

    def factory(self) -> ConnectorFactory | None:
        if isinstance(self.connector, str):
            return _load(self.connector)
        return self.connector


@cache
def _load(path: str) -> ConnectorFactory:
    module, _, name = path.partition(":")
    return cast(ConnectorFactory, getattr(importlib.import_module(module), name))


_PLATFORMS: tuple[PlatformInfo, ...] = (
    PlatformInfo(
        "facebook", "Facebook", "Facebook", "platform-facebook",
        Capabilities(can_hide=True, can_unhide=True, can_delete=True, can_reply=True),
        "app.connectors.facebook:FacebookConnector",
        {
            "purpose": "Vårda relationen med kommuninvånarna, väcka intresse och nyfikenhet för "
            "kommunen, ge service och support och stärka varumärket.",
            "content": "Beslut som påverkar kommuninvånarna, tips på evenemang och aktiviteter, "
            "information.",
            "tone": "Öppen och ärlig samt i viss mån glad. Behöver hålla en yrkesmässig standard "
            "men får inte bli tråkig.",
        },
    ),
    PlatformInfo(
        "instagram", "Instagram", "Instagram", "platform-instagram",
        Capabilities(can_hide=True, can_unhide=True, can_delete=True, can_reply=True),
        "app.connectors.instagram:InstagramConnector",
        {
            "purpose": "Öka kännedomen om kommunens arbete och olika verksamheter.",
            "content": "Anställda i kommunens olika verksamheter ger en inblick i sin vardag på ett "
            "personligt sätt. \u201dBakom kulisserna-känsla\u201d.",
            "tone": "Mer personligt, men glöm inte att du är kommunens röst, så tänk på vad du "
            "säger.",
        },
    ),
    PlatformInfo(
        "youtube", "YouTube", "YouTube", "platform-youtube",
        Capabilities(can_hide=True, can_reply=True), "app.connectors.youtube:YouTubeConnector",
        {
            "purpose": "Informera om kommunens arbete och verksamheter med hjälp av rörlig bild. "
            "Nå nya målgrupper.",
            "content": "Videoklipp som presenterar beslut, projekt, processer m.m. inom kommunen.",
            "tone": "Öppen, personlig och positiv. Videoklippen måste kännas professionella.",
        },
    ),
    PlatformInfo(
        "x", "X", "X", "platform-x",
        Capabilities(can_hide=True, can_unhide=True, can_reply=True), "app.connectors.x:XConnector",
        {
            "purpose": "Förmedla nyheter som på ett enkelt sätt når medierna, ersätter i viss mån "
            "pressmeddelanden. Används för kriskommunikation.",
            "content": "RSS-flödet från webbplatsen.",
            "tone": "Kortfattat och sakligt.",
        },
    ),
    PlatformInfo(
        "linkedin", "LinkedIn", "LinkedIn", "platform-linkedin",
        Capabilities(can_delete=True, can_reply=True), "app.connectors.linkedin:LinkedInConnector",
        {
            "purpose": "Förmedla lediga tjänster inom kommunen.",
            "content": "Jobbannonser, bilder och artiklar som har med kommunen att göra.",
            "tone": "Professionell och yrkesmässig ton.",
        },
    ),
    PlatformInfo(
        "intranet", "Internwebben", "Intranet", "platform-intranet",
        channel_defaults={
            "purpose": "Vårda de interna relationerna i organisationen, underlätta samarbete, dela "
            "information, ökad insyn.",
            "content": "Kommunnyheter, personalinformation, gemensamma dokument.",
            "tone": "Öppen, ärlig och personlig.",
        },
    ),
    PlatformInfo("other", "Annan", "Other", "platform-other"),
)  # fmt: skip

PLATFORMS: dict[str, PlatformInfo] = {p.key: p for p in _PLATFORMS}


def platform_info(key: str) -> PlatformInfo | None:
    return PLATFORMS.get(key)


def platform_label(key: str) -> str:
    """The Swedish name; an unknown code (from an older or newer Granska) as it is stored."""
    info = PLATFORMS.get(key)
    return info.label if info is not None else key


def connector_platforms() -> list[str]:
    """The platforms Granska fetches from and acts on (the others are by hand)."""
    return [p.key for p in PLATFORMS.values() if p.connector is not None]


def register(info: PlatformInfo) -> PlatformInfo | None:
    """Add or replace a platform; returns the entry it replaced (a test puts it back)."""
    old = PLATFORMS.get(info.key)
    PLATFORMS[info.key] = info
    return old


class ConnectorRegistry:
    """Builds the connector for an account, or None when the account has none (intranet,
    imported items, or no credentials): then a removal is done by hand. `options` are the
    connectors' knobs (timeouts, retries; tests shorten them)."""

    def __init__(
        self,
        secret_for: Callable[[Any], str | None] | None = None,
        options: Any = None,
        renew_for: Callable[[Any, str], Callable[[], str | None] | None] | None = None,
    ) -> None:
        """`renew_for(account, secret)`: how a connector gets a fresh token when the platform
        calls this one expired (services/accounts/tokens.py), or None."""
        self._secret_for = secret_for
        self._renew_for = renew_for
        self.options = options
        # Tokens from this machine's OS keyring (connections.keyring_registry with no store of
        # its own): on the team database the moderation service takes them from there instead.
        self.from_this_keyring = False

    def for_account(self, account: Any) -> Connector | None:
        info = PLATFORMS.get(account.platform)
        factory = info.factory() if info is not None else None
        if factory is None or self._secret_for is None:
            return None
        secret = self._secret_for(account)
        if not secret:
            return None
        options = self.options
        renew = self._renew_for(account, secret) if self._renew_for is not None else None
        if renew is not None:
            from dataclasses import replace

            from app.connectors.common import ConnectorOptions

            options = replace(options or ConnectorOptions(), renew_token=renew)
        if options is None:
            return factory(account, secret)
        return factory(account, secret, options=options)


def connector_registry() -> ConnectorRegistry:
    """The registry the application uses: tokens from the OS keyring (accounts/connections.py)."""
    from app.services.accounts.connections import keyring_registry

    return keyring_registry()
