"""Reads for the public pages and the newsroom preview.

Each function returns a QuerySet that fetches a page in a fixed number of
queries, however many stories, bylines, tags or documents there are.
"""

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import User

from .models import BYLINES_WITH_AUTHORS, Article, Byline, Section


def published_stories(
    *, section: Section | None = None, author: User | None = None
) -> QuerySet[Article]:
    """Stories readers may see, newest first, ready for a list of cards."""
    stories = Article.objects.published().for_listing()
    if section is not None:
        stories = stories.filter(section=section)
    if author is not None:
        # A byline is unique per article and author, so the join adds no rows.
        stories = stories.filter(bylines__author=author)
    return stories


def _with_story_page_relations(stories: QuerySet[Article]) -> QuerySet[Article]:
    return stories.select_related("section").prefetch_related(
        BYLINES_WITH_AUTHORS, "documents", "tags"
    )


def published_story_pages() -> QuerySet[Article]:
    """Published stories with everything their page shows; look one up by slug."""
    return _with_story_page_relations(Article.objects.published())


def previewable_story_pages() -> QuerySet[Article]:
    """Any story, published or not, with everything its page shows."""
    return _with_story_page_relations(Article.objects.all())


def can_preview(*, user: User, article: Article) -> bool:
    """Newsroom staff who may change this story may read it before it is public."""
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("articles.change_article")
        and Article.objects.editable_by(user).filter(pk=article.pk).exists()
    )


def bylined_authors() -> QuerySet[User]:
    """Users with at least one published story; others have no author page."""
    return User.objects.filter(
        Exists(
            Byline.objects.filter(
                author=OuterRef("pk"), article__in=Article.objects.published()
            )
        )
    )
