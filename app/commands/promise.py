"""`granska accounts edit KEY --target-hours H --watch-days 1-5 --watch-hours 8-17 ...`: the
account's response promise (when it is watched, and how soon it answers), in the register."""

from __future__ import annotations

import argparse
from typing import Any

from app.services.stats.promises import PromiseChange


def _hours(value: str) -> float:
    try:
        hours = float(value.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"inte ett antal timmar: {value!r}") from None
    if hours <= 0:
        raise argparse.ArgumentTypeError(f"svarstiden måste vara större än noll: {value}")
    return hours


def add_promise_arguments(parser: Any) -> None:
    group = parser.add_argument_group(
        "svarslöfte",
        "När kontot bevakas och hur snart det lovar ett första svar, räknat i bevakningstid "
        "(svenska helgdagar räknas inte om inget annat anges).",
    )
    target = group.add_mutually_exclusive_group()
    target.add_argument(
        "--target-hours", type=_hours, metavar="TIMMAR", help="svar inom så många bevakade timmar"
    )
    target.add_argument("--no-target", action="store_true", help="inget utlovat svarstidsmål")
    group.add_argument("--watch-days", metavar="DAGAR", help="bevakade dagar: 1-5, vardagar, alla, mån,ons")
    group.add_argument(
        "--watch-hours", metavar="FRÅN-TILL", help="bevakade timmar, t.ex. 8-17 eller 08:00-16:30"
    )
    holidays = group.add_mutually_exclusive_group()
    holidays.add_argument(
        "--holidays-watched", dest="holidays_watched", action="store_true", default=None,
        help="bevakas även på helgdagar",
    )  # fmt: skip
    holidays.add_argument(
        "--holidays-off", dest="holidays_watched", action="store_false", help="inte på helgdagar (standard)"
    )


def promise_change(args: argparse.Namespace) -> PromiseChange | None:
    if (
        args.target_hours is None
        and not args.no_target
        and args.watch_days is None
        and args.watch_hours is None
        and args.holidays_watched is None
    ):
        return None
    return PromiseChange(
        target_hours=args.target_hours,
        clear_target=args.no_target,
        days=args.watch_days,
        hours=args.watch_hours,
        holidays_watched=args.holidays_watched,
    )
