"""Witnesses of the audit chain's end, kept outside the database.

A chain proves that nothing inside it changed, but not that its newest events were not cut off
together with the head row. So every registrator export, evidence package, yearly screenshot
mail and `granska audit checkpoint` carries the chain's head ("Granska-logghuvud: N:SHA-256")
and appends it to a small append-only file in the user's data folder. `verify` checks the
database against every witness of it there, and against a file or hash given by hand: a log
that is shorter than a witness, or differs at the witnessed event, has been cut back or
rewritten.
"""

from __future__ import annotations

import email
import json
import logging
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from app.core.errors import InputError
from app.core.messages import say, translate
from app.models import AuditHead
from app.models.db import data_dir

log = logging.getLogger(__name__)

FILE_NAME = "logghuvuden.jsonl"
PREFIX = "Granska-logghuvud:"
_LINE = re.compile(rb"Granska-logghuvud:\s*(\d+):([0-9a-f]{64})")
_MAX_MEMBER = 64 * 1024 * 1024  # a witness is in small XML/JSON/text parts, never in pictures


@dataclass(frozen=True)
class Witness:
    count: int | None  # None: a bare hash given by hand, found anywhere in the chain
    hash: str
    source: str  # what carries it, in words: "export /tmp/x.xlsx (2026-12-06 10:00)"


def head_line(count: int, digest: str) -> str:
    return f"{PREFIX} {count}:{digest}"


def chain_head(session: Session) -> tuple[int, str]:
    from app.models.seals import GENESIS, HEAD_ID

    row = session.execute(select(AuditHead.count, AuditHead.last_hash).where(AuditHead.id == HEAD_ID)).first()
    return (int(row[0]), str(row[1])) if row is not None else (0, GENESIS)


def database_key(url: URL) -> str:
    """Which database a witness is about: the SQLite file, or the server and database name."""
    if url.get_backend_name() == "sqlite":
        return "sqlite:" + str(Path(url.database or "").resolve())
    return f"{url.get_backend_name()}://{url.host or ''}:{url.port or ''}/{url.database or ''}"


def key_of(session_or_bind: Any) -> str:
    bind = session_or_bind.get_bind() if isinstance(session_or_bind, Session) else session_or_bind
    return database_key(bind.engine.url)


class WitnessBook:
    """The append-only file of witnesses, one JSON line each."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / FILE_NAME

    def record(self, database: str, count: int, digest: str, source: str) -> bool:
        """Appends; a witness that cannot be written is logged, never fatal: the carrier itself
        (the export, the package, the mail) still holds the head."""
        line = {
            "database": database,
            "count": count,
            "hash": digest,
            "source": source,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            log.warning("could not append the audit witness to %s: %s", self.path, exc)
            return False
        return True

    def known(self, database: str) -> list[Witness]:
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        except OSError as exc:
            log.warning("could not read the audit witnesses in %s: %s", self.path, exc)
            return []
        found = []
        for text in lines:
            try:
                w = json.loads(text)
                if w.get("database") == database and isinstance(w.get("count"), int):
                    found.append(
                        Witness(w["count"], str(w["hash"]), f"{w.get('source', '?')} ({w.get('at', '?')})")
                    )
            except (ValueError, AttributeError):
                continue  # a torn last line after a crash: the others still count
        return found


def witness_from(value: str) -> Witness:
    """`--witness`: "N:HASH", a bare HASH, or a file that carries a head (an export, an
    evidence package, a saved mail, a checkpoint's output)."""
    text = value.strip()
    m = re.fullmatch(r"(\d+):([0-9a-fA-F]{64})", text)
    if m:
        return Witness(
            int(m[1]), m[2].lower(), say(translate("Core", "angivet för hand (%1 händelser)"), int(m[1]))
        )
    if re.fullmatch(r"[0-9a-fA-F]{64}", text):
        return Witness(None, text.lower(), translate("Core", "angiven SHA-256"))
    path = Path(value).expanduser()
    if not path.is_file():
        raise InputError(
            say(
                translate("Core", "%1 är varken ett logghuvud (N:SHA-256) eller en fil som finns."),
                repr(value),
            )
        )
    try:
        found = _scan_file(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(say(translate("Core", "Kan inte läsa %1: %2"), path, exc)) from None
    if found is None:
        raise InputError(
            say(translate("Core", "%1 innehåller inget logghuvud från Granska (%2 …)."), path, PREFIX)
        )
    return Witness(found[0], found[1], say(translate("Core", "filen %1"), path))


def _scan_file(path: Path) -> tuple[int, str] | None:
    if zipfile.is_zipfile(path):  # an xlsx export, an evidence package
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size <= _MAX_MEMBER and (hit := _scan(archive.read(info))):
                    return hit
        return None
    data = path.read_bytes()
    if hit := _scan(data):
        return hit
    message = email.message_from_bytes(data)  # a saved mail: its text may be base64 or QP
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and (hit := _scan(payload)):
            return hit
    return None


def _scan(data: bytes) -> tuple[int, str] | None:
    m = _LINE.search(data)
    return (int(m[1]), m[2].decode()) if m else None


def witness_now(sessions: Any, source: str, book: WitnessBook | None = None) -> str:
    """The chain's head as a line to put into what leaves Granska (an export, a package, a
    mail), recorded in the witness file too. `sessions` is a sessionmaker or a Session."""
    if isinstance(sessions, Session):
        count, digest = chain_head(sessions)
        key = key_of(sessions)
    else:
        with sessions() as session:
            count, digest = chain_head(session)
            key = key_of(session)
    (book or WitnessBook()).record(key, count, digest, source)
    return head_line(count, digest)


def mail_checkpoint(sessions: Any, head: str, to: str | None = None) -> str:
    """Mails the head to the head of communications (or `to`): a witness in someone else's
    mailbox. Returns the address."""
    from app.services.mail import MailSettingsService, build_message, check_address

    mail = MailSettingsService(sessions)
    settings = mail.load()
    recipient = (to or "").strip() or settings.head_of_communications
    if not recipient:
        raise InputError(
            translate(
                "Core",
                "Ingen mottagare: ange --to, eller kommunikationschefens adress "
                "under Inställningar → E-post.",
            )
        )
    recipient = check_address(recipient, translate("Core", "Mottagarens adress"))
    body = (
        "Hej,\n\nhär är Granskas kontrollpunkt för granskningsloggen. Spara mejlet: med raden nedan "
        "kan vem som helst senare visa att loggen inte har kortats eller skrivits om sedan i dag "
        "(granska audit verify --witness MEJLET.eml).\n\n"
        f"{head}\n\nSkickat från Granska."
    )
    mail.mailer(settings).send(
        build_message(settings, [recipient], "Granska: kontrollpunkt för granskningsloggen", body)
    )
    return recipient
