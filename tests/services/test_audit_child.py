"""`audit verify`'s second process is a lean interpreter (audit_child): the same interpreter as
verify, started afresh (no fork), with no SQLAlchemy and no model, a fraction of verify's memory;
it hashes hostile text exactly as the writer does (one definition of the canonical text:
app/core/seal_text.py); it finds what one process finds; and when it crashes midway verify says so
in Swedish, never "intact", and the next verify works."""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app.core.errors import EnvironmentFault
from app.core.seal_text import Unreadable
from app.models import Decision, Item
from app.models.seals import KINDS, digest, event_hash_at, plan
from app.services.records import audit_parallel
from app.services.records.audit import AuditService
from app.services.records.audit_child import ChildResult
from tests.helpers.workflow import add_admin, make_item, service

HOSTILE = [
    "noll\x00tecken och \x01\x1f styrtecken",
    "escaped surrogates \\ud83d\\ude00 och ett riktigt 😀",
    "höger-till-vänster \u202e\u200f עברית \u202c och \u2066isolerad\u2069",
    'rad\u2028separator\u2029 och citat " \\ bakstreck',
    "å" * 200_000 + " lång text",
]


@pytest.fixture
def hostile(sqlite_db):
    """Decisions whose items, motivations and evidence copies carry the hostile texts."""
    add_admin(sqlite_db.sessions, "erik", "Erik Holm")
    erik = service(sqlite_db, user="erik")
    for n, text in enumerate(HOSTILE):
        erik.remove(make_item(sqlite_db.sessions, text), "hets", text)
        erik.register(make_item(sqlite_db.sessions, f"{text} {n}"), "arende", text[::-1])
    return sqlite_db


def _verify(db: Any, monkeypatch: pytest.MonkeyPatch, *, parallel: bool, child_takes_all: bool = True):
    """The report and the child's answer (None: one process did it all)."""
    answers: list[ChildResult] = []
    result = audit_parallel.Helper.result

    def told(helper: audit_parallel.Helper) -> ChildResult:
        answers.append(result(helper))
        return answers[-1]

    with monkeypatch.context() as patch:
        patch.setattr(audit_parallel, "PARALLEL_FROM", 1 if parallel else 10**12)
        patch.setattr(audit_parallel.Helper, "result", told)
        if child_takes_all:  # this process takes no family: the child checks them all
            patch.setattr(audit_parallel, "taken", lambda turn: iter(()))
        report = AuditService(db.sessions).verify([])
    return report, (answers[0] if answers else None)


