"""Kill the process at every step of a removal; then the evidence is intact and `granska retry`
does what is left exactly once (a reply or an e-mail caught mid-call is handled as documented
in outbox.py, never silently doubled or lost)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.core.canonical import sha256_hex
from app.models import Evidence, Item, Notice, OutboxStep
from app.models.db import open_database
from app.services.context import Actor
from app.services.moderation.facade import ModerationService
from app.services.moderation.outbox import CRASH_ENV, CRASH_EXIT, backoff
from app.services.records.audit import AuditService
from tests.helpers.databases import sqlite_url
from tests.helpers.fixtures import configure_mail
from tests.helpers.platform import fake_registry
from tests.helpers.workflow import add_admin, make_item

ROOT = Path(__file__).resolve().parents[2]
TEXT = 'Ni ska skjutas allihop <b>nu</b>\x07 =HYPERLINK("x")'
STEPS = ("platform_remove", "post_notice", "send_escalation")
POINTS = ["decide", "after-decide"] + [
    f"{where}:{step}" for step in STEPS for where in ("before", "after-call", "after")
]
# Under Wine every Python start takes seconds: there, the points where `retry` must see that the
# claiming process is gone (Windows' own liveness check) run; the whole matrix runs on Linux.
ON_WINDOWS = {"before:platform_remove", "after-call:post_notice", "after-call:send_escalation"}
ALSO_ON_LINUX = pytest.mark.not_on_windows(
    "each Python start under Wine takes seconds; the points that test Windows' liveness check run"
)


def granska(db_url: str, *args: str, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GRANSKA_USER": "erik"}
    env.pop(CRASH_ENV, None)
    if crash_at:
        env[CRASH_ENV] = crash_at
    return subprocess.run(
        [sys.executable, "-m", "tests.helpers.fake_cli", "--db", db_url, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "point", [p if p in ON_WINDOWS else pytest.param(p, marks=ALSO_ON_LINUX) for p in POINTS]
)
def test_killed_at_any_step_a_removal_resumes_exactly_once(point, tmp_path, platform, smtp):
    inbox, mail = smtp
    url = sqlite_url(tmp_path)
    db = open_database(url)
    add_admin(db.sessions, "erik", "Erik Holm", manager_email="chef@kommun.example")
    configure_mail(db.sessions, mail)
    item_id = make_item(db.sessions, TEXT, api_base=platform.url)

    killed = granska(url, "remove", str(item_id), "--reason", "brott", crash_at=point)
    assert killed.returncode == CRASH_EXIT, killed.stderr

    with db.sessions() as s:
        evidence = list(s.scalars(select(Evidence)))
    if point == "decide":  # killed inside the first transaction: nothing at all was written
        assert evidence == [] and platform.calls == {}
        resumed = granska(url, "remove", str(item_id), "--reason", "brott")
    else:
        assert len(evidence) == 1 and sha256_hex(evidence[0].payload) == evidence[0].sha256
        assert json.loads(evidence[0].payload)["item"]["text"] == TEXT
        resumed = granska(url, "retry")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    again = ModerationService(db.sessions, connectors=fake_registry()).retry()
    assert (again.done, again.waiting) == (0, [])

    with db.sessions() as s:
        assert s.scalar(select(Item.status).where(Item.id == item_id)) == "removed"
        assert len(list(s.scalars(select(Evidence)))) == 1
        notice = s.scalars(select(Notice)).one()
        steps = {o.step: o.status for o in s.scalars(select(OutboxStep))}
    external = {e for (_op, e) in platform.calls if _op == "hide"}
    assert len(external) == 1 and platform.hidden == external
    # A hide caught mid-call is asked again: harmless, the comment is hidden once.
    assert platform.count("hide") == (2 if point == "after-call:platform_remove" else 1)
    if point == "after-call:post_notice":
        # The reply went out, but Granska cannot know: a person checks, nothing is re-posted.
        assert len(platform.replies) == 1 and notice.status == "manual"
        assert steps["post_notice"] == "manual"
    else:
        assert len(platform.replies) == 1 and notice.status == "posted"
    # An e-mail caught mid-call is sent again with the same Message-ID (one mail to the reader).
    expected_mails = 2 if point == "after-call:send_escalation" else 1
    assert len(inbox.messages) == expected_mails
    assert len({m["Message-ID"] for m in inbox.messages}) == 1
    assert inbox.messages[0]["To"] == "chef@kommun.example"
    assert AuditService(db.sessions).verify().intact
    db.dispose()


def test_backoff_doubles_and_honours_retry_after():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 8, 20)] == [30, 60, 120, 3600, 3600]
    assert backoff(1, retry_after=300).total_seconds() == 300
    assert backoff(4, retry_after=5).total_seconds() == 240


def test_a_step_claimed_by_a_live_process_is_left_alone(database, platform, registry, clock):
    item_id = make_item(database.sessions, api_base=platform.url)
    platform.fail_next("hide", 503)
    svc = ModerationService(database.sessions, connectors=registry, actor=Actor("testare", clock))
    svc.remove(item_id, "svordomar")
    # Another workstation is working on it right now (its lease holds).
    with database.sessions.begin() as s:
        s.execute(
            update(OutboxStep)
            .where(OutboxStep.step == "platform_remove")
            .values(
                status="running", claimed_by="annan-dator:4242", lease_until=clock.now + timedelta(minutes=5)
            )
        )
    clock.advance(minutes=1)
    assert svc.retry(ignore_backoff=True).done == 0 and platform.count("hide") == 1
    clock.advance(minutes=5)  # the lease ran out: that workstation died mid-call
    assert svc.retry().done == 2 and platform.count("hide") == 2


@pytest.fixture
def running_process():
    """Another process of this machine, still running (as a second Granska would be)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    yield process
    process.kill()
    process.wait(30)


def _claim_hide_step(database, platform, registry, clock, pid: int) -> ModerationService:
    item_id = make_item(database.sessions, api_base=platform.url)
    platform.fail_next("hide", 503)
    svc = ModerationService(database.sessions, connectors=registry, actor=Actor("testare", clock))
    svc.remove(item_id, "svordomar")
    with database.sessions.begin() as s:
        s.execute(
            update(OutboxStep)
            .where(OutboxStep.step == "platform_remove")
            .values(
                status="running",
                claimed_by=f"{socket.gethostname()}:{pid}",
                lease_until=clock.now + timedelta(minutes=5),
            )
        )
    clock.advance(minutes=1)
    return svc


def test_a_step_held_by_a_crashed_process_of_this_machine_is_resumed_without_waiting(
    database, platform, registry, clock
):
    crashed = subprocess.Popen([sys.executable, "-c", "pass"])
    crashed.wait(60)
    svc = _claim_hide_step(database, platform, registry, clock, crashed.pid)
    # Its lease still runs for four minutes, but the process is gone: `granska retry` goes on now.
    assert svc.retry().done == 2 and platform.count("hide") == 2


def test_a_step_held_by_a_running_process_of_this_machine_is_left_alone_and_the_process_lives(
    database, platform, registry, clock, running_process
):
    svc = _claim_hide_step(database, platform, registry, clock, running_process.pid)
    assert svc.retry(ignore_backoff=True).done == 0 and platform.count("hide") == 1
    # Asking whether it lives must not end it (os.kill(pid, 0) terminates a process on Windows).
    assert running_process.poll() is None
