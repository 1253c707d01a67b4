"""Token health as the administrator reads it: the 14-day warning, Google's "Testing" trap, a
sign-in missing a scope Granska needs, a refused sign-in; and the README's capability table is
the connectors' own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from app.connectors.oauth import StoredCredential
from app.services.accounts.token_health import assess, capability_markdown

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def row(platform: str = "youtube", **kw) -> SimpleNamespace:
    fields = {"key": "yt", "name": "Vadstena Play", "platform": platform, "granted_scopes": None,
              "token_ok_at": None, "last_sync_at": None, "sync_state": {}} | kw  # fmt: skip
    return SimpleNamespace(**fields)


def test_a_token_ending_within_14_days_is_warned_about_and_one_further_off_is_not():
    soon = StoredCredential(
        "tok", kind="oauth", expires_at=NOW + timedelta(days=13), scopes=("w_organization_social_feed",)
    )
    later = StoredCredential(
        "tok", kind="oauth", expires_at=NOW + timedelta(days=40), scopes=("w_organization_social_feed",)
    )
    warned = assess(row("linkedin"), soon, NOW)
    assert warned.kind == "oauth" and not warned.refreshable
    assert "går ut 2026-12-19" in warned.warning and "logga in igen" in warned.warning
    assert assess(row("linkedin"), later, NOW).warning is None


def test_googles_testing_trap_is_named_with_its_date():
    stored = StoredCredential(
        "tok", kind="oauth", refresh_token="r", expires_at=NOW + timedelta(hours=1),
        refresh_expires_at=NOW + timedelta(days=7), obtained_at=NOW,
        scopes=("https://www.googleapis.com/auth/youtube.force-ssl",),
    )  # fmt: skip
    health = assess(row(), stored, NOW)
    assert health.refreshable and health.expires_at == NOW + timedelta(days=7)
    assert (
        "Testing" in health.warning and "2026-12-13" in health.warning and "In production" in health.warning
    )
    production = StoredCredential("tok", kind="oauth", refresh_token="r", expires_at=NOW + timedelta(hours=1),
                                  scopes=stored.scopes)  # fmt: skip
    assert assess(row(), production, NOW).warning is None


def test_missing_scopes_name_the_actions_granska_cannot_do():
    stored = StoredCredential(
        "tok", kind="oauth", refresh_token="r", scopes=("tweet.read", "users.read", "tweet.write")
    )
    health = assess(row("x", key="x"), stored, NOW)
    assert health.missing == ("hide",) and "dölja" in health.warning


def test_a_refused_sign_in_and_a_pasted_token():
    problem = (
        "Inloggningen för Vadstena Play (yt) gäller inte längre: logga in igen under Inställningar → Konton."
    )
    stored = StoredCredential("tok", kind="oauth", refresh_token="r", scopes=("x",))
    assert assess(row(sync_state={"token_problem": problem}), stored, NOW).warning == problem
    pasted = assess(row(), StoredCredential("tok"), NOW)
    assert pasted.kind == "pasted" and pasted.expires_at is None and pasted.warning is None
    assert assess(row(), None, NOW).kind == "none"


def test_the_readme_table_is_the_connectors_declarations():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    table = capability_markdown()
    assert "| YouTube | yes | no | yes |" in table and "| X | yes | no | yes |" in table
    assert table in readme
