"""Synthetic discussions of any size, for scaling runs.

Rows are written in bulk rather than through the services: a 100,000-comment
thread would otherwise take many minutes to build, and what is measured is
reading and posting, not the import.
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Byline, Section
from comments.models import MAX_DEPTH, Comment
from comments.services import render_body

WORDS = [
    "engine",
    "torque",
    "sedan",
    "recall",
    "dealer",
    "battery",
    "range",
    "charger",
    "hatchback",
    "pickup",
    "warranty",
    "mileage",
    "transmission",
    "hybrid",
    "crossover",
    "price",
    "tariff",
    "plant",
    "alliance",
    "badge",
    "design",
    "grille",
    "wheelbase",
    "suspension",
    "brakes",
    "interior",
    "trim",
    "lease",
    "review",
    "winter",
    "tyres",
    "highway",
    "commute",
    "towing",
    "payload",
    "efficiency",
    "rebate",
    "market",
]
READERS = 200


def slug_for(size: int) -> str:
    return f"synthetic-discussion-{size}"


@transaction.atomic
def generate(size: int, *, seed: int = 1) -> Article:
    """An article with ``size`` comments, nested as the site nests them."""
    existing = Article.objects.filter(slug=slug_for(size)).first()
    if existing:
        return existing
    rng = random.Random(seed)
    now = timezone.now()
    section, _ = Section.objects.get_or_create(slug="news", defaults={"name": "News"})
    article = Article.objects.create(
        headline=f"A story with {size:,} comments",
        slug=slug_for(size),
        body="<p>Synthetic story for scaling runs.</p>",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=now - timedelta(days=366),
        comment_count=size,
    )
    readers = User.objects.bulk_create(
        [
            User(
                username=f"synth{size}-{i}",
                display_name=f"Reader {i}",
                email=f"synth{size}-{i}@example.com",
                password=make_password(None),
                date_joined=now - timedelta(days=400),
                approved_comments=2,
            )
            for i in range(READERS)
        ]
    )
    Byline.objects.create(article=article, author=readers[0])

    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM comments_comment")
        next_id = cursor.fetchone()[0] + 1
    # W1's shape: a quarter of the comments start threads, the rest are
    # replies spread over the threads, each to an earlier comment of its thread.
    root_count = max(1, size // 4)
    threads: list[list[int]] = [[] for _ in range(root_count)]
    for _ in range(size - root_count):
        threads[rng.randrange(root_count)].append(0)
    root_step = timedelta(days=360) / root_count
    rows: list[Comment] = []
    for n, replies in enumerate(threads):
        root_time = article.published_at + root_step * (n + 1)
        offsets = sorted(rng.uniform(60, 5 * 86400) for _ in replies)
        members: list[Comment] = []
        for offset in [None, *offsets]:
            parent = rng.choice(members) if members else None
            reply_to = None
            if parent is not None and parent.depth >= MAX_DEPTH:
                reply_to = parent
                parent = next(m for m in members if m.pk == parent.parent_id)
            body = " ".join(rng.choices(WORDS, k=rng.randint(20, 80))).capitalize()
            comment = Comment(
                id=next_id,
                article=article,
                author=readers[rng.randrange(READERS)],
                parent_id=parent.pk if parent else None,
                root_id=members[0].pk if members else None,
                reply_to_id=reply_to.pk if reply_to else None,
                depth=min(parent.depth + 1, MAX_DEPTH) if parent else 0,
                body=body + ".",
                body_html=render_body(body + "."),
                created_at=root_time + timedelta(seconds=offset or 0),
                like_count=rng.randrange(0, 12),
            )
            next_id += 1
            members.append(comment)
        rows.extend(members)
    Comment.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('comments_comment', 'id'), "
            "(SELECT MAX(id) FROM comments_comment))"
        )
        # As autovacuum would soon after such a load: without statistics the
        # planner misjudges the table and the first page slows down.
        cursor.execute("ANALYZE comments_comment")
    return article
