"""Demo discussions: our own words, in the voice of car-site regulars.

Commenters other than the demo readers have no password: they exist so
that the threads read like a real discussion.
"""

from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import User
from articles.models import Article
from comments.services import post_comment
from moderation.models import Guideline
from moderation.services import report_comment

COMMENTERS = {
    "torque_tina": "Tina Torque",
    "sedan_sam": "Sam Sedan",
    "rustbelt_rick": "Rick from Rustbelt",
    "evlina": "Evlina K.",
    "dieselhead": "Diesel Dan",
    "the_appraiser": "The Appraiser",
    "hatch_hannah": "Hannah Hatch",
}

# Each comment: (key, key of the comment it answers or None, author, text).
THREADS = {
    "tessaly-norvane-alliance-midsize-sedans": [
        (
            "a",
            None,
            "sedan_sam",
            "Good. Two mediocre sedans become one decent one. I'd rather they pool "
            "money than quit the segment entirely.",
        ),
        (
            "a1",
            "a",
            "rustbelt_rick",
            "Badge engineering never ends well. Ask anyone who owned the twin-brand "
            "vans in the nineties.",
        ),
        (
            "a2",
            "a1",
            "sedan_sam",
            "Those vans were cheap because they were built cheap. Sharing a platform "
            "isn't the problem, cutting corners is.",
        ),
        (
            "a3",
            "a2",
            "the_appraiser",
            "Resale tells the story. The twin that wears the cheaper badge always "
            "trades for less, same car or not.",
        ),
        (
            "a4",
            "a",
            "reader1",
            "If the Meridian gets the Tessaly hybrid I'm interested. The current "
            "Norvane engine is thirsty.",
        ),
        (
            "b",
            None,
            "evlina",
            "No word on an electric version in the release. A new sedan platform in "
            "this decade without a plug seems like a missed chance.",
        ),
        (
            "b1",
            "b",
            "dieselhead",
            "Not everyone can charge at home. A good hybrid is the honest answer for "
            "a family sedan.",
        ),
        (
            "b2",
            "b1",
            "evlina",
            "Fair, but the platform will live ten years. It should at least be ready "
            "for batteries.",
        ),
        (
            "b3",
            "b2",
            "torque_tina",
            "The release says 'electrified powertrains', which usually means a mild "
            "hybrid and a promise.",
        ),
        (
            "b4",
            "b3",
            "reader1",
            "Read the last paragraph of the release again: they only commit to the "
            "hybrid for now.",
        ),
        (
            "c",
            None,
            "hatch_hannah",
            "Which dealers will service it? That is what decides whether I buy one, "
            "not the badge on the grille.",
        ),
        (
            "d",
            None,
            "the_appraiser",
            "Both brands need volume. This keeps two factories busy for a while, "
            "which is good news for the towns around them.",
        ),
    ],
    "ambrose-recalls-tallis-crossovers-fuel-pump": [
        (
            "a",
            None,
            "hatch_hannah",
            "Got the letter yesterday. The dealer says parts arrive in six weeks. "
            "Meanwhile I keep the tank above a quarter, as advised.",
        ),
        (
            "a1",
            "a",
            "rustbelt_rick",
            "Six weeks is optimistic. Ask them for a loaner in writing.",
        ),
        (
            "b",
            None,
            "dieselhead",
            "Third fuel-system recall for this supplier in two years. Someone should "
            "be asking questions.",
        ),
    ],
    "quillon-wren-electric-hatchback-range": [
        (
            "a",
            None,
            "evlina",
            "214 miles is enough for nearly everyone. The price is what matters now.",
        ),
        (
            "a1",
            "a",
            "torque_tina",
            "Winter range is the number I want. Cold mornings take a big bite out of "
            "small batteries.",
        ),
        (
            "b",
            None,
            "hatch_hannah",
            "Finally a small electric hatch that isn't a crossover on stilts. Please "
            "keep the rear wiper.",
        ),
    ],
}

# A newcomer's comment, held until a moderator approves it.
HELD = (
    "tessaly-norvane-alliance-midsize-sedans",
    "reader2",
    "First time commenting. Has anyone driven the current Tessaly sedan? "
    "Wondering how the seats hold up on long trips.",
)

# Readers who flag a rude reply, so that the queue has a case to show.
RUDE = (
    "tessaly-norvane-alliance-midsize-sedans",
    "dieselhead",
    "Only a clueless fool would buy a rebadged sedan. Do some homework.",
)
REPORTERS = ["sedan_sam", "evlina", "hatch_hannah"]


@transaction.atomic
def load_discussions(*, users: dict[str, User], now: datetime) -> None:
    """Add the demo threads to stories that have no comments yet."""
    people = {**users, **_commenters(now)}
    for slug, threads in THREADS.items():
        article = Article.objects.filter(slug=slug, comment_count=0).first()
        if article is None:
            continue
        posted = {}
        when = article.published_at
        for key, answers, author, text in threads:
            when += timedelta(minutes=37)
            posted[key] = post_comment(
                article=article,
                author=people[author],
                body=text,
                parent=posted.get(answers),
                at=when,
            )
        if slug == RUDE[0]:
            _, author, text = RUDE
            when += timedelta(minutes=37)
            rude = post_comment(
                article=article, author=people[author], body=text, at=when
            )
            reason = Guideline.objects.get(code="harassment")
            for name in REPORTERS:
                report_comment(comment=rude, reporter=people[name], guideline=reason)
            _, author, text = HELD
            post_comment(article=article, author=people[author], body=text)


def _commenters(now: datetime) -> dict[str, User]:
    people = {}
    for username, display_name in COMMENTERS.items():
        people[username], _ = User.objects.get_or_create(
            username=username,
            defaults={
                "display_name": display_name,
                "email": f"{username}@example.com",
                "password": make_password(None),
                "date_joined": now - timedelta(days=400),
                "approved_comments": 2,
            },
        )
    return people