def _peak_kb(code: str) -> int:
    out = subprocess.run([sys.executable, "-I", "-S", "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout)


_HWM = "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')))"


@pytest.mark.not_on_windows("a process's peak memory is read from Linux's /proc")
def test_the_second_process_imports_no_sqlalchemy_and_stays_small(hostile, monkeypatch, capfd):
    command = audit_parallel.command
    monkeypatch.setattr(
        audit_parallel, "command", lambda: [*command()[:-2], "-X", "importtime", *command()[-2:]]
    )
    capfd.readouterr()
    report, child = _verify(hostile, monkeypatch, parallel=True)
    imported = re.findall(r"\|\s+([\w.]+)\s*$", capfd.readouterr().err, re.MULTILINE)
    assert report.intact and child is not None and child.kinds  # the child walked and checked
    assert "app.services.records.audit_child" in imported and "sqlite3" in imported
    assert not [m for m in imported if m.startswith(("sqlalchemy", "app.models", "typing", "dataclasses"))]
    # its whole peak: a bare interpreter with the driver, hashlib and pickle, and little more (here
    # rows of 200,000 characters among them); a full one, SQLAlchemy and the models imported, is
    # three times that
    bare = _peak_kb(f"import sqlite3, hashlib, json, pickle, datetime; {_HWM}")
    full = _peak_kb(
        f"import sys; sys.path[:0] = {audit_parallel.child_path()!r}; import app.models.seals; {_HWM}"
    )
    assert child.peak_kb is not None and child.peak_kb < bare + 5 * 1024 < full / 2, (
        child.peak_kb,
        bare,
        full,
    )


def test_the_second_process_starts_this_interpreter_afresh():
    assert audit_parallel.command()[0] == sys.executable
    assert audit_parallel.command()[1:4] == ["-I", "-S", "-c"]  # no fork, no site: only what it is sent


_LEAN_DIGESTS = """
import pickle, sys
sys.path[:0] = pickle.load(sys.stdin.buffer)
from app.core import seal_text
values, plans = pickle.load(sys.stdin.buffer)

def attempt(f, *a):
    try:
        return f(*a)
    except seal_text.Unreadable:
        return "unreadable"

events = [attempt(seal_text.event_digest, "0" * 64, "2026-12-07T05:00:00+00:00", v, "remove", 1, None,
                  attempt(seal_text.details_json, '{"motivering": %s}' % seal_text.value_json(v)), None)
          for v in values]
records = [attempt(seal_text.digester(kind, plan), row) for kind, plan, row in plans]
pickle.dump((events, records), sys.stdout.buffer)
"""


def test_the_lean_process_hashes_hostile_text_as_the_writer_does():
    """The canonical text in a bare interpreter (what the child imports) against the writer's
    reference (seals.event_hash_at, seals.digest: canonical_json of a dict) in this one."""
    values = [*HOSTILE, "ensam surrogat \ud800"]  # the last one no event could have been written with
    spec = KINDS["decision"]
    rows = []
    for text in values:
        row = [None] * len(spec.columns)
        for name, value in (
            ("id", 7),
            ("item_id", 3),
            ("motivation", text),
            ("decided_by", text[:50]),
            ("details", json.dumps({"text": text})),  # ASCII: every surrogate pair escaped, "\ud83d\ude00"
            ("decided_at", "2026-12-07 05:00:00.123456"),
        ):
            if name in spec.columns:
                row[spec.columns.index(name)] = value
        rows.append(tuple(row))
    child = subprocess.run(
        [sys.executable, "-I", "-S", "-c", _LEAN_DIGESTS],
        input=pickle.dumps(audit_parallel.child_path())
        + pickle.dumps((values, [("decision", plan(spec), r) for r in rows])),
        capture_output=True,
        check=True,
    )
    events, records = pickle.loads(child.stdout)

    def attempt(f: Any, *a: Any) -> str:
        try:
            return str(f(*a))
        except (Unreadable, UnicodeEncodeError):
            return "unreadable"

    assert events == [
        attempt(
            event_hash_at,
            "0" * 64,
            "2026-12-07T05:00:00+00:00",
            v,
            "remove",
            1,
            None,
            {"motivering": v},
            None,
        )
        for v in values
    ]
    assert records == [attempt(digest, spec, r) for r in rows]
    assert events[-1] == records[-1] == "unreadable" and len(set(events)) == len(values)


def test_hostile_text_is_intact_in_two_processes_and_a_change_is_found_by_both(hostile, monkeypatch):
    one, _ = _verify(hostile, monkeypatch, parallel=False)
    two, child = _verify(hostile, monkeypatch, parallel=True)
    assert one.intact and two == one and child is not None and "decision" in child.kinds
    with hostile.sessions.begin() as s:  # one invisible mark more in a motivation
        decision = s.scalar(select(Decision.id).where(Decision.motivation == HOSTILE[2]))
        s.execute(update(Decision).where(Decision.id == decision).values(motivation=HOSTILE[2] + "\u200f"))
    one, _ = _verify(hostile, monkeypatch, parallel=False)
    two, child = _verify(hostile, monkeypatch, parallel=True)
    assert not one.intact and two == one and one.first_broken_record == f"Beslut {decision}"
    assert child is not None and child.kinds["decision"][1]  # the child found it


def test_an_item_changed_is_found_by_the_second_process(hostile, monkeypatch):
    with hostile.sessions.begin() as s:
        item = s.scalar(select(Decision.item_id).order_by(Decision.id))  # decided: its status sealed
        s.execute(update(Item).where(Item.id == item).values(status="answered"))
    one, _ = _verify(hostile, monkeypatch, parallel=False)
    two, child = _verify(hostile, monkeypatch, parallel=True)
    assert not two.intact and two == one and child is not None and child.kinds["item"][1]


# The child as the real one until it has asked for its first family, then it dies.
_CRASHES = (
    "import os, pickle, sys; i, o = sys.stdin.buffer, sys.stdout.buffer; sys.path[:0] = pickle.load(i); "
    "pickle.load(i); pickle.dump(('next',), o); o.flush(); pickle.load(i); os._exit(3)"
)


def test_a_child_that_crashes_midway_is_a_clear_error_then_verify_works(hostile, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(audit_parallel, "BOOT", _CRASHES)
        with pytest.raises(EnvironmentFault, match="den andra kontrollprocessen slutade utan svar") as raised:
            _verify(hostile, monkeypatch, parallel=True)
    assert "hel" not in str(raised.value) and "försök igen" in str(raised.value)
    report, child = _verify(hostile, monkeypatch, parallel=True)
    assert report.intact and child is not None


def test_the_frozen_bundles_way_in_starts_the_child(hostile, monkeypatch):
    """The bundle starts itself with audit_child.FLAG (packaging/launch.py): run here as a script."""
    from app.services.records.audit_child import FLAG

    root = Path(__file__).resolve().parents[2]
    launch = str(root / "packaging" / "launch.py")
    run = (  # as the bundle runs it: __main__, the flag its only argument (app found as the bundle finds it)
        f"import runpy, sys; sys.path[:0] = [{str(root)!r}]; sys.argv = [{launch!r}, {FLAG!r}]; "
        f"runpy.run_path({launch!r}, run_name='__main__')"
    )
    monkeypatch.setattr(audit_parallel, "command", lambda: [sys.executable, "-c", run])
    report, child = _verify(hostile, monkeypatch, parallel=True)
    assert report.intact and child is not None and child.kinds
