"""The article page with its discussion, as readers get it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def bulk_discussion(article, size):
    """``size`` comments, a third of them top-level, written in two inserts."""
    author = UserFactory()
    roots = Comment.objects.bulk_create(
        CommentFactory.build(article=article, author=author, body_html="<p>Root.</p>")
        for _ in range(max(1, size // 3))
    )
    Comment.objects.bulk_create(
        CommentFactory.build(
            article=article,
            author=author,
            parent=roots[i % len(roots)],
            body_html="<p>Reply.</p>",
        )
        for i in range(size - len(roots))
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("signed_in", [False, True])
def test_article_page_queries_are_the_same_for_1_100_and_10000_comments(
    client, signed_in
):
    if signed_in:
        client.force_login(UserFactory())
    counts = []
    for size in (1, 100, 10_000):
        article = ArticleFactory()
        bulk_discussion(article, size)
        counts.append(queries_for(client, article.get_absolute_url()))
    # story, bylines with authors, documents, tags, navigation, threads, replies
    # (+ session, user, unread notices and the viewer's likes when signed in)
    assert counts == ([11, 11, 11] if signed_in else [7, 7, 7])


def test_discussion_shows_names_times_bodies_and_controls(client):
    article = ArticleFactory()
    top = CommentFactory(article=article, body="Top-level thought")
    reply = CommentFactory(article=article, parent=top, body="A reply")
    html = client.get(article.get_absolute_url()).text
    assert "2 Comments" in html
    assert top.author.display_name in html
    assert f'href="/accounts/u/{top.author.username}/"' in html
    assert "Top-level thought" in html and "A reply" in html
    assert "<time datetime=" in html
    for control in ("/like/", "/reply/", "/report/", f'href="/comments/{reply.pk}/"'):
        assert control in html
    assert "Sign in to comment" in html


def test_relative_times_read_like_the_original(client):
    article = ArticleFactory()
    CommentFactory(article=article, created_at=timezone.now() - timedelta(days=400))
    CommentFactory(article=article, created_at=timezone.now() - timedelta(seconds=1))
    html = client.get(article.get_absolute_url()).text
    assert "1 year ago" in html
    assert "1 second ago" in html


def test_tombstones_are_shown_in_place_with_their_replies(client):
    article = ArticleFactory()
    deleted = CommentFactory(article=article, status=Comment.Status.DELETED)
    hidden = CommentFactory(article=article, status=Comment.Status.HIDDEN, body="Spam")
    CommentFactory(article=article, parent=deleted, body="Still here")
    html = client.get(article.get_absolute_url()).text
    assert "This comment was deleted by its author." in html
    assert "This comment was removed by a moderator." in html
    assert "Still here" in html
    assert "Spam" not in html
    assert hidden.author.display_name not in html


def test_deep_reply_is_prefixed_with_the_name_it_answers(client):
    article = ArticleFactory()
    chain = [CommentFactory(article=article)]
    for _ in range(3):
        chain.append(CommentFactory(article=article, parent=chain[-1]))
    target = chain[-1]
    CommentFactory(
        article=article, parent=chain[-2], root=chain[0], depth=3, reply_to=target
    )
    html = client.get(article.get_absolute_url()).text
    assert f'href="#c{target.pk}">@{target.author.display_name}</a>' in html


def test_load_more_is_a_link_without_javascript_and_keyset_paged(client, settings):
    settings.COMMENTS_PAGE_SIZE = 2
    article = ArticleFactory()
    for n in (1, 2, 3):
        CommentFactory(article=article, body=f"Thread {n}")
    html = client.get(article.get_absolute_url()).text
    assert "Thread 1" in html and "Thread 2" in html and "Thread 3" not in html
    href = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Load More Comments', html)[1]
    assert "after=" in href and "page=" not in href
    next_page = client.get(href.replace("&amp;", "&")).text
    assert "Thread 3" in next_page and "Thread 1" not in next_page
    assert "Load More Comments" not in next_page


def test_load_more_with_htmx_returns_only_the_next_threads(client, settings):
    settings.COMMENTS_PAGE_SIZE = 1
    article = ArticleFactory()
    CommentFactory(article=article, body="Thread one")
    second = CommentFactory(article=article, body="Thread two")
    from comments.selectors import discussion_page

    cursor = discussion_page(article=article, limit=1).next_cursor
    response = client.get(
        f"/comments/article/{article.pk}/",
        {"after": cursor},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Thread two" in response.text
    assert "<html" not in response.text
    assert f'id="c{second.pk}"' in response.text


def test_permalink_opens_the_page_holding_the_thread(client, settings):
    settings.COMMENTS_PAGE_SIZE = 1
    article = ArticleFactory()
    CommentFactory(article=article, body="Thread one")
    second = CommentFactory(article=article, body="Thread two")
    reply = CommentFactory(article=article, parent=second, body="Reply to two")
    response = client.get(f"/comments/{reply.pk}/", follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#c{reply.pk}")
    assert "Reply to two" in response.text
    assert "Thread one" not in response.text
    assert "Show comments from the beginning" in response.text


def test_held_comment_is_marked_for_its_author_only(client):
    article = ArticleFactory()
    held = CommentFactory(
        article=article, status=Comment.Status.PENDING, body="Held words"
    )
    assert "Held words" not in client.get(article.get_absolute_url()).text
    client.force_login(held.author)
    html = client.get(article.get_absolute_url()).text
    assert "Held words" in html
    assert "awaiting review" in html


def test_closed_article_shows_no_form(client):
    article = ArticleFactory(comments_open=False)
    client.force_login(UserFactory())
    html = client.get(article.get_absolute_url()).text
    assert "Comments are closed for this story." in html
    assert 'name="body"' not in html


def test_bad_sort_falls_back_and_bad_cursor_is_404(client):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url(), {"sort": "bogus"}).status_code == 200
    assert client.get(article.get_absolute_url(), {"after": "x~y"}).status_code == 404
