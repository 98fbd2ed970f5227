from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.measure import count_queries
from comments.models import Comment, CommentLike
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def member(client):
    user = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    client.force_login(user)
    return user


def post_url(article):
    return reverse("comments:post", args=[article.pk])


def test_urls_the_templates_spell_out_match_the_urlconf():
    # The comment partial writes these paths literally: it renders a thousand
    # times per page, and reversing each one would dominate its cost.
    assert reverse("comments:permalink", args=[7]) == "/comments/7/"
    assert reverse("comments:like", args=[7]) == "/comments/7/like/"
    assert reverse("comments:unlike", args=[7]) == "/comments/7/unlike/"
    assert reverse("comments:reply", args=[7]) == "/comments/7/reply/"
    assert reverse("comments:edit", args=[7]) == "/comments/7/edit/"
    assert reverse("comments:delete", args=[7]) == "/comments/7/delete/"
    assert reverse("accounts:profile", args=["x"]) == "/accounts/u/x/"


def test_posting_without_javascript_redirects_to_the_new_comment(
    client, member, article
):
    response = client.post(post_url(article), {"body": "Great story."})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/comments/{comment.pk}/"
    follow = client.get(response.url)
    assert follow.status_code == 302
    assert follow.url.startswith(article.get_absolute_url())
    assert follow.url.endswith(f"#c{comment.pk}")


def test_posting_with_htmx_returns_the_comment(client, member, article):
    response = client.post(
        post_url(article), {"body": "Great story."}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert b"Great story." in response.content
    assert b'hx-swap-oob="afterbegin:#comment-list"' in response.content


def test_anonymous_post_is_sent_to_sign_in_and_nothing_is_written(client, article):
    response = client.post(post_url(article), {"body": "Hello"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "%23comments" in response.url
    assert not Comment.objects.exists()


def test_get_on_post_only_urls_is_405(client, member, article):
    comment = CommentFactory(article=article)
    assert client.get(post_url(article)).status_code == 405
    assert client.get(reverse("comments:like", args=[comment.pk])).status_code == 405


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"body": ""}, 400),
        ({"body": "   "}, 400),
        ({"body": "x" * 3001}, 400),
        ({"body": "a\x00b"}, 400),
        ({"body": "Hi", "parent": "abc"}, 400),
        ({"body": "Hi", "parent": "999999"}, 400),
    ],
)
def test_bad_input_is_a_4xx_and_writes_nothing(client, member, article, data, status):
    response = client.post(post_url(article), data)
    assert response.status_code == status
    assert not Comment.objects.exists()


def test_unknown_article_is_404(client, member):
    assert (
        client.post("/comments/article/999999/post/", {"body": "x"}).status_code == 404
    )


def test_parent_from_another_article_is_refused(client, member, article):
    elsewhere = CommentFactory()
    response = client.post(post_url(article), {"body": "Hi", "parent": elsewhere.pk})
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_flood_refusal_is_429_with_retry_after_and_keeps_the_text(
    client, member, article
):
    client.post(post_url(article), {"body": "First thought."})
    response = client.post(post_url(article), {"body": "My second thought."})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "posting too quickly" in response.text
    assert "My second thought." in response.text
    assert Comment.objects.count() == 1


def test_missing_csrf_token_is_403(article):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    assert client.post(post_url(article), {"body": "Hi"}).status_code == 403


def test_like_and_unlike_without_javascript(client, member, article):
    comment = CommentFactory(article=article)
    response = client.post(reverse("comments:like", args=[comment.pk]))
    assert response.status_code == 302
    client.post(reverse("comments:like", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.like_count == 1
    assert CommentLike.objects.count() == 1
    client.post(reverse("comments:unlike", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.like_count == 0


def test_like_with_htmx_returns_the_pressed_button(client, member, article):
    comment = CommentFactory(article=article)
    response = client.post(
        reverse("comments:like", args=[comment.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.text
    assert "/unlike/" in response.text


def test_reply_form_is_a_page_without_javascript(client, member, article):
    comment = CommentFactory(article=article, body="Original remark")
    response = client.get(reverse("comments:reply", args=[comment.pk]))
    assert response.status_code == 200
    assert "Original remark" in response.text
    assert f'name="parent" value="{comment.pk}"' in response.text


def test_edit_by_someone_else_is_403(client, member, article):
    comment = CommentFactory(article=article)
    response = client.post(reverse("comments:edit", args=[comment.pk]), {"body": "x"})
    assert response.status_code == 403


def test_edit_and_delete_own_comment(client, member, article):
    comment = CommentFactory(article=article, author=member, body="Typo here")
    response = client.post(
        reverse("comments:edit", args=[comment.pk]), {"body": "No typo here"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "No typo here"
    response = client.post(reverse("comments:delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED


def test_held_comment_is_404_for_others(client, member, article):
    held = CommentFactory(article=article, status=Comment.Status.PENDING)
    assert client.get(reverse("comments:permalink", args=[held.pk])).status_code == 404


def test_comment_on_draft_article_is_404(client, member):
    comment = CommentFactory(article=ArticleFactory(status="draft"))
    assert (
        client.get(reverse("comments:permalink", args=[comment.pk])).status_code == 404
    )


def test_non_numeric_ids_are_404(client):
    assert client.get("/comments/abc/").status_code == 404


def test_thread_page_without_htmx_redirects_to_the_article(client, article):
    response = client.get(reverse("comments:page", args=[article.pk]))
    assert response.status_code == 302
    assert response.url.startswith(article.get_absolute_url())


def test_bad_cursor_is_404(client, article):
    url = reverse("comments:page", args=[article.pk]) + "?after=zzz"
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404


@pytest.mark.parametrize("size", [1, 10_000])
def test_posting_a_reply_takes_at_most_ten_queries_whatever_the_thread_size(
    client, member, size
):
    article = ArticleFactory()
    parent = CommentFactory(article=article)
    Comment.objects.bulk_create(
        CommentFactory.build(
            article=article, author=parent.author, parent=parent, body_html="<p>x</p>"
        )
        for _ in range(size - 1)
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(post_url(article), {"body": "Hi", "parent": parent.pk})
    assert response.status_code == 302
    assert count_queries(queries) <= 10
