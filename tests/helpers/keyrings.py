"""The real keyring: the Secret Service that scripts/test starts (gnome-keyring under its own
D-Bus session), or on Windows the Credential Manager (under scripts/test-windows, Wine's), with a
keyring service name of the test's own so no user token is touched."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator

import keyring
import keyring.backends.fail
import keyring.errors
import pytest

REAL_BACKEND = (
    "keyring.backends.Windows.WinVaultKeyring" if sys.platform == "win32"
    else "keyring.backends.SecretService.Keyring"
)  # fmt: skip
REFS = ["account:fb", "account:facebook", "account:yt", "account:x", "account:li", "account:ig", "smtp"]


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    # Not a skip: in CI a keyring that did not start must fail the run.
    assert name == REAL_BACKEND, (
        f"the OS keyring is not running here ({name}); run the tests with scripts/test"
    )
    service = f"se.vadstena.Granska.test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv("GRANSKA_KEYRING_SERVICE", service)
    yield service
    for ref in REFS:
        try:
            keyring.delete_password(service, ref)
        except keyring.errors.PasswordDeleteError:
            pass


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """What a machine without any keyring looks like to Granska: keyring's `fail` backend."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
