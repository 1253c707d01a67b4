"""Deciding offline: the ordinary decision transaction runs on the local copy (the same checks,
the evidence copy saved from the copy, an entry in the copy's own audit chain), and in that
same transaction a journal entry records what to replay on the team database."""

from __future__ import annotations

import json
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.messages import translate
from app.core.states import Action
from app.models import Evidence
from app.services.context import Actor
from app.services.moderation.facade import ActionOutcome, ModerationService
from app.services.moderation.outbox import RunSummary
from app.services.offline.copy import LocalCopy
from app.services.offline.hooks import decision_event, last_event_id, sessions_with
from app.services.records.evidence import from_local_copy

__all__ = ["SAVED_LOCALLY", "JournalEntry", "OfflineModeration", "journal_entries", "remove_entries"]

SAVED_LOCALLY = translate("Core", "Sparat lokalt, skickas när databasen nås.")

_DDL = (
    "CREATE TABLE IF NOT EXISTS offline_journal ("
    "id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, created_at TEXT NOT NULL, "
    "username TEXT NOT NULL, item_id INTEGER NOT NULL, action TEXT NOT NULL, params TEXT NOT NULL, "
    "evidence_payload TEXT, evidence_sha256 TEXT, copy_fresh_at TEXT)"
)


@dataclass(frozen=True)
class JournalEntry:
    id: str
    seq: int
    created_at: datetime
    username: str
    item_id: int
    action: str
    params: dict[str, Any]
    evidence_payload: str | None
    evidence_sha256: str | None
    copy_fresh_at: datetime | None


def ensure_journal(copy: LocalCopy) -> None:
    with copy.db.engine.begin() as con:
        con.exec_driver_sql(_DDL)


def journal_entries(copy: LocalCopy) -> list[JournalEntry]:
    """Oldest first."""
    if not copy.path.exists():
        return []
    ensure_journal(copy)
    with copy.db.engine.connect() as con:
        rows = con.exec_driver_sql(
            "SELECT id, seq, created_at, username, item_id, action, params, evidence_payload, "
            "evidence_sha256, copy_fresh_at FROM offline_journal ORDER BY seq"
        ).all()
    return [
        JournalEntry(
            r[0],
            r[1],
            datetime.fromisoformat(r[2]),
            r[3],
            r[4],
            r[5],
            json.loads(r[6]),
            r[7],
            r[8],
            datetime.fromisoformat(r[9]) if r[9] else None,
        )  # fmt: skip
        for r in rows
    ]


def remove_entries(copy: LocalCopy, entry_ids: list[str]) -> None:
    if not entry_ids:
        return
    with copy.db.engine.begin() as con:
        con.exec_driver_sql(
            f"DELETE FROM offline_journal WHERE id IN ({', '.join('?' * len(entry_ids))})", tuple(entry_ids)
        )


