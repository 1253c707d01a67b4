"""The two kinds of failure the user can be told about (as opposed to our own bugs)."""


class InputError(Exception):
    """The user's input is wrong; nothing was changed. The message is shown as is."""


class EnvironmentFault(Exception):
    """Something outside Granska failed (database locked, platform down, no keyring)."""
