"""The named states that are stored or compared as text: StrEnums, so a member is equal to the
string stored before there were enums and the database keeps the same values."""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    POST = "post"
    COMMENT = "comment"


class Action(StrEnum):
    """What an administrator decides on an item (the guideline's actions)."""

    REMOVE = "remove"
    REGISTER = "register"
    NOTIFY = "notify"
    KEEP = "keep"
    ANSWER = "answer"
    FORWARD = "forward"
    HAND_OVER = "hand_over"


class Step(StrEnum):
    """A step that leaves Granska, journaled in the outbox."""

    PLATFORM_REMOVE = "platform_remove"
    POST_NOTICE = "post_notice"
    SEND_ESCALATION = "send_escalation"
    SEND_FORWARD = "send_forward"  # a forwarded question, and its reminder when it is due


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    MANUAL = "manual"  # for a person to do; Granska will not try again
    BLOCKED = "blocked"  # waits for `granska retry` after its cause is fixed


# Still for Granska to do (manual is for a person).
WAITING = (StepStatus.PENDING, StepStatus.RUNNING, StepStatus.BLOCKED)


class Outcome(StrEnum):
    """What an outbox step's handler reports."""

    DONE = "done"
    RETRY = "retry"
    BLOCKED = "blocked"
    MANUAL = "manual"
