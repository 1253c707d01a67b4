"""PySide6's import hook, made cheap.

Once PySide6 is loaded, its `__feature__` support (snake_case, true_property: Granska uses
neither) asks of every module imported afterwards whether its source mentions "PySide6", with
inspect.getsource: the file read through linecache and tokenize, line by line. At start that is
every module of the window and of the database layer, some hundreds: a noticeable share of the
start-up (bench/queue_window.py P7). The answer is the same when the file is read whole, which
is what this does; anything that is not a plain .py file is asked the original way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


def quicken_feature_check() -> None:
    """Replace PySide6's source check by a raw read of the module's file (idempotent; a PySide6
    without that check is left alone)."""
    feature: Any = sys.modules.get("shibokensupport.feature") or sys.modules.get("PySide6.support.feature")
    original: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "granska", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.granska = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
