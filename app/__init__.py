"""Granska: a moderation console for a municipality's social-media accounts."""

from app.version import __version__

__all__ = ["__version__"]
