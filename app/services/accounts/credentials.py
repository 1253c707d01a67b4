"""Platform and mail secrets in the OS keyring. The database keeps only the reference name.

The guideline wants login credentials "on a central storage place"; the OS keyring (Windows
Credential Manager, macOS Keychain, Secret Service on Linux) is that place on each workstation.
"""

from __future__ import annotations

import os

import keyring
import keyring.errors

from app.core.errors import EnvironmentFault
from app.core.messages import say, translate

SERVICE = "se.vadstena.Granska"

NO_BACKEND = translate(
    "Core",
    "Ingen nyckelring finns tillgänglig för att spara inloggningsuppgifter. På Linux: installera "
    "och starta gnome-keyring (eller KWallet) i din skrivbordssession. Granska fungerar utan "
    "nyckelring, men kan då inte hämta eller ta bort kommentarer på plattformarna.",
)


LOCKED = translate(
    "Core",
    "Nyckelringen är låst och kunde inte låsas upp. Logga in i skrivbordssessionen (eller lås upp "
    "nyckelringen) och försök igen.",
)

NOT_KEPT = translate(
    "Core",
    "Nyckelringen tog emot token men gick inte att läsa tillbaka, så den är inte sparad. Försök "
    "igen; hjälper det inte, starta om nyckelringen (eller logga ut och in).",
)


class KeyringUnavailable(EnvironmentFault):
    pass


def _unavailable(exc: keyring.errors.KeyringError) -> KeyringUnavailable:
    if isinstance(exc, keyring.errors.KeyringLocked) or "unlock" in str(exc).lower():
        return KeyringUnavailable(LOCKED)
    return KeyringUnavailable(say("%1 (%2)", NO_BACKEND, str(exc)))


def _backend_ok() -> None:
    backend = keyring.get_keyring()
    name = type(backend).__module__ + "." + type(backend).__name__
    # keyrings.alt stores secrets as plain text; "fail" stores nothing. Neither is a keyring.
    if name.startswith(("keyring.backends.fail", "keyrings.alt")) or backend.priority <= 0:
        raise KeyringUnavailable(NO_BACKEND)


class CredentialStore:
    """get/set/delete by reference name (e.g. "account:facebook" or "smtp").

    GRANSKA_KEYRING_SERVICE names another keyring service: tests use their own, so they never
    touch a user's real tokens."""

    def __init__(self, service: str | None = None) -> None:
        self._service = service or os.environ.get("GRANSKA_KEYRING_SERVICE") or SERVICE

    def available(self) -> bool:
        try:
            _backend_ok()
        except KeyringUnavailable:
            return False
        return True

    def get(self, ref: str) -> str | None:
        _backend_ok()
        try:
            return keyring.get_password(self._service, ref)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None

    def set(self, ref: str, secret: str) -> None:
        if not secret:
            raise ValueError("empty secret")
        _backend_ok()
        try:
            # Read it back (a second try, then give up): a keyring that accepted the call but kept
            # nothing must not pass for one that saved the token, or the user learns it at the next
            # sync, with the token gone.
            for _attempt in range(2):
                keyring.set_password(self._service, ref, secret)
                if keyring.get_password(self._service, ref) == secret:
                    return
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None
        raise KeyringUnavailable(NOT_KEPT)

    def delete(self, ref: str) -> bool:
        _backend_ok()
        try:
            keyring.delete_password(self._service, ref)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None
        return True
