"""Token health: for each account with a platform, the kind of access (pasted or a sign-in),
when it expires, whether Granska can refresh it, when a call last worked, the scopes granted
against what Granska needs for the actions the platform allows (hide, delete, reply), and a
warning 14 days before the access ends — and for Google's "Testing" trap, where a project not
yet published gets refresh tokens that die after seven days. Never a token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.connectors.oauth import StoredCredential
from app.core.clock import utcnow
from app.core.messages import joined, say, translate
from app.models import Account
from app.services.accounts.connections import credential_ref
from app.services.accounts.credentials import CredentialStore, KeyringUnavailable
from app.services.accounts.platforms import PLATFORMS, connector_platforms
from app.services.accounts.team_credentials import credential_store_for
from app.services.accounts.tokens import oauth_spec

WARN_DAYS = 14
GOOGLE_TESTING_DAYS = 7
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ACTION_WORDS = {
    "hide": translate("Core", "dölja"),
    "delete": translate("Core", "radera"),
    "reply": translate("Core", "svara"),
}


@dataclass(frozen=True)
class TokenHealth:
    key: str
    name: str
    platform: str
    kind: str  # "none", "pasted", "oauth"
    expires_at: datetime | None  # when the access ends without a new sign-in (None: not known / never)
    refreshable: bool
    scopes: tuple[str, ...]
    missing: tuple[str, ...]  # actions Granska offers there that the scopes granted do not allow
    last_ok_at: datetime | None
    warning: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "platform": self.platform, "kind": self.kind,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "refreshable": self.refreshable, "scopes": list(self.scopes), "missing": list(self.missing),
            "last_ok_at": self.last_ok_at.isoformat() if self.last_ok_at else None, "warning": self.warning,
        }  # fmt: skip


def day(value: datetime) -> str:
    return value.astimezone(STOCKHOLM).strftime("%Y-%m-%d")


def assess(row: Any, stored: StoredCredential | None, now: datetime) -> TokenHealth:
    """One account's health from its row (last sync, scopes granted, a refusal noted) and what
    the credential store holds."""
    spec = oauth_spec(row.platform)
    kind = "none" if stored is None or not stored.access_token else stored.kind
    refreshable = bool(stored and stored.refreshable)
    # Without a refresh token the access token's own expiry is the end; with one, the refresh
    # token's (Google: 7 days in Testing; LinkedIn: a year; X and Google otherwise: none given).
    ends = (stored.refresh_expires_at if refreshable else stored.expires_at) if stored else None
    granted = tuple(stored.scopes if stored and stored.scopes else (row.granted_scopes or "").split())
    missing: tuple[str, ...] = ()
    if spec is not None and kind == "oauth":
        missing = tuple(a for a, need in spec.needed.items() if not set(need) <= set(granted))
    last_ok = max((t for t in (row.token_ok_at, row.last_sync_at) if t is not None), default=None)
    problem = (row.sync_state or {}).get("token_problem")
    warning: str | None = None
    if kind == "none":
        warning = translate("Core", "Ingen inloggning är sparad: logga in under Inställningar → Konton.")
    elif problem:
        warning = str(problem)
    elif ends is not None and ends <= now:
        warning = say(
            translate("Core", "Åtkomsten gick ut %1: logga in igen under Inställningar → Konton."), day(ends)
        )
    elif (
        row.platform == "youtube" and stored is not None and stored.refresh_expires_at and stored.obtained_at
        and stored.refresh_expires_at - stored.obtained_at <= timedelta(days=GOOGLE_TESTING_DAYS, hours=1)
    ):  # fmt: skip
        warning = say(
            translate(
                "Core",
                "Google-projektet står i läget Testing: inloggningen upphör %1 (efter 7 dagar). "
                "Publicera projektet (In production) i Google Cloud Console och logga in igen.",
            ),
            day(stored.refresh_expires_at),
        )
    elif ends is not None and ends - now <= timedelta(days=WARN_DAYS):
        warning = say(
            translate("Core", "Åtkomsten går ut %1: logga in igen under Inställningar → Konton före dess."),
            day(ends),
        )
    elif missing:
        words = joined([ACTION_WORDS.get(a, a) for a in missing])
        warning = say(
            translate(
                "Core", "Inloggningen saknar behörighet att %1: logga in igen och godkänn alla behörigheter."
            ),
            words,
        )
    return TokenHealth(
        row.key, row.name, row.platform, kind, ends, refreshable, granted, missing, last_ok, warning
    )


class TokenHealthService:
    def __init__(self, sessions: sessionmaker[Session], store: CredentialStore | None = None) -> None:
        self._sessions = sessions
        self._store = store or credential_store_for(sessions)

    def health(self, key: str | None = None) -> list[TokenHealth]:
        """Accounts with a platform (or the one asked for), by key. A keyring that cannot be
        asked raises KeyringUnavailable (the caller says so once, not per account)."""
        query = select(Account).where(Account.platform.in_(connector_platforms())).order_by(Account.key)
        if key is not None:
            query = query.where(Account.key == key)
        with self._sessions() as session:
            rows = list(session.scalars(query))
            for row in rows:
                session.expunge(row)
        now = utcnow()
        result = []
        for row in rows:
            raw = (
                self._store.get(row.credential_ref or credential_ref(row.key)) if row.credential_ref else None
            )
            result.append(assess(row, StoredCredential.parse(raw), now))
        return result

    def warnings(self) -> list[TokenHealth]:
        """Active accounts whose access needs someone soon (the status bar's short line)."""
        try:
            found = self.health()
        except KeyringUnavailable:
            return []
        active = self._active_keys()
        return [h for h in found if h.warning and h.kind != "none" and h.key in active]

    def _active_keys(self) -> set[str]:
        with self._sessions() as session:
            return set(session.scalars(select(Account.key).where(Account.active.is_(True))))


def capability_table() -> list[dict[str, Any]]:
    """What each platform lets Granska do, read from the connectors' own declarations."""
    rows = []
    for info in PLATFORMS.values():
        cls: Any = info.factory()
        if cls is None:
            continue
        caps = cls.capabilities
        note = getattr(cls, "capability_note", ("", ""))
        spec = getattr(cls, "oauth", None)
        rows.append({
            "platform": info.key, "label": info.label, "label_en": info.label_en,
            "hide": caps.can_hide, "unhide": caps.can_unhide, "delete": caps.can_delete,
            "reply": caps.can_reply,
            "sign_in": spec.flow if spec else None, "note": note[0], "note_en": note[1],
        })  # fmt: skip
    return rows


def capability_markdown() -> str:
    """The same table for the README (tests/services/test_token_health.py keeps them equal)."""
    yes = {True: "yes", False: "no"}
    flows = {"pkce": "browser (PKCE)", "facebook": "Facebook Login (own app)", None: "pasted token"}
    lines = [
        "| Platform | Hide | Delete | Reply | Sign-in | What the platform allows |",
        "|---|---|---|---|---|---|",
    ]
    for r in capability_table():
        lines.append(
            f"| {r['label_en']} | {yes[r['hide']]} | {yes[r['delete']]} | {yes[r['reply']]} "
            f"| {flows[r['sign_in']]} | {r['note_en']} |"
        )
    return "\n".join(lines)
