"""What the core said (app/core/messages.py), in the window's language: a Message's source
text translated in the "Core" context and its parts filled in, each part translated the same
way when it is a message itself; anything else (data, an older build's text) as it is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.messages import CONTEXT, Message, fill


def window_text(text: object) -> str:
    if isinstance(text, Message):
        return fill(QCoreApplication.translate(CONTEXT, text.source), text.parts, window_text)
    return str(text)


def error_text(exc: BaseException) -> str:
    """An error's message in the window's language (its first argument when the core said it)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return window_text(exc.args[0])
    return str(exc)
