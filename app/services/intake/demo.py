"""A realistic Swedish demo: the guideline's channels, administrators, and posts with the
comments a municipality really gets, scaling from a handful to a million items."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import InputError
from app.models import Account
from app.models.base import utcnow
from app.services.accounts.accounts import AccountService
from app.services.intake.importer import ImportResult, ImportService, IncomingItem, Progress
from app.services.intake.incoming import known_total

DEMO_ACCOUNTS = [
    # key, platform, name, page url, active
    ("facebook", "facebook", "Vadstena kommun", "https://www.facebook.com/vadstenakommun", True),
    ("instagram", "instagram", "vadstenakommun", "https://www.instagram.com/vadstenakommun", True),
    ("youtube", "youtube", "Vadstena Play", "https://www.youtube.com/@vadstenaplay", True),
    ("x", "x", "@vadstenakommun", "https://x.com/vadstenakommun", True),
    ("linkedin", "linkedin", "Vadstena kommun", "https://www.linkedin.com/company/vadstena-kommun", False),
    ("intranat", "intranet", "Internwebben", "https://intranat.vadstena.se", True),
]  # fmt: skip

DEMO_ADMINS = [
    ("sofia", "Sofia Löf", "sofia.lof@vadstena.se", "kommunikationschef@vadstena.se"),
    ("erik", "Erik Holm", "erik.holm@vadstena.se", "sofia.lof@vadstena.se"),
    ("amina", "Amina Yusuf", "amina.yusuf@vadstena.se", "sofia.lof@vadstena.se"),
]
# LinkedIn has one administrator only, so the register's "fewer than two" warning shows.
DEMO_ASSIGNMENTS = {
    "facebook": ["sofia", "erik"],
    "instagram": ["erik", "amina"],
    "youtube": ["sofia", "amina"],
    "x": ["sofia", "erik", "amina"],
    "linkedin": ["sofia"],
    "intranat": ["erik", "amina"],
}

POSTS = [
    "Nu är det klart: biblioteket får förlängda öppettider från 1 mars.",
    "Välkommen på Medeltidsdagarna i helgen! Program finns på vadstena.se.",
    "Vägarbete på Storgatan vecka 12–14. Kör försiktigt och följ skyltningen.",
    "Kommunen söker sommarvikarier inom äldreomsorgen. Sök senast 31 mars.",
    "Simhallen stänger för renovering under april. Vi öppnar igen i maj.",
    "Nu kan du lämna synpunkter på den nya översiktsplanen.",
    "Snöröjningen är i full gång. Prioriterade vägar plogas först.",
    "Se filmen om hur vi bygger den nya förskolan i Ödeshög-vägen!",
]

COMMENTS: dict[str, list[str]] = {
    "question": [
        "Hej! När öppnar simhallen igen efter renoveringen?",
        "Var kan man hämta nya sopkärl? Vårt gick sönder i stormen.",
        "Gäller de nya öppettiderna även på lördagar?",
        "Hur ansöker man om parkeringstillstånd för boende?",
        "Finns det fortfarande platser kvar på sommarlovsaktiviteterna?",
    ],
    "thanks": [
        "Tack för snabb hjälp med bygglovet! Riktigt bra service.",
        "Vilken fin film, fantastiskt jobbat av alla inblandade!",
        "Tack till snöröjarna som var ute redan klockan fyra i morse.",
        "Härligt att biblioteket får längre öppettider 👏",
    ],
    "innocent": [  # bad-word substrings inside innocent words: must not be flagged
        "Fantastiskt fint i hamnen i kväll, fanns många båtar där.",
        "Skickade ansökan i Helvetica-typsnitt, hoppas det går bra 😊",
        "Min dotter spelar Satanella på teatern i Motala i helgen.",
        "Vi åkte till Spanien men saknade Vadstena hela tiden.",
        "Hur stor är skillnaden mellan åtgärdsplanen och budgeten?",
    ],
    "profanity": [
        "Vad fan håller ni på med? Jävla skämt till vägarbete.",
        "Helvete vad dåligt plogat det är på vår gata igen.",
        "Skitsnack från kommunen som vanligt.",
    ],
    "attack": [
        "Ni på kommunen är ena idioter allihop.",
        "Handläggaren är en inkompetent lögnhals och borde sparkas.",
    ],
    "ad": [
        "Köp nu! Billiga solglasögon med rabattkod VADSTENA50 på www.billigt-exempel.se",
        "Tjäna pengar hemifrån! Klicka här: http://snabba-pengar.example.com",
        "Bästa priset på takläggning, DM för pris!",
    ],
    "personal": [
        "Min granne har personnummer 811218-9876 och fuskar med bidrag.",
        "Ring mig på 070-123 45 67 så berättar jag mer om rektorn.",
        "Mejla min handläggare anna.svensson@example.com, hon svarar aldrig.",
    ],
    "political": [
        "Varför röstade kommunfullmäktige för att lägga ner skolan?",
        "Vilket parti ligger bakom beslutet om nya vindkraftverk?",
        "Tänker politikerna göra något åt bostadsbristen före valet?",
    ],
    "hate": [
        "De där invandrarna är ohyra och borde utrotas.",
        "Skicka hem allihop, de är parasiter på vår välfärd.",
    ],
    "threat": [
        "Om ni inte ändrar beslutet ska jag bränn ner kommunhuset.",
    ],
    "spam": [
        "Casino bonus 500 kr utan insättning!!! www.casino-exempel.com",
        "Bitcoin-investering ger 300 % på en vecka, buy now",
    ],
}
# How often each kind of comment appears (weights).
MIX = {
    "question": 30, "thanks": 25, "innocent": 15, "profanity": 6, "attack": 4, "ad": 5,
    "personal": 4, "political": 6, "hate": 2, "threat": 1, "spam": 2,
}  # fmt: skip
FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Johan",
    "Eva",
    "Anders",
    "Sara",
    "Mohammed",
    "Fatima",
    "Per",
    "Lena",
    "Olle",
    "Ingrid",
    "Ali",
    "Zeynep",
    "Björn",
]
LAST_NAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Lindqvist",
    "Hassan",
    "Öberg",
    "Åkesson",
]
COMMENTS_PER_POST = 20


@dataclass(frozen=True)
class DemoResult:
    accounts_created: int
    items: ImportResult


def _ensure_accounts(sessions: sessionmaker[Session]) -> int:
    service = AccountService(sessions)
    with sessions() as session:
        existing = set(session.scalars(select(Account.key)))
    created = 0
    for key, platform, name, url, active in DEMO_ACCOUNTS:
        if key not in existing:
            service.add_account(key, platform, name, page_url=url, active=active)
            created += 1
    for username, name, email, manager in DEMO_ADMINS:
        try:
            service.add_administrator(username, name, email=email, manager_email=manager)
        except InputError:
            pass  # already there from an earlier demo
    for key, usernames in DEMO_ASSIGNMENTS.items():
        for username in usernames:
            service.assign(key, username)
    return created


def demo_items(count: int, *, now: datetime | None = None, seed: int = 2017) -> Iterator[IncomingItem]:
    """`count` items: posts on the active channels, each followed by its comments and replies."""
    rng = random.Random(seed)
    now = now or utcnow()
    accounts = [(k, p, url) for k, p, _n, url, active in DEMO_ACCOUNTS if active]
    kinds = list(MIX)
    weights = [MIX[k] for k in kinds]
    span = timedelta(days=60).total_seconds()
    produced = 0
    post_no = 0
    while produced < count:
        key, platform, url = accounts[post_no % len(accounts)]
        post_id = f"{key}-p{post_no}"
        post_time = now - timedelta(seconds=rng.random() * span)
        yield IncomingItem(
            account=key, platform=platform, external_id=post_id, kind="post",
            text=POSTS[post_no % len(POSTS)], created_at=post_time,
            author_name="Vadstena kommun", author_id=f"{key}-kommunen",
            permalink=f"{url}/posts/{post_no}", raw={"demo": True, "id": post_id},
        )  # fmt: skip
        produced += 1
        comment_ids: list[str] = []
        for c in range(min(COMMENTS_PER_POST, count - produced)):
            kind = rng.choices(kinds, weights)[0]
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            author_no = rng.randrange(5000)
            external_id = f"{post_id}_c{c}"
            parent = comment_ids[-1] if comment_ids and rng.random() < 0.2 else None
            created = min(now, post_time + timedelta(seconds=rng.random() * 3 * 86400))
            yield IncomingItem(
                account=key, platform=platform, external_id=external_id,
                parent_external_id=parent or post_id, post_external_id=post_id,
                kind="comment", text=rng.choice(COMMENTS[kind]), created_at=created,
                author_name=f"{first} {last}", author_id=f"u{author_no}",
                author_url=f"{url}/u{author_no}", permalink=f"{url}/posts/{post_no}?c={c}",
                raw={"demo": True, "kind": kind, "id": external_id},
            )  # fmt: skip
            comment_ids.append(external_id)
            produced += 1
        post_no += 1


def load_demo(
    sessions: sessionmaker[Session], items: int = 500, progress: Progress | None = None
) -> DemoResult:
    if items < 0:
        raise InputError("Antalet poster kan inte vara negativt.")
    created = _ensure_accounts(sessions)
    result = ImportService(sessions).import_items(demo_items(items), progress, expected=known_total(items))
    return DemoResult(created, result)
