"""The account register the guideline asks for: per channel its purpose, content and tone, how
it is monitored and when answers can be expected, its presentation and contact details, and
the administrators who run it ("Minst två personer bör kunna administrera varje konto") with
their contact details for the head of communications. Also the public list of links for the
municipality's web page ("På www.vadstena.se/socialamedier ska en lista med länkar finnas")."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app.core.errors import EnvironmentFault, InputError, os_cause
from app.core.messages import heard, say, translate
from app.models import Account, AccountAdministrator, AccountSecret, Administrator
from app.models.folding import casefold
from app.services.accounts.accounts import MIN_ADMINISTRATORS, AccountService, _check_url
from app.services.accounts.platforms import platform_label
from app.services.accounts.roles import Duty, require
from app.services.accounts.team_credentials import holders, remove_copy
from app.services.records.audit import log_change
from app.services.stats.promises import public_promise_text

TEXT_FIELDS = ("purpose", "content", "tone", "monitoring", "response_time", "presentation", "contact")
EDITABLE = ("name", "page_url", "active", "external_id", "api_base_url", *TEXT_FIELDS)
FIELD_LABELS = {
    "name": "Namn",
    "page_url": "Sidans adress",
    "active": "Aktivt",
    "external_id": "Plattformens id",
    "api_base_url": "API-adress",
    "purpose": "Syfte",
    "content": "Innehåll",
    "tone": "Tonalitet",
    "monitoring": "Bevakning",
    "response_time": "Svarstid",
    "presentation": "Presentation",
    "contact": "Kontaktuppgifter",
}


@dataclass(frozen=True)
class AdministratorContact:
    username: str
    name: str
    email: str
    phone: str
    role: str = "administrator"


@dataclass(frozen=True)
class RegisterEntry:
    key: str
    platform: str
    name: str
    page_url: str | None
    purpose: str
    content: str
    tone: str
    monitoring: str
    response_time: str
    presentation: str
    contact: str
    active: bool
    credential_ref: str | None
    last_sync_at: datetime | None
    last_sync_error: str | None
    administrators: tuple[AdministratorContact, ...]
    # Team database: who can open the account's stored token (None: no token stored centrally).
    key_holders: tuple[str, ...] | None = None
    external_id: str | None = None  # the page's or channel's id on the platform
    api_base_url: str | None = None
    # The structured response promise in words ("vardagar 08–17 ..."), "" when none is set.
    promise: str = ""

    @property
    def when_answered(self) -> str:
        """What the public list says about when answers can be expected."""
        return " ".join(x for x in (self.monitoring, self.promise or self.response_time) if x)

    @property
    def platform_label(self) -> str:
        return platform_label(self.platform)

    @property
    def too_few_administrators(self) -> bool:
        return len(self.administrators) < MIN_ADMINISTRATORS

    @property
    def administrator_warning(self) -> str | None:
        if (
            not self.too_few_administrators
            and self.key_holders is not None
            and len(self.key_holders) < MIN_ADMINISTRATORS
        ):
            who = ", ".join(self.key_holders) or translate("Core", "ingen")
            return say(
                translate(
                    "Core",
                    "Bara %1 person(er) kan öppna inloggningsuppgifterna för %2 (%3). Kollegor som "
                    "tilldelats kontot får sin nyckel när någon som har den kör granska login.",
                ),
                len(self.key_holders),
                self.name,
                who,
            )
        if not self.too_few_administrators:
            return None
        count = (
            translate("Core", "ingen administratör")
            if not self.administrators
            else translate("Core", "bara en administratör")
        )
        return say(
            translate(
                "Core",
                "%1 har %2. Riktlinjerna säger att minst två personer bör kunna administrera varje "
                "konto, så att inget konto blir utan någon som kommer åt det.",
            ),
            self.name,
            count,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "platform": self.platform, "name": self.name, "page_url": self.page_url,
            **{f: getattr(self, f) for f in TEXT_FIELDS}, "active": self.active,
            "credential_ref": self.credential_ref,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "last_sync_error": self.last_sync_error,
            "administrators": [a.__dict__ for a in self.administrators],
            "administrator_warning": self.administrator_warning,
            "key_holders": list(self.key_holders) if self.key_holders is not None else None,
            "promise": self.promise,
        }  # fmt: skip


def _entry(account: Account, key_holders: tuple[str, ...] | None = None) -> RegisterEntry:
    admins = tuple(sorted(
        (AdministratorContact(link.administrator.username, link.administrator.name,
                              link.administrator.email, link.administrator.phone, link.role)
         for link in account.administrators),
        key=lambda a: a.name.casefold(),
    ))  # fmt: skip
    state = account.sync_state or {}
    texts: dict[str, str] = {f: getattr(account, f) or "" for f in TEXT_FIELDS}
    return RegisterEntry(
        account.key, account.platform, account.name, account.page_url, **texts, active=account.active,
        credential_ref=account.credential_ref, last_sync_at=account.last_sync_at,
        last_sync_error=heard(state.get("last_error"), state.get("last_error_said")),
        administrators=admins, key_holders=key_holders,
        external_id=account.external_id, api_base_url=account.api_base_url,
        promise=public_promise_text(account),
    )  # fmt: skip


def _key_holders(session: Session, account_id: int) -> tuple[str, ...] | None:
    if session.get(AccountSecret, account_id) is None:
        return None
    return tuple(holders(session, account_id))


class AccountRegister:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

    def _query(self) -> Select[Account]:
        return select(Account).options(
            selectinload(Account.administrators).selectinload(AccountAdministrator.administrator)
        )

    def entries(self) -> list[RegisterEntry]:
        with self._sessions() as session:
            return [
                _entry(a, _key_holders(session, a.id))
                for a in session.scalars(self._query().order_by(Account.key))
            ]

    def entry(self, key: str) -> RegisterEntry:
        with self._sessions() as session:
            account = session.scalar(self._query().where(Account.key == key))
            if account is None:
                raise InputError(say(translate("Core", "Okänt konto '%1'."), key))
            return _entry(account, _key_holders(session, account.id))

    def update(self, key: str, **changes: Any) -> RegisterEntry:
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise InputError(say(translate("Core", "Okända fält i kontoregistret: %1"), ", ".join(unknown)))
        if "name" in changes:
            changes["name"] = str(changes["name"]).strip()
            if not changes["name"]:
                raise InputError(translate("Core", "Kontot måste ha ett namn."))
        if "page_url" in changes:
            changes["page_url"] = _check_url(changes["page_url"], translate("Core", "Sidans adress"))
        if "api_base_url" in changes:
            changes["api_base_url"] = _check_url(changes["api_base_url"], translate("Core", "API-adressen"))
        if "external_id" in changes:
            changes["external_id"] = str(changes["external_id"] or "").strip() or None
        for name in TEXT_FIELDS:
            if name in changes:
                changes[name] = str(changes[name] or "").strip()
        require(self._sessions, Duty.EDIT_REGISTER, details={"account": key, "fields": sorted(changes)})
        with self._sessions.begin() as session:
            account = session.scalar(select(Account).where(Account.key == key))
            if account is None:
                raise InputError(say(translate("Core", "Okänt konto '%1'."), key))
            for name, value in changes.items():
                setattr(account, name, value)
            log_change(
                session, "account_changed", account_id=account.id,
                details={"key": key, "fields": sorted(changes)}, seals=[("account", account.id)],
            )  # fmt: skip
        return self.entry(key)

    # -- administrators ------------------------------------------------------------------------
    def administrators(self) -> list[AdministratorContact]:
        with self._sessions() as session:
            stmt = select(Administrator).where(Administrator.active).order_by(Administrator.name)
            rows = session.scalars(stmt)
            return [AdministratorContact(a.username, a.name, a.email, a.phone) for a in rows]

    def add_administrator(self, username: str, name: str, *, email: str = "", phone: str = "") -> None:
        AccountService(self._sessions).add_administrator(username, name, email=email, phone=phone)

    def update_administrator(
        self, username: str, *, name: str | None = None, email: str | None = None, phone: str | None = None
    ) -> None:
        require(self._sessions, Duty.MANAGE_ADMINISTRATORS, details={"username": username})
        with self._sessions.begin() as session:
            admin = session.scalar(select(Administrator).where(Administrator.username == username))
            if admin is None:
                raise InputError(say(translate("Core", "Okänd administratör '%1'."), username))
            if name is not None:
                if not name.strip():
                    raise InputError(translate("Core", "En administratör behöver ett namn."))
                admin.name = name.strip()
            if email is not None:
                admin.email = email.strip()
            if phone is not None:
                admin.phone = phone.strip()
            log_change(
                session,
                "administrator_changed",
                details={"username": username},
                seals=[("administrator", admin.id)],
            )

    def assign(self, key: str, username: str) -> RegisterEntry:
        AccountService(self._sessions).assign(key, username)
        return self.entry(key)

    def unassign(self, key: str, username: str) -> RegisterEntry:
        require(self._sessions, Duty.ASSIGN, details={"username": username, "account": key})
        with self._sessions.begin() as session:
            account_id = session.scalar(select(Account.id).where(Account.key == key))
            admin_id = session.scalar(
                select(Administrator.id).where(casefold(Administrator.username) == casefold(username))
            )
            if account_id is None:
                raise InputError(say(translate("Core", "Okänt konto '%1'."), key))
            if admin_id is None:
                raise InputError(say(translate("Core", "Okänd administratör '%1'."), username))
            links = list(
                session.scalars(
                    select(AccountAdministrator.id).where(
                        AccountAdministrator.account_id == account_id,
                        AccountAdministrator.administrator_id == admin_id,
                    )
                )
            )
            session.execute(delete(AccountAdministrator).where(AccountAdministrator.id.in_(links)))
            remove_copy(session, account_id, admin_id)  # their sealed copy of the account's key
            if links:  # sealed as gone: verify then knows the row was removed on purpose
                log_change(
                    session, "administrator_unassigned", account_id=account_id,
                    details={"username": username}, seals=[("account_administrator", i) for i in links],
                )  # fmt: skip
        return self.entry(key)

    # -- the public list of links --------------------------------------------------------------
    def public_links(self) -> list[RegisterEntry]:
        """Active accounts with a public address, in the order a visitor reads them."""
        return sorted(
            (e for e in self.entries() if e.active and e.page_url),
            key=lambda e: (e.platform_label.casefold(), e.name.casefold()),
        )

    def links_html(self) -> str:
        rows = []
        for e in self.public_links():
            monitoring = e.when_answered
            rows.append(
                "    <tr>"
                f"<td>{html.escape(e.platform_label)}</td>"
                f'<td><a href="{html.escape(e.page_url or "", quote=True)}">{html.escape(e.name)}</a></td>'
                f"<td>{html.escape(e.purpose)}</td><td>{html.escape(monitoring)}</td></tr>"
            )  # fmt: skip
        body = "\n".join(rows)
        return (
            '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
            "<title>Kommunens kanaler i sociala medier</title>\n</head>\n<body>\n"
            "<h1>Kommunens kanaler i sociala medier</h1>\n<table>\n"
            "  <thead><tr><th>Kanal</th><th>Konto</th><th>Syfte</th><th>Bevakning och svarstid</th>"
            f"</tr></thead>\n  <tbody>\n{body}\n  </tbody>\n</table>\n</body>\n</html>\n"
        )  # fmt: skip

    def links_csv(self) -> str:
        out = io.StringIO()
        # Semicolons: what Excel with Swedish settings expects when it opens a .csv.
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Kanal", "Konto", "Adress", "Syfte", "Bevakning", "Svarstid"])
        for e in self.public_links():
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        e.platform_label,
                        e.name,
                        e.page_url,
                        e.purpose,
                        e.monitoring,
                        e.promise or e.response_time,
                    )
                ]
            )
        return out.getvalue()

    def export_links(self, path: Path, fmt: str) -> Path:
        if fmt not in ("html", "csv"):
            raise InputError(say(translate("Core", "Okänt format %1: välj html eller csv."), repr(fmt)))
        text = self.links_html() if fmt == "html" else "\ufeff" + self.links_csv()
        try:
            path.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise EnvironmentFault(
                say(translate("Core", "Kan inte skriva %1: %2"), path, os_cause(exc))
            ) from None
        return path


def _cell(value: str | None) -> str:
    """A spreadsheet must never run what a cell says: text that looks like a formula gets a
    leading apostrophe, the convention spreadsheets read as "this is text"."""
    text = value or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
