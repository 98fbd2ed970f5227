"""The publishing workflow: draft → in review → published (possibly scheduled).

The admin's actions call these functions, and so should any view or command, so
that the rules hold the same way everywhere. Each change leaves a history row
(django-simple-history) naming who made it and why.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import Article

PUBLISH_PERMISSION = "articles.publish_article"


class PublishingError(Exception):
    """A workflow step that does not apply to the story as it stands."""


def can_publish(user: User) -> bool:
    """Whether the user may publish, schedule and unpublish stories (editors)."""
    return user.has_perm(PUBLISH_PERMISSION)


def _lock(article: Article) -> Article:
    # A fresh, locked copy: two editors acting at once serialise here, and the
    # checks below see the state that will actually be changed.
    return Article.objects.select_for_update().get(pk=article.pk)


def _save(article: Article, *, user: User, reason: str, fields: list[str]) -> None:
    article._history_user = user
    article._change_reason = reason
    article.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def submit_for_review(*, article: Article, user: User) -> Article:
    """Hand a draft to the editors; journalists may do this for their own stories."""
    if not (
        user.has_perm("articles.change_article")
        and Article.objects.editable_by(user).filter(pk=article.pk).exists()
    ):
        raise PermissionDenied("You can only submit your own stories for review.")
    article = _lock(article)
    if article.status == Article.Status.REVIEW:
        raise PublishingError("This story is already waiting for review.")
    if article.status == Article.Status.PUBLISHED:
        raise PublishingError(
            "This story is already published. "
            "Ask an editor to unpublish it if it needs another review."
        )
    article.status = Article.Status.REVIEW
    _save(article, user=user, reason="Submitted for review.", fields=["status"])
    return article


@transaction.atomic
def publish_article(
    *, article: Article, user: User, at: datetime | None = None
) -> Article:
    """Publish a story now, or schedule it when ``at`` lies in the future."""
    if not can_publish(user):
        raise PermissionDenied("Only an editor can publish or schedule a story.")
    article = _lock(article)
    if at is None and article.is_public:
        raise PublishingError("This story is already published.")
    now = timezone.now()
    article.status = Article.Status.PUBLISHED
    article.published_at = at or now
    reason = "Scheduled." if article.published_at > now else "Published."
    _save(article, user=user, reason=reason, fields=["status", "published_at"])
    return article


@transaction.atomic
def unpublish_article(*, article: Article, user: User) -> Article:
    """Take a published or scheduled story back to draft."""
    if not can_publish(user):
        raise PermissionDenied("Only an editor can unpublish a story.")
    article = _lock(article)
    if article.status != Article.Status.PUBLISHED:
        raise PublishingError(
            "This story is not published, so there is nothing to unpublish."
        )
    article.status = Article.Status.DRAFT
    article.published_at = None
    _save(
        article,
        user=user,
        reason="Unpublished.",
        fields=["status", "published_at"],
    )
    return article
