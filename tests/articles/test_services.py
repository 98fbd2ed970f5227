import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article
from articles.services import (
    PublishingError,
    publish_article,
    submit_for_review,
    unpublish_article,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def draft_by(author, **kwargs):
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, bylines=[author], **kwargs
    )


def test_journalist_submits_own_draft_for_review(journalist):
    article = draft_by(journalist)

    submit_for_review(article=article, user=journalist)

    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert article.published_at is None


def test_journalist_cannot_submit_someone_elses_draft(journalist):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    with pytest.raises(PermissionDenied):
        submit_for_review(article=article, user=journalist)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_submitting_twice_is_refused_with_a_sentence(journalist):
    article = draft_by(journalist)
    submit_for_review(article=article, user=journalist)

    with pytest.raises(PublishingError, match=r"already waiting for review\.$"):
        submit_for_review(article=article, user=journalist)


def test_published_story_cannot_go_back_to_review(editor):
    article = ArticleFactory()

    with pytest.raises(PublishingError, match="already published"):
        submit_for_review(article=article, user=editor)


def test_journalist_cannot_publish(journalist):
    article = draft_by(journalist)

    with pytest.raises(PermissionDenied):
        publish_article(article=article, user=journalist)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_editor_publishes_now(editor, journalist):
    article = draft_by(journalist)
    before = timezone.now()

    publish_article(article=article, user=editor)

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert before <= article.published_at <= timezone.now()
    assert article.is_public
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_editor_schedules_for_a_future_time(editor, journalist):
    article = draft_by(journalist)
    at = timezone.now() + timezone.timedelta(days=1)

    publish_article(article=article, user=editor, at=at)

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == at
    assert not article.is_public
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_scheduled_story_can_be_published_now(editor):
    article = ArticleFactory(published_at=timezone.now() + timezone.timedelta(days=1))

    publish_article(article=article, user=editor)

    article.refresh_from_db()
    assert article.is_public


def test_publishing_a_live_story_again_is_refused(editor):
    article = ArticleFactory()

    with pytest.raises(PublishingError, match=r"already published\.$"):
        publish_article(article=article, user=editor)


def test_editor_unpublishes_back_to_draft(editor):
    article = ArticleFactory()

    unpublish_article(article=article, user=editor)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None


def test_journalist_cannot_unpublish_own_story(journalist):
    article = ArticleFactory(bylines=[journalist])

    with pytest.raises(PermissionDenied):
        unpublish_article(article=article, user=journalist)

    article.refresh_from_db()
    assert article.is_public


def test_unpublishing_a_draft_is_refused(editor, journalist):
    article = draft_by(journalist)

    with pytest.raises(PublishingError, match="nothing to unpublish"):
        unpublish_article(article=article, user=editor)


def test_each_step_leaves_a_history_row_naming_who_and_why(journalist, editor):
    article = draft_by(journalist)

    submit_for_review(article=article, user=journalist)
    publish_article(article=article, user=editor)
    unpublish_article(article=article, user=editor)

    steps = [
        (row.status, row.history_user, row.history_change_reason)
        for row in article.history.order_by("history_date", "history_id")
    ][1:]
    assert steps == [
        (Article.Status.REVIEW, journalist, "Submitted for review."),
        (Article.Status.PUBLISHED, editor, "Published."),
        (Article.Status.DRAFT, editor, "Unpublished."),
    ]
