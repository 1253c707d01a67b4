"""Intake: the JSON Lines import, sync from the platforms, manual entry and the flag rules."""
