"""W1: the article page with a 1,000-comment discussion (see shared/bench/W1.md).

The data set is loaded through Autoblog's own models and services, as a
newsroom importing an old discussion would.
"""

import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.html import escape

from accounts.models import User
from articles.models import Article, Byline, Section
from comments.models import Comment
from comments.services import post_comment

DEFAULT_PATH = Path(settings.BASE_DIR).parent / "shared" / "bench" / "w1.json"


def read(path: Path = DEFAULT_PATH) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


@transaction.atomic
def load(data: dict) -> Article:
    """Create the W1 article, its readers and its comments; idempotent."""
    meta = data["article"]
    existing = Article.objects.filter(slug=meta["slug"]).first()
    if existing and existing.comment_count == len(data["comments"]):
        return existing
    if existing:
        raise RuntimeError(
            f"Article {meta['slug']} exists with a partial discussion; "
            "use a fresh database."
        )
    published_at = datetime.fromisoformat(meta["published_at"])
    section, _ = Section.objects.get_or_create(slug="news", defaults={"name": "News"})
    desk, _ = User.objects.get_or_create(
        username="w1-desk", defaults={"display_name": "Autoblog Desk"}
    )
    article = Article.objects.create(
        headline=meta["title"],
        slug=meta["slug"],
        body="".join(f"<p>{escape(p)}</p>" for p in meta["paragraphs"]),
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=published_at,
    )
    Byline.objects.create(article=article, author=desk)

    readers = User.objects.bulk_create(
        [
            User(
                username=r["username"],
                email=r["email"],
                first_name=r["first_name"],
                last_name=r["last_name"],
                display_name=r["display_name"],
                date_joined=published_at,
                approved_comments=2,  # imported: their comments were reviewed
                password=make_password(None),  # cannot sign in
            )
            for r in data["readers"]
        ]
    )
    created: list[Comment] = []
    for c in data["comments"]:
        created.append(
            post_comment(
                article=article,
                author=readers[c["author"]],
                body=c["body"],
                parent=created[c["parent"]] if c["parent"] is not None else None,
                at=datetime.fromisoformat(c["created_at"]),
            )
        )
    article.refresh_from_db()
    return article
