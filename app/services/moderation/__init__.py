"""Deciding on items: remove, register (diarieför), notify, escalate, keep, the outbox, gallring."""
