"""Putting a finished file in place of an older one, on Windows too.

Windows refuses to replace a file that another program holds open: Excel keeps an opened
workbook locked for as long as it is open, an antivirus scanner or the search indexer for a moment
after it was written. A short retry covers the moment; after that the user is told what to do.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from app.core.errors import EnvironmentFault, os_cause
from app.core.messages import say, translate

RETRY_DELAYS = (0.1, 0.2, 0.4, 0.8)  # seconds: about 1.5 s in all


def replace_file(source: Path, target: Path, *, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
    """os.replace(source, target), retried while the target is locked; an EnvironmentFault with a
    clear message when it stays locked or cannot be written."""
    for delay in (*delays, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as exc:
            if delay is None:
                raise EnvironmentFault(
                    say(
                        translate(
                            "Core",
                            "Kan inte spara %1: filen är öppen i ett annat program (till exempel Excel) "
                            "eller låst av ett antivirusprogram. Stäng filen och försök igen, eller välj ett "
                            "annat filnamn.",
                        ),
                        target,
                    )
                ) from exc
            time.sleep(delay)
        except OSError as exc:
            raise EnvironmentFault(
                say(translate("Core", "Kan inte spara %1: %2"), target, os_cause(exc))
            ) from exc
