"""The kinds of failure the user can be told about (as opposed to our own bugs)."""

from __future__ import annotations

import errno
from enum import StrEnum

from app.core.messages import say, translate


class InputError(Exception):
    """The user's input is wrong; nothing was changed. The message is shown as is."""


class Forbidden(InputError):
    """The acting person's role does not allow this; nothing was changed (the refusal itself is
    written to the audit log)."""


class EnvironmentFault(Exception):
    """Something outside Granska failed (database locked, platform down, no keyring)."""


class ErrorKind(StrEnum):
    """Why a platform call failed; stored in a sync's state, so the values never change."""

    AUTH = "auth"
    RATE_LIMIT = "rate_limit"
    TRANSIENT = "transient"
    PERMISSION = "permission"
    NOT_FOUND = "not_found"
    BAD_RESPONSE = "bad_response"
    # A sync that did not reach the platform at all.
    WAITING = "waiting"  # the platform asked us to wait (Retry-After not yet passed)
    CANCELLED = "cancelled"  # the administrator stopped it


class PlatformError(EnvironmentFault):
    """A platform call failed. `kind` sorts it; `retry_after` is in seconds when the platform
    said."""

    def __init__(
        self, message: str, kind: ErrorKind | str = ErrorKind.TRANSIENT, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind = ErrorKind(kind)
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.kind in (ErrorKind.RATE_LIMIT, ErrorKind.TRANSIENT)


_OS_CAUSES = {
    errno.ENOSPC: translate("Core", "disken är full"),
    errno.EROFS: translate("Core", "enheten är skrivskyddad"),
    errno.EACCES: translate("Core", "behörighet saknas"),
    errno.EPERM: translate("Core", "behörighet saknas"),
    errno.ENOENT: translate("Core", "filen eller mappen finns inte"),
    errno.EISDIR: translate("Core", "det är en mapp, inte en fil"),
    errno.ENOTDIR: translate("Core", "en del av sökvägen är inte en mapp"),
    errno.EEXIST: translate("Core", "det finns redan en fil eller mapp med det namnet"),
    errno.ENAMETOOLONG: translate("Core", "sökvägen eller filnamnet är för långt"),
    errno.EBUSY: translate("Core", "filen eller enheten används just nu"),
}
# Windows says more than errno: a file another program holds open is EACCES there too.
_WINDOWS_CAUSES = {
    5: translate("Core", "behörighet saknas"),  # ERROR_ACCESS_DENIED
    32: translate("Core", "filen används av ett annat program"),  # ERROR_SHARING_VIOLATION
    33: translate("Core", "filen används av ett annat program"),  # ERROR_LOCK_VIOLATION
    39: translate("Core", "disken är full"),  # ERROR_HANDLE_DISK_FULL
    112: translate("Core", "disken är full"),  # ERROR_DISK_FULL
    206: translate("Core", "sökvägen eller filnamnet är för långt"),  # ERROR_FILENAME_EXCED_RANGE
    # A network share that is gone (the server is off, the VPN down, the share renamed).
    53: translate("Core", "nätverksenheten går inte att nå"),  # ERROR_BAD_NETPATH
    64: translate("Core", "nätverksenheten går inte att nå"),  # ERROR_NETNAME_DELETED
    67: translate("Core", "nätverksenheten går inte att nå"),  # ERROR_BAD_NET_NAME
}
_UNKNOWN = translate("Core", "systemfel %1 (%2)")


def os_cause(exc: OSError) -> str:
    """What went wrong with a file, in Swedish where it is a common fault of the environment
    (the window translates it); for the rest "systemfel" with the system's code and its own
    words (strerror) behind, as they are."""
    winerror = getattr(exc, "winerror", None) or 0
    known = _WINDOWS_CAUSES.get(winerror) or _OS_CAUSES.get(exc.errno or 0)
    if known:
        return known
    if winerror:
        code = f"WinError {winerror}"
    elif exc.errno:
        code = errno.errorcode.get(exc.errno, str(exc.errno))
    else:
        return exc.strerror or str(exc)
    return say(_UNKNOWN, code, exc.strerror or str(exc))
