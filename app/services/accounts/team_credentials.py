"""Platform tokens kept centrally in the team database (#14): "inloggningsuppgifter ska finnas
på en central lagringsplats" so that every administrator of an account reaches them, never in
clear in the database.

Each save encrypts the token with a fresh random key (Fernet, from `cryptography`) and seals
that key with RSA-OAEP to the public key of every active administrator assigned to the account
who has run `granska login`. A private key lives only in its owner's OS keyring. Someone
assigned later gets their copy when a colleague who holds the key logs in (`share_pending`) or
saves the token again; unassigning deletes the person's copy (rotate the token on the platform
too: they may have seen it). Same interface as the keyring's CredentialStore.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.core.messages import say, translate
from app.models import Account, AccountAdministrator, AccountKeyCopy, AccountSecret, Administrator, PersonKey
from app.models.folding import casefold
from app.services.accounts.credentials import CredentialStore, KeyringUnavailable
from app.services.context import Actor, acting

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

    from app.models.db import Database

# `cryptography` is imported on first use, not with this module: only the team database needs it,
# and its compiled part loads operating-system libraries that not every Windows runtime has (Wine
# lacks one), so everything else keeps working wherever it is missing.


def _oaep() -> Any:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    return padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)


def _fernet(key: bytes) -> Fernet:
    from cryptography.fernet import Fernet

    return Fernet(key)


ACCOUNT_PREFIX = "account:"


def private_key_ref(username: str) -> str:
    return f"team-key:{username.casefold()}"


def new_key_pair() -> tuple[str, str]:
    """(private PEM, public PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    public = key.public_key().public_bytes(serialization.Encoding.PEM, spki).decode()
    return private, public


def seal(account_key: bytes, public_pem: str) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    public = serialization.load_pem_public_key(public_pem.encode())
    assert isinstance(public, rsa.RSAPublicKey)
    return base64.b64encode(public.encrypt(account_key, _oaep())).decode()


def unseal(sealed: str, private_pem: str) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = serialization.load_pem_private_key(private_pem.encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    return private.decrypt(base64.b64decode(sealed), _oaep())


@dataclass(frozen=True)
class LoginResult:
    created_key: bool
    shared: tuple[str, ...]  # "account:username" copies sealed for colleagues


class TeamCredentialStore(CredentialStore):
    """get/set/delete by reference name ("account:KEY"), as the keyring's store does."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        keyring: CredentialStore | None = None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__()
        self._sessions = sessions
        self._keyring = keyring or CredentialStore()
        self._actor = acting(sessions, actor)

    def available(self) -> bool:
        return self._keyring.available()

    # -- the CredentialStore interface ----------------------------------------------------------
    def get(self, ref: str) -> str | None:
        """The token, when I am assigned to the account and hold its key; None otherwise."""
        key = self._account_key(ref)
        if key is None:
            return None
        with self._sessions() as session:
            ciphertext = session.scalar(
                select(AccountSecret.ciphertext)
                .join(Account, Account.id == AccountSecret.account_id)
                .where(Account.key == _account_key_of(ref))
            )
        if ciphertext is None:
            return None
        from cryptography.fernet import InvalidToken

        try:
            return _fernet(key).decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            return None

    def set(self, ref: str, secret: str) -> None:
        if not secret:
            raise ValueError("empty secret")
        from cryptography.fernet import Fernet

        key = Fernet.generate_key()  # fresh at every save: an unassigned person's old copy opens nothing
        with self._sessions.begin() as session:
            account_id = _account_id(session, ref)
            me = _my_id(session, self._actor.username)
            holders = _assigned_with_keys(session, account_id)
            if me not in {admin_id for admin_id, _ in holders}:
                raise InputError(
                    translate(
                        "Core",
                        "Du måste vara administratör för kontot och ha kört granska login för att "
                        "spara dess token i teamdatabasen.",
                    )
                )
            session.execute(delete(AccountSecret).where(AccountSecret.account_id == account_id))
            session.execute(delete(AccountKeyCopy).where(AccountKeyCopy.account_id == account_id))
            ciphertext = _fernet(key).encrypt(secret.encode()).decode()
            session.add(
                AccountSecret(account_id=account_id, ciphertext=ciphertext, updated_by=self._actor.username)
            )
            for admin_id, public in holders:
                session.add(
                    AccountKeyCopy(
                        account_id=account_id, administrator_id=admin_id, sealed_key=seal(key, public)
                    )
                )

    def delete(self, ref: str) -> bool:
        with self._sessions.begin() as session:
            account_id = _account_id(session, ref)
            gone = session.execute(delete(AccountSecret).where(AccountSecret.account_id == account_id))
            session.execute(delete(AccountKeyCopy).where(AccountKeyCopy.account_id == account_id))
            return bool(getattr(gone, "rowcount", 0))

    # -- keys -------------------------------------------------------------------------------------
    def login(self) -> LoginResult:
        """My key pair (made once; the private half only in my keyring), then the copies my
        colleagues lack of the keys I hold."""
        private = self._keyring.get(private_key_ref(self._actor.username))
        created = False
        with self._sessions.begin() as session:
            me = _my_id(session, self._actor.username)
            if me is None:
                raise InputError(
                    say(
                        translate("Core", "Du (%1) finns inte i administratörsregistret."),
                        self._actor.username,
                    )
                )
            stored = session.get(PersonKey, me)
            if private is None or stored is None:
                private, public = new_key_pair()
                self._keyring.set(private_key_ref(self._actor.username), private)
                if stored is None:
                    session.add(PersonKey(administrator_id=me, public_key=public))
                else:  # a new workstation or a lost keyring: copies come again from colleagues
                    stored.public_key = public
                    remove_copies_of(session, me)
                created = True
        return LoginResult(created, tuple(self.share_pending()))

    def share_pending(self) -> list[str]:
        private = self._keyring.get(private_key_ref(self._actor.username))
        shared: list[str] = []
        if private is None:
            return shared
        with self._sessions.begin() as session:
            me = _my_id(session, self._actor.username)
            mine = session.execute(
                select(AccountKeyCopy.account_id, AccountKeyCopy.sealed_key).where(
                    AccountKeyCopy.administrator_id == me
                )
            ).all()
            for account_id, sealed in mine:
                have = set(
                    session.scalars(
                        select(AccountKeyCopy.administrator_id).where(AccountKeyCopy.account_id == account_id)
                    )
                )
                missing = [(i, p) for i, p in _assigned_with_keys(session, account_id) if i not in have]
                if not missing:
                    continue
                key = unseal(sealed, private)
                for admin_id, public in missing:
                    session.add(
                        AccountKeyCopy(
                            account_id=account_id, administrator_id=admin_id, sealed_key=seal(key, public)
                        )
                    )
                    shared.append(f"{account_id}:{admin_id}")
        return shared

    def _account_key(self, ref: str) -> bytes | None:
        private = self._keyring.get(private_key_ref(self._actor.username))
        if private is None:
            return None
        with self._sessions() as session:
            me = _my_id(session, self._actor.username)
            sealed = session.scalar(
                select(AccountKeyCopy.sealed_key)
                .join(Account, Account.id == AccountKeyCopy.account_id)
                .where(Account.key == _account_key_of(ref), AccountKeyCopy.administrator_id == me)
            )
        return unseal(sealed, private) if sealed is not None else None


def holders(session: Session, account_id: int) -> list[str]:
    """Who can open the account's token: the "at least two" of the guideline, counted for real."""
    return list(
        session.scalars(
            select(Administrator.username)
            .join(AccountKeyCopy, AccountKeyCopy.administrator_id == Administrator.id)
            .where(AccountKeyCopy.account_id == account_id, Administrator.active.is_(True))
            .order_by(Administrator.username)
        )
    )


def remove_copy(session: Session, account_id: int, administrator_id: int) -> None:
    copy = (AccountKeyCopy.account_id == account_id) & (AccountKeyCopy.administrator_id == administrator_id)
    session.execute(delete(AccountKeyCopy).where(copy))


def remove_copies_of(session: Session, administrator_id: int) -> None:
    session.execute(delete(AccountKeyCopy).where(AccountKeyCopy.administrator_id == administrator_id))


def _account_key_of(ref: str) -> str:
    return ref[len(ACCOUNT_PREFIX) :] if ref.startswith(ACCOUNT_PREFIX) else ref


def _account_id(session: Session, ref: str) -> int:
    account_id = session.scalar(select(Account.id).where(Account.key == _account_key_of(ref)))
    if account_id is None:
        raise InputError(say(translate("Core", "Okänt konto %1."), repr(_account_key_of(ref))))
    return account_id


def _my_id(session: Session, username: str) -> int | None:
    return session.scalar(
        select(Administrator.id).where(
            casefold(Administrator.username) == casefold(username), Administrator.active.is_(True)
        )
    )


def _assigned_with_keys(session: Session, account_id: int) -> list[tuple[int, str]]:
    return [
        (i, p)
        for i, p in session.execute(
            select(Administrator.id, PersonKey.public_key)
            .join(AccountAdministrator, AccountAdministrator.administrator_id == Administrator.id)
            .join(PersonKey, PersonKey.administrator_id == Administrator.id)
            .where(AccountAdministrator.account_id == account_id, Administrator.active.is_(True))
        )
    ]


def database_password_ref(url: URL) -> str:
    return f"database:{url.username}@{url.host}:{url.port or 5432}/{url.database}"


def with_stored_password(url: URL, keyring: CredentialStore | None = None) -> URL:
    """A team database URL without a password gets the one `granska login --password-stdin`
    kept in the OS keyring; without one there, libpq decides (PGPASSWORD, ~/.pgpass, Kerberos)."""
    if url.get_backend_name() != "postgresql" or url.password or not url.username:
        return url
    store = keyring or CredentialStore()
    try:
        secret = store.get(database_password_ref(url)) if store.available() else None
    except KeyringUnavailable:
        return url
    return url.set(password=secret) if secret else url


def open_as_me(explicit: str | None = None, *, defer_checks: bool = False) -> Database:
    """The database the command line and the window open: `--db`/GRANSKA_DB/the machine policy,
    on PostgreSQL with the password `granska login` kept in my keyring when the URL has none."""
    from app.models.db import open_database, resolve_url

    return open_database(with_stored_password(resolve_url(explicit)), defer_checks=defer_checks)


def credential_store_for(
    sessions: sessionmaker[Session], keyring: CredentialStore | None = None, actor: Actor | None = None
) -> CredentialStore:
    """The team database keeps the tokens; a workstation's SQLite file leaves them in its keyring."""
    bind = sessions.kw.get("bind")
    if bind is not None and bind.dialect.name == "postgresql":
        return TeamCredentialStore(sessions, keyring, actor)
    return keyring or CredentialStore()
