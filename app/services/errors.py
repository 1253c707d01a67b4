"""The two kinds of failure the user can be told about (as opposed to our own bugs)."""

from __future__ import annotations

import errno


class InputError(Exception):
    """The user's input is wrong; nothing was changed. The message is shown as is."""


class EnvironmentFault(Exception):
    """Something outside Granska failed (database locked, platform down, no keyring)."""


_OS_CAUSES = {
    errno.ENOSPC: "disken är full",
    errno.EROFS: "enheten är skrivskyddad",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
}


def os_cause(exc: OSError) -> str:
    """What went wrong with a file, in Swedish where it is a common fault of the environment."""
    return _OS_CAUSES.get(exc.errno or 0) or exc.strerror or str(exc)
