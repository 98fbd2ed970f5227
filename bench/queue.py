"""Open moderation cases in bulk, for the queue's scaling run and its tests."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from articles.models import Article, Section
from comments.models import Comment
from moderation.models import Case, Guideline, Report


@transaction.atomic
def open_cases(count: int) -> list[Case]:
    """``count`` open reported-comment cases with a report each, spread over
    five articles and twenty authors, written in a few statements."""
    now = timezone.now()
    guidelines = list(Guideline.objects.filter(active=True))
    section, _ = Section.objects.get_or_create(slug="news", defaults={"name": "News"})
    batch = Case.objects.count()
    articles = [
        Article.objects.get_or_create(
            slug=f"reported-{n}",
            defaults={
                "headline": f"Story {n} with reported comments",
                "body": "<p>A story for the queue's scaling run.</p>",
                "section": section,
                "status": Article.Status.PUBLISHED,
                "published_at": now - timedelta(days=30),
            },
        )[0]
        for n in range(5)
    ]
    people = User.objects.bulk_create(
        User(
            username=f"queue{batch}-{n}",
            email=f"queue{batch}-{n}@example.com",
            display_name=f"Queue Reader {n}",
            password=make_password(None),
            approved_comments=2,
            date_joined=now - timedelta(days=90),
        )
        for n in range(21)
    )
    authors, reporter = people[:20], people[20]
    comments = Comment.objects.bulk_create(
        Comment(
            article=articles[n % len(articles)],
            author=authors[n % len(authors)],
            body=f"Comment {n} about the car.",
            body_html=f"<p>Comment {n} about the car.</p>",
            created_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )
    cases = Case.objects.bulk_create(
        Case(
            kind=Case.Kind.REPORTED_COMMENT,
            comment=comment,
            subject=comment.author,
            article=comment.article,
            report_weight=(n % 7) * 0.5,
            report_count=1,
            opened_at=now - timedelta(minutes=n),
        )
        for n, comment in enumerate(comments)
    )
    Report.objects.bulk_create(
        Report(
            reporter=reporter,
            comment=case.comment,
            guideline=guidelines[n % len(guidelines)],
            weight=case.report_weight,
            case=case,
            created_at=case.opened_at,
        )
        for n, case in enumerate(cases)
    )
    # As autovacuum would after such a load: without statistics the planner
    # misjudges the new tables' sizes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE moderation_case, moderation_report, comments_comment")
    return cases