class OfflineModeration:
    """The deciding half of ModerationService, on the local copy. Each decision returns an
    outcome that is pending ("sparat lokalt"): the command line exits 3."""

    def __init__(self, copy: LocalCopy, actor: Actor | None = None) -> None:
        self.offline_copy = copy
        username = copy.username()
        self._actor = actor or (Actor(username=username) if username else Actor())
        ensure_journal(copy)

    def keep(self, item_id: int) -> ActionOutcome:
        return self._decide(item_id, Action.KEEP, {}, lambda s: s.keep(item_id))

    def remove(
        self, item_id: int, reason: str, motivation: str | None = None, mode: str = "hide"
    ) -> ActionOutcome:
        params = {"reason": reason, "motivation": motivation, "mode": mode}
        return self._decide(
            item_id,
            Action.REMOVE,
            params,
            lambda s: s.decide_remove(item_id, reason, motivation, mode, by_hand=False),
        )

    def register(
        self, item_id: int, criterion: str, motivation: str, diarienummer: str | None = None
    ) -> ActionOutcome:
        params = {"criterion": criterion, "motivation": motivation, "diarienummer": diarienummer}
        return self._decide(
            item_id,
            Action.REGISTER,
            params,
            lambda s: s.register(item_id, criterion, motivation, diarienummer),
        )

    def notify(self, item_id: int, template: str | None = None, text: str | None = None) -> ActionOutcome:
        params = {"template": template, "text": text}
        return self._decide(
            item_id, Action.NOTIFY, params, lambda s: s.decide_notify(item_id, template, text)
        )

    def answer(self, item_id: int, text: str) -> ActionOutcome:
        return self._decide(item_id, Action.ANSWER, {"text": text}, lambda s: s.decide_answer(item_id, text))

    def forward(self, item_id: int, to: str, note: str) -> ActionOutcome:
        params = {"to": to, "note": note}
        return self._decide(item_id, Action.FORWARD, params, lambda s: s.forward(item_id, to, note))

    def _decide(self, item_id: int, action: Action, params: dict[str, Any], run: Any) -> ActionOutcome:
        db = self.offline_copy.db
        with db.sessions() as session:
            after = last_event_id(session)
            after_evidence = int(
                session.scalar(select(Evidence.id).order_by(Evidence.id.desc()).limit(1)) or 0
            )
        fresh = self.offline_copy.fresh_at()
        username = self._actor.username

        journaled: list[bool] = []  # the decision's own commit, not the steps' commits after it

        def journal(session: Session) -> None:
            if journaled or decision_event(session, after, item_id, username) is None:
                return
            journaled.append(True)
            evidence = session.execute(
                select(Evidence.payload, Evidence.sha256)
                .where(Evidence.item_id == item_id, Evidence.id > after_evidence)
                .order_by(Evidence.id.desc())
                .limit(1)
            ).first()
            con = session.connection()
            seq = con.exec_driver_sql("SELECT coalesce(max(seq), 0) + 1 FROM offline_journal").scalar_one()
            con.exec_driver_sql(
                "INSERT INTO offline_journal (id, seq, created_at, username, item_id, action, params, "
                "evidence_payload, evidence_sha256, copy_fresh_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uuid.uuid4().hex, seq, self._actor.now().isoformat(), username, item_id, str(action),
                    json.dumps(params, ensure_ascii=False), evidence[0] if evidence else None,
                    evidence[1] if evidence else None, fresh.isoformat() if fresh else None,
                ),
            )  # fmt: skip

        service = ModerationService(sessions_with(db.engine, journal), actor=self._actor)
        with from_local_copy(fresh) if fresh else nullcontext():
            outcome: ActionOutcome = run(service)
        return ActionOutcome(item_id, action, outcome.status, True, SAVED_LOCALLY)

    # --- what the window asks besides deciding (app/ui/queue/action_table.py, Moderation) ----
    def decide_remove(
        self,
        item_id: int,
        reason: str,
        motivation: str | None = None,
        mode: str = "hide",
        *,
        by_hand: bool | None = None,
    ) -> ActionOutcome:
        return self.remove(item_id, reason, motivation, mode)

    def decide_notify(
        self, item_id: int, template: str | None = None, text: str | None = None
    ) -> ActionOutcome:
        return self.notify(item_id, template, text)

    def decide_answer(self, item_id: int, text: str) -> ActionOutcome:
        return self.answer(item_id, text)

    def removal_by_hand(self, item_ids: list[int]) -> dict[int, bool]:
        return dict.fromkeys(item_ids, False)  # the platform step is queued on replay

    def carry_out(self, outcome: ActionOutcome, write: Any = None) -> ActionOutcome:
        return outcome  # nothing leaves Granska offline

    def history(self, item_id: int) -> list[Any]:
        return ModerationService(self.offline_copy.db.sessions, actor=self._actor).history(item_id)

    def saved_replies(self) -> list[tuple[str, str]]:
        return ModerationService(self.offline_copy.db.sessions, actor=self._actor).saved_replies()

    def resume(self, write: Any = None) -> RunSummary:
        return RunSummary()  # the copy's outbox is never run: the team database's is

    def notice_to_post_by_hand(self, item_id: int) -> str | None:
        return None

    def __getattr__(self, name: str) -> Any:
        from app.models.pg_timeouts import DatabaseUnreachable

        raise DatabaseUnreachable(
            translate(
                "Core",
                "Teamdatabasen nås inte, och det här kan inte göras offline (bara att godkänna, ta bort, "
                "diarieföra, meddela, svara och vidarebefordra). Ingenting har ändrats.",
            )
        )
