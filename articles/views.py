from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from comments.views import discussion_context

from . import selectors
from .models import Article, Section

STORIES_PER_PAGE = 10


def _page_of(request, stories: QuerySet[Article]) -> Page:
    try:
        return Paginator(stories, STORIES_PER_PAGE).page(request.GET.get("page", 1))
    except InvalidPage as error:
        raise Http404("There is no such page of stories.") from error


def home(request):
    page = _page_of(request, selectors.published_stories())
    return render(request, "articles/home.html", {"page_obj": page})


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page_of(request, selectors.published_stories(section=section))
    return render(
        request, "articles/section.html", {"section": section, "page_obj": page}
    )


def author(request, username):
    author = get_object_or_404(selectors.bylined_authors(), username=username)
    page = _page_of(request, selectors.published_stories(author=author))
    return render(request, "articles/author.html", {"author": author, "page_obj": page})


def _story_page_context(request, article: Article, *, preview: bool) -> dict:
    return {
        "article": article,
        "preview": preview,
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
        # JPEG rather than WebP: link-preview scrapers take JPEG everywhere.
        "og_image_url": request.build_absolute_uri(article.photo_fallback.url)
        if article.lead_photo
        else "",
    }


def detail(request, slug):
    article = get_object_or_404(selectors.published_story_pages(), slug=slug)
    context = _story_page_context(request, article, preview=False)
    context.update(discussion_context(request, article))
    return render(request, "articles/article_detail.html", context)


@never_cache
@login_required(login_url="admin:login")
def preview(request, pk):
    # Permission before lookup, so that readers cannot probe which ids exist.
    if not (request.user.is_staff and request.user.has_perm("articles.change_article")):
        raise PermissionDenied
    article = get_object_or_404(selectors.previewable_story_pages(), pk=pk)
    if not selectors.can_preview(user=request.user, article=article):
        raise PermissionDenied
    return render(
        request,
        "articles/article_detail.html",
        _story_page_context(request, article, preview=True),
    )
