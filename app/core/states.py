"""The named states that are stored or compared as text: StrEnums, so a member is equal to the
string stored before there were enums and the database keeps the same values."""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    POST = "post"
    COMMENT = "comment"


class ItemStatus(StrEnum):
    NEW = "new"
    FLAGGED = "flagged"
    KEPT = "kept"
    ANSWERED = "answered"  # the answer is published (or confirmed posted by hand)
    ANSWER_PENDING = "answer_pending"  # decided; the answer is not on the platform yet
    REGISTERED = "registered"
    FORWARDED = "forwarded"  # e-mailed on; waits for an answer or for someone to close it
    HANDED_OVER = "handed_over"
    PENDING_PLATFORM = "pending_platform"
    REMOVE_BY_HAND = "remove_by_hand"
    REMOVED = "removed"
    DELETED_BY_AUTHOR = "deleted_by_author"
    WEEDED = "weeded"
    # The municipality's own post: the thread's context, never work (no queue tab shows or counts it).
    CONTEXT = "context"


# What each status is called, in Swedish (the registrator's workbook, the command line).
STATUS_LABELS: dict[str, str] = {
    ItemStatus.REMOVED: "Borttagen",
    ItemStatus.PENDING_PLATFORM: "Väntar på plattformen",
    ItemStatus.REMOVE_BY_HAND: "Ska tas bort för hand",
    ItemStatus.DELETED_BY_AUTHOR: "Raderad av författaren",
    ItemStatus.REGISTERED: "Diarieförd",
    ItemStatus.KEPT: "Behållen",
    ItemStatus.WEEDED: "Gallrad",
    ItemStatus.CONTEXT: "Kommunens eget inlägg",
    ItemStatus.NEW: "Ny",
    ItemStatus.FLAGGED: "Flaggad",
    ItemStatus.ANSWERED: "Besvarad",
    ItemStatus.ANSWER_PENDING: "Svaret väntar på plattformen",
    ItemStatus.FORWARDED: "Vidarebefordrad, inväntar svar",
    ItemStatus.HANDED_OVER: "Överlämnad",
}


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
