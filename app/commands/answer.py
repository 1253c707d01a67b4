"""`granska answer ID (--template CODE | --text TEXT) [--posted [--link URL]]`: answer a
question, through the connector, or recorded as posted by hand (the clock then stops at once).

Exit codes: 0 published (or recorded as posted by hand); 3 saved, its publication still to do
(the platform waits, or it must be posted by hand: the text is printed); 2 bad input."""

from __future__ import annotations

import argparse
from typing import Any

from app.commands import item_id
from app.commands.moderation import EXIT_PENDING, _report, service
from app.core.errors import InputError


def register(subparsers: Any) -> None:
    answer = subparsers.add_parser(
        "answer",
        help="svara på en fråga (genom plattformen, eller publicerat för hand)",
        description="Sparar svaret och publicerar det som ett svar i tråden. Frågans svarstid "
        "räknas till svaret är publicerat. Med --posted har du redan publicerat svaret för hand: "
        "det markeras som publicerat nu och skickas inte till plattformen.",
    )
    answer.add_argument("id", type=item_id, metavar="ID")
    what = answer.add_mutually_exclusive_group(required=True)
    what.add_argument("--template", metavar="KOD", help="ett sparat svar (t.ex. svar-lank, politisk)")
    what.add_argument("--text", metavar="TEXT", help="svarets text")
    answer.add_argument("--posted", action="store_true", help="svaret är redan publicerat för hand")
    answer.add_argument("--link", metavar="URL", help="med --posted: länken till svaret")
    answer.set_defaults(handler=_answer)


def _answer(args: argparse.Namespace) -> int:
    if args.link and not args.posted:
        raise InputError("--link hör till --posted (svaret publicerat för hand).")
    svc = service(args)
    text = args.text
    if args.template is not None:
        replies = dict(svc.saved_replies())
        if args.template not in replies:
            raise InputError(f"Okänt sparat svar {args.template!r}; välj ett av: {', '.join(replies)}.")
        text = replies[args.template]
    code = _report(svc.answer(args.id, text, posted_by_hand=args.posted, link=args.link))
    by_hand = svc.notice_to_post_by_hand(args.id)
    if by_hand is not None:  # the clock runs until someone posts it: still to do
        print("Publicera svaret för hand och kör sedan granska notify ID --posted [--link URL].")
        print("Text att publicera:\n" + by_hand)
        return EXIT_PENDING
    return code
