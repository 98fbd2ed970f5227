import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.flatpages.models import FlatPage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article
from autoblog.views import server_error
from tests.factories import (
    ArticleFactory,
    SectionFactory,
    SourceDocumentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def jpeg_upload(name="photo.jpg", size=(1200, 800)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def with_photo(article):
    article.lead_photo = jpeg_upload()
    article.photo_caption = "The new sedan on a mountain road."
    article.photo_credit = "Example Motors"
    article.photo_alt = "A blue sedan parked on a mountain road."
    article.save()
    return article


# Visibility


def test_published_story_is_public(client):
    article = ArticleFactory(headline="Carmaker recalls its sedan")

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "Carmaker recalls its sedan" in response.text


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
def test_unpublished_story_is_not_found(client, status):
    article = ArticleFactory(status=status)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404


def test_unpublished_story_is_left_out_of_lists(client):
    section = SectionFactory(name="Reviews")
    author = UserFactory(username="writer")
    ArticleFactory(headline="A public story", section=section, bylines=[author])
    ArticleFactory(
        headline="A secret draft",
        section=section,
        bylines=[author],
        status=Article.Status.DRAFT,
    )

    for url in (
        reverse("articles:home"),
        reverse("articles:section", kwargs={"slug": "reviews"}),
        reverse("articles:author", kwargs={"username": "writer"}),
    ):
        response = client.get(url)
        assert "A public story" in response.text
        assert "A secret draft" not in response.text


def test_scheduled_story_appears_on_its_minute_without_any_job(client):
    publish_at = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(headline="Embargoed sedan", published_at=publish_at)

    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Embargoed sedan" not in client.get(reverse("articles:home")).text

    with time_machine.travel(publish_at + timedelta(minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Embargoed sedan" in client.get(reverse("articles:home")).text


def test_author_without_published_stories_has_no_author_page(client, reader):
    response = client.get(reverse("articles:author", kwargs={"username": "reader"}))

    assert response.status_code == 404


def test_unknown_section_is_not_found(client):
    response = client.get(reverse("articles:section", kwargs={"slug": "nope"}))

    assert response.status_code == 404


# Pagination


def test_home_shows_ten_stories_per_page_newest_first(client):
    now = timezone.now()
    for n in range(12):
        ArticleFactory(headline=f"Story {n:02}", published_at=now - timedelta(hours=n))

    first = client.get(reverse("articles:home")).text
    second = client.get(reverse("articles:home"), {"page": 2}).text

    assert "Story 00" in first
    assert "Story 09" in first
    assert "Story 10" not in first
    assert "Story 10" in second
    assert "Story 11" in second
    assert "Page 1 of 2" in first


# Not named "page": pytest-playwright would take that for its browser page.
@pytest.mark.parametrize("number", ["0", "3", "abc", "1.5", "-1", "9" * 30])
def test_bad_page_number_is_not_found(client, number):
    ArticleFactory.create_batch(11)

    response = client.get(reverse("articles:home"), {"page": number})

    assert response.status_code == 404


# Query counts: pinned, and the same for one story as for fifty.


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_stories(count, *, section, author):
    for _ in range(count):
        with_tags = ArticleFactory(section=section, bylines=[author, UserFactory()])
        with_tags.tags.add("sedan", "recall")


LIST_PAGES = [
    # count, section, list, bylines with their authors, navigation sections
    ("articles:home", {}, 4),
    # + the section
    ("articles:section", {"slug": "news"}, 5),
    # + the author
    ("articles:author", {"username": "writer"}, 5),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), LIST_PAGES)
def test_list_page_queries_do_not_grow_with_stories(client, name, kwargs, expected):
    section = SectionFactory(name="News")
    author = UserFactory(username="writer")
    url = reverse(name, kwargs=kwargs)

    make_stories(1, section=section, author=author)
    with_one = count_queries(client, url)
    make_stories(49, section=section, author=author)
    with_fifty = count_queries(client, url)

    assert with_one == with_fifty == expected


def test_story_page_queries_do_not_grow_with_bylines_tags_or_documents(client):
    article = ArticleFactory()
    SourceDocumentFactory(article=article)
    article.tags.add("sedan")
    with_one = count_queries(client, article.get_absolute_url())

    bigger = ArticleFactory(bylines=UserFactory.create_batch(5))
    SourceDocumentFactory.create_batch(5, article=bigger)
    bigger.tags.add(*(f"tag-{n}" for n in range(10)))
    with_many = count_queries(client, bigger.get_absolute_url())

    # article with section, bylines with authors, documents, tags, navigation,
    # and the discussion's first page of threads (empty here)
    assert with_one == with_many == 6


def test_list_pages_show_nothing_but_public_stories_when_the_site_is_empty(client):
    response = client.get(reverse("articles:home"))

    assert response.status_code == 200
    assert "No stories have been published yet." in response.text


# The story page


def test_story_page_shows_headline_bylines_and_both_dates(client):
    first = UserFactory(username="ann", display_name="Ann Author")
    second = UserFactory(username="bob", display_name="Bob Byline")
    article = ArticleFactory(
        headline="Two carmakers share a platform",
        dek="The sedans will share parts.",
        bylines=[first, second],
        published_at=timezone.now() - timedelta(hours=3),
    )

    html = client.get(article.get_absolute_url()).text

    assert "<h1" in html
    assert "Two carmakers share a platform" in html
    assert "The sedans will share parts." in html
    assert reverse("articles:author", kwargs={"username": "ann"}) in html
    assert ">Ann Author</a> and <a" in html
    assert "3\xa0hours ago" in html
    assert f'datetime="{article.published_at.isoformat()}"' in html
    assert article.published_at.strftime("%b %-d, %Y") in html


def test_story_page_shows_lead_photo_renditions_and_sharing(client):
    article = with_photo(ArticleFactory(headline="Photo story"))

    html = client.get(article.get_absolute_url()).text

    assert "<picture>" in html
    assert 'type="image/webp"' in html
    for width in ("480w", "960w", "1600w"):
        assert width in html
    assert 'alt="A blue sedan parked on a mountain road."' in html
    assert "The new sedan on a mountain road." in html
    assert "Example Motors" in html
    assert 'href="#share-photo"' in html
    assert "Share This Photo" in html
    absolute_url = "http%3A%2F%2Ftestserver%2F" + article.slug
    assert f"https://www.facebook.com/sharer/sharer.php?u={absolute_url}" in html
    assert '<meta property="og:image" content="http://testserver/media/' in html
    assert '<meta property="og:title" content="Photo story">' in html


def test_press_release_is_folded_into_details_with_its_paragraphs(client):
    article = ArticleFactory()
    SourceDocumentFactory(
        article=article,
        title="Two carmakers agree",
        issuer="Example Motors Press Office",
        full_text="First <b>paragraph</b>.\n   \nSecond line one.\nSecond line two.",
    )

    html = client.get(article.get_absolute_url()).text

    assert "Press release: Two carmakers agree" in html
    assert "Example Motors Press Office" in html
    assert "<details" in html
    assert "Show full PR text" in html
    assert "<p>First &lt;b&gt;paragraph&lt;/b&gt;.</p>" in html
    assert "<p>Second line one.<br>Second line two.</p>" in html


def test_comments_heading_and_closed_notice(client):
    open_story = ArticleFactory()
    closed_story = ArticleFactory(comments_open=False)

    open_html = client.get(open_story.get_absolute_url()).text
    closed_html = client.get(closed_story.get_absolute_url()).text

    assert 'id="comments"' in open_html
    assert "0 Comments" in open_html
    assert "Comments are closed for this story." not in open_html
    assert "Comments are closed for this story." in closed_html


# Preview


def preview_url(article):
    return reverse("articles:preview", kwargs={"pk": article.pk})


def test_journalist_previews_own_draft(client, journalist):
    article = ArticleFactory(
        headline="My draft", status=Article.Status.DRAFT, bylines=[journalist]
    )
    client.force_login(journalist)

    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert "Preview — not published." in response.text
    assert "My draft" in response.text
    assert 'content="noindex, nofollow"' in response.text


def test_journalist_cannot_preview_someone_elses_draft(client, journalist):
    article = ArticleFactory(status=Article.Status.DRAFT)
    client.force_login(journalist)

    response = client.get(preview_url(article))

    assert response.status_code == 403


def test_editor_previews_any_draft(client, editor):
    article = ArticleFactory(status=Article.Status.REVIEW)
    client.force_login(editor)

    response = client.get(preview_url(article))

    assert response.status_code == 200
    assert "it is in review" in response.text


def test_anonymous_visitor_is_sent_to_sign_in_for_a_preview(client):
    article = ArticleFactory(status=Article.Status.DRAFT)

    response = client.get(preview_url(article))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_reader_cannot_preview(client, reader):
    article = ArticleFactory(status=Article.Status.DRAFT, bylines=[reader])
    client.force_login(reader)

    response = client.get(preview_url(article))

    assert response.status_code == 403
    assert "You cannot open this page" in response.text


def test_preview_of_unknown_or_malformed_id_is_not_found(client, editor):
    client.force_login(editor)

    assert (
        client.get(reverse("articles:preview", kwargs={"pk": 999999})).status_code
        == 404
    )
    assert client.get("/preview/abc/").status_code == 404


# Error pages and the guidelines


def test_missing_page_renders_in_site_look(client):
    response = client.get("/no-such-story/")

    assert response.status_code == 404
    assert "We cannot find that page" in response.text
    assert "site-header" in response.text
    assert "css/site.css" in response.text


def test_server_error_page_needs_no_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert "css/site.css" in response.content.decode()


def test_community_guidelines_page_renders(client):
    response = client.get("/community-guidelines/")

    assert response.status_code == 200
    assert "<h1" in response.text
    assert "Community Guidelines" in response.text
    assert "No hate speech" in response.text
    assert "serious or repeated violations" in response.text.lower()


def test_community_guidelines_page_is_sanitised(client):
    page = FlatPage.objects.get(url="/community-guidelines/")
    page.title = "<script>alert('title')</script>Guidelines"
    page.content = "<p onclick=\"alert('x')\">Be kind.</p><script>alert('y')</script>"
    page.save()

    html = client.get("/community-guidelines/").text

    assert "<script>alert" not in html
    assert "onclick" not in html
    assert "alert('y')" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;Guidelines" in html
    assert "<p>Be kind.</p>" in html


def test_tags_are_listed_on_the_story(client):
    article = ArticleFactory()
    article.tags.add("hybrid")

    html = client.get(article.get_absolute_url()).text

    assert '<li class="tag">hybrid</li>' in html
