"""A sign-in's access kept alive against the fake authorization server: an access token that
expires in two seconds is refreshed and the sync goes on (before its time, and when the
platform answers "expired"); two workstations refreshing at once both end with a working token
and spend the refresh token once; a revoked sign-in says "logga in igen" and loses nothing."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from app.connectors.oauth import StoredCredential
from app.core.clock import utcnow
from app.models import Account, Item, OutboxStep
from app.services.accounts.connections import AccountRef, credential_ref, for_database, keyring_registry
from app.services.accounts.credentials import CredentialStore
from app.services.accounts.tokens import TokenKeeper, token_endpoint
from app.services.context import Actor
from app.services.intake.sync import SyncService
from app.services.moderation.facade import ModerationService
from app.services.records.audit_verify import verify_chain
from tests.helpers.platforms import quick_options
from tests.helpers.sign_in import signing_in

pytestmark = pytest.mark.keyring
KEYS = {"youtube": "yt", "x": "x", "linkedin": "li"}


def sync(sessions, key):
    registry = for_database(keyring_registry(options=quick_options(page_size=10)), sessions)
    [result] = SyncService(sessions, registry, batch_size=20).sync(key)
    return result


def items(sessions, key) -> set[str]:
    with sessions() as s:
        return set(s.scalars(select(Item.external_id).join(Account).where(Account.key == key)))


def comment(fake, text):
    store = fake.store
    post = next(iter(store.posts.values()), None) or store.add_post("Simhallen")
    return store.add_comment(post, text)


@pytest.mark.parametrize("platform", ["youtube", "x", "linkedin"])
def test_a_two_second_access_token_is_refreshed_and_the_sync_goes_on(sqlite_db, secret_service, platform):
    sessions, key = sqlite_db.sessions, KEYS[platform]
    with signing_in(platform, access_lifetime=2, rotate_refresh=platform == "x") as s:
        comment(s.api.fake, "Först")
        s.add_account(sessions, key)
        s.sign_in(sessions, key)
        assert sync(sessions, key).ok
        time.sleep(2.2)  # the sign-in's access token has expired
        assert not s.oauth.accepts(s.oauth.issued[0])
        comment(s.api.fake, "Efter en timme")
        second = sync(sessions, key)
        assert second.ok, second.message
        assert s.oauth.grants.count("refresh_token") >= 1
        assert len(items(sessions, key)) >= 2

        # The platform calls the token expired before the time it gave: refreshed on its answer.
        s.oauth.access_lifetime = 3600
        before = s.oauth.grants.count("refresh_token")
        assert sync(sessions, key).ok  # a long-lived token now
        s.oauth.expire_access_tokens()
        comment(s.api.fake, "Efter att plattformen sagt expired")
        third = sync(sessions, key)
        assert third.ok, third.message
        assert s.oauth.grants.count("refresh_token") == before + 1
        assert any("expired" in c.text for c in s.api.fake.store.comments.values())
        with sessions() as session:
            assert session.scalar(select(Account.token_ok_at).where(Account.key == key)) is not None


def test_two_workstations_refreshing_at_once_spend_the_refresh_token_once(sqlite_db, secret_service):
    sessions = sqlite_db.sessions
    with signing_in("x", rotate_refresh=True) as s:
        s.add_account(sessions, "x")
        s.sign_in(sessions, "x")
        with sessions() as session:
            account = AccountRef.of(session.scalar(select(Account).where(Account.key == "x")))
        stale = StoredCredential.parse(CredentialStore().get(credential_ref("x")))
        assert stale is not None
        s.oauth.expire_access_tokens()
        got: list[str | None] = []
        keepers = [TokenKeeper(CredentialStore(), sessions) for _ in range(2)]
        threads = [
            threading.Thread(target=lambda k=k: got.append(k.refresh(account, stale.access_token)))
            for k in keepers
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=20)
        assert len(got) == 2 and got[0] == got[1] and s.oauth.accepts(got[0])
        assert s.oauth.grants.count("refresh_token") == 1  # X refuses a refresh token used twice


def test_a_revoked_sign_in_says_log_in_again_and_leaves_items_and_queued_steps(sqlite_db, secret_service):
    sessions = sqlite_db.sessions
    with signing_in("youtube") as s:
        top = comment(s.api.fake, "Bra att simhallen öppnar igen")
        target = s.api.fake.store.add_comment(
            s.api.fake.store.posts[top.post_id], "Du är en idiot", parent=top
        )
        s.add_account(sessions, "yt")
        s.sign_in(sessions, "yt")
        assert sync(sessions, "yt").ok
        s.oauth.revoke()  # the person removed Granska's access in their Google account

        comment(s.api.fake, "Ny kommentar som inte hinner hämtas")
        failed = sync(sessions, "yt")
        assert not failed.ok and failed.error_kind == "auth"
        assert "logga in igen under Inställningar → Konton" in failed.message
        assert items(sessions, "yt") == {top.id, target.id}

        registry = for_database(keyring_registry(options=quick_options()), sessions)
        moderation = ModerationService(sessions, connectors=registry, actor=Actor("testare"))
        with sessions() as session:
            item_id = session.scalar(select(Item.id).where(Item.external_id == target.id))
        outcome = moderation.remove(item_id, "personangrepp", "Personangrepp mot en invånare.")
        assert "logga in igen" in outcome.message
        with sessions() as session:
            steps = list(session.scalars(select(OutboxStep).where(OutboxStep.item_id == item_id)))
            # The platform step waits for a person (blocked), the notice after it stays queued.
            assert [(st.status, "logga in igen" in (st.last_error or "")) for st in steps] == [
                ("blocked", True),
                ("pending", False),
            ]
            assert session.scalar(select(func.count()).select_from(Item)) == 2
            assert verify_chain(session).intact
        assert s.api.fake.store.comments[target.id].status == "published"  # not rejected yet

        # Signing in again: the next sync and the queued step go through.
        s.sign_in(sessions, "yt")
        assert sync(sessions, "yt").ok and len(items(sessions, "yt")) == 3
        moderation.retry()
        assert s.api.fake.store.comments[target.id].status == "rejected"
        with sessions() as session:
            assert verify_chain(session).intact


@pytest.mark.postgres
@pytest.mark.not_on_windows("cryptography's compiled part (the team store) does not load under Wine")
def test_on_the_team_database_a_refresh_waits_for_the_other_workstations_and_uses_its_token(
    pg_db, secret_service
):
    """Workstation B is refreshing (it holds the account's row lock); A finds the token
    expiring, waits for B, then takes B's fresh token from the encrypted team store instead of
    spending X's one-use refresh token a second time."""
    from sqlalchemy.orm import sessionmaker

    from app.services.accounts.accounts import AccountService
    from app.services.accounts.team_credentials import TeamCredentialStore
    from tests.helpers.databases import sessions_as

    sessions = sessions_as(pg_db.sessions, "anna")
    accounts = AccountService(sessions)
    accounts.add_administrator("anna", "Anna Berg")
    with signing_in("x", rotate_refresh=True) as s:
        s.add_account(sessions, "x")
        accounts.assign("x", "anna")
        store = TeamCredentialStore(sessions)
        store.login()
        s.sign_in(sessions, "x", store=store)
        stored = StoredCredential.parse(store.get("account:x"))
        assert stored is not None and stored.refresh_token and CredentialStore().get("account:x") is None
        with sessions() as session:
            account = AccountRef.of(session.scalar(select(Account).where(Account.key == "x")))
        s.oauth.expire_access_tokens()

        other = sessionmaker(sessions.kw["bind"], expire_on_commit=False)  # workstation B
        b = other.begin().__enter__()
        b.execute(select(Account.id).where(Account.key == "x").with_for_update(key_share=True))
        got: list[str | None] = []
        a = threading.Thread(
            target=lambda: got.append(TokenKeeper(store, sessions).refresh(account, stored.access_token))
        )
        a.start()
        time.sleep(0.5)
        assert a.is_alive() and got == []  # A waits for B's lock
        # B refreshes (its own process: not A's thread lock) and stores the new tokens, then commits.
        renewed = token_endpoint(account, stored).refresh(stored, utcnow())
        store.set("account:x", renewed.serialize())
        fresh = renewed.access_token
        b.commit()
        b.close()
        a.join(timeout=20)
        assert got == [fresh] and s.oauth.accepts(fresh)
        assert s.oauth.grants.count("refresh_token") == 1
