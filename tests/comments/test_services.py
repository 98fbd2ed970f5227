from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.models import User
from comments.models import Comment, CommentLike, CommentRevision
from comments.services import (
    CommentError,
    FloodError,
    delete_comment,
    edit_comment,
    like_comment,
    post_comment,
    render_body,
    unlike_comment,
)
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def veteran():
    """A reader whose account is older than a day (the normal flood interval)."""
    return UserFactory(date_joined=timezone.now() - timedelta(days=30))


def test_posting_counts_the_comment_on_the_article(article, veteran):
    comment = post_comment(article=article, author=veteran, body="  Nice car.  ")
    article.refresh_from_db()
    assert comment.body == "Nice car."
    assert comment.depth == 0 and comment.root is None
    assert article.comment_count == 1


def test_replies_nest_down_to_depth_three(article, veteran):
    readers = [UserFactory() for _ in range(4)]
    parent = post_comment(article=article, author=veteran, body="Top")
    for depth, reader in enumerate(readers, start=1):
        parent = post_comment(
            article=article, author=reader, body=f"Reply {depth}", parent=parent
        )
    assert parent.depth == 3


def test_reply_to_the_deepest_level_stays_there_and_names_whom_it_answers(
    article, veteran
):
    top = CommentFactory(article=article)
    one = CommentFactory(article=article, parent=top)
    two = CommentFactory(article=article, parent=one)
    three = CommentFactory(article=article, parent=two)
    reply = post_comment(article=article, author=veteran, body="Me too", parent=three)
    assert reply.depth == 3
    assert reply.parent_id == two.pk
    assert reply.reply_to_id == three.pk
    assert reply.root_id == top.pk


def test_body_is_escaped_and_links_are_marked_as_user_content():
    html = render_body('<script>alert(1)</script>\nSee https://example.com/x "ok"')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<br>" in html
    assert 'href="https://example.com/x"' in html
    assert 'rel="nofollow ugc noopener"' in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Please write something"),
        ("   \n  ", "Please write something"),
        ("x" * 3001, "at most 3,000 characters"),
        ("nul\x00byte", "not allowed"),
    ],
)
def test_bad_bodies_are_refused_without_writing(article, veteran, body, message):
    with pytest.raises(CommentError, match=message):
        post_comment(article=article, author=veteran, body=body)
    assert not Comment.objects.exists()


def test_flood_limit_is_five_seconds_for_established_readers(article, veteran):
    post_comment(article=article, author=veteran, body="First")
    with pytest.raises(FloodError) as refused:
        post_comment(article=article, author=veteran, body="Second")
    assert refused.value.status_code == 429
    assert 1 <= refused.value.retry_after <= 5
    with time_machine.travel(timezone.now() + timedelta(seconds=6)):
        post_comment(article=article, author=veteran, body="Second")
    assert Comment.objects.count() == 2


def test_flood_limit_is_thirty_seconds_for_new_accounts(article):
    newcomer = UserFactory(date_joined=timezone.now() - timedelta(hours=2))
    post_comment(article=article, author=newcomer, body="First")
    with (
        time_machine.travel(timezone.now() + timedelta(seconds=10)),
        pytest.raises(FloodError) as refused,
    ):
        post_comment(article=article, author=newcomer, body="Second")
    assert refused.value.retry_after > 5


def test_same_text_twice_within_six_minutes_is_refused(article, veteran):
    post_comment(article=article, author=veteran, body="Same words")
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=3)),
        pytest.raises(CommentError, match="already posted"),
    ):
        post_comment(article=article, author=veteran, body="Same words")
    with time_machine.travel(timezone.now() + timedelta(minutes=7)):
        post_comment(article=article, author=veteran, body="Same words")


def test_closed_article_refuses_comments(veteran):
    article = ArticleFactory(comments_open=False)
    with pytest.raises(CommentError, match="closed") as refused:
        post_comment(article=article, author=veteran, body="Hello")
    assert refused.value.status_code == 403


def test_unpublished_article_refuses_comments(veteran):
    article = ArticleFactory(status="draft")
    with pytest.raises(CommentError):
        post_comment(article=article, author=veteran, body="Hello")


@pytest.mark.parametrize(
    "status",
    [
        {"status": User.Status.SUSPENDED, "suspended_until": "future"},
        {"status": User.Status.TERMINATED},
    ],
)
def test_suspended_or_terminated_accounts_cannot_post_or_like(article, status):
    if status.get("suspended_until") == "future":
        status["suspended_until"] = timezone.now() + timedelta(days=1)
    penalised = UserFactory(**status)
    with pytest.raises(CommentError) as refused:
        post_comment(article=article, author=penalised, body="Hello")
    assert refused.value.status_code == 403
    with pytest.raises(CommentError):
        like_comment(comment=CommentFactory(article=article), user=penalised)


def test_expired_suspension_no_longer_blocks(article):
    reader = UserFactory(
        status=User.Status.SUSPENDED,
        suspended_until=timezone.now() - timedelta(minutes=1),
        date_joined=timezone.now() - timedelta(days=3),
    )
    assert post_comment(article=article, author=reader, body="I'm back")


def test_parent_from_another_article_is_refused(article, veteran):
    elsewhere = CommentFactory()
    with pytest.raises(CommentError, match="this story"):
        post_comment(article=article, author=veteran, body="Hi", parent=elsewhere)


@pytest.mark.parametrize("status", [Comment.Status.HIDDEN, Comment.Status.DELETED])
def test_removed_parent_is_refused(article, veteran, status):
    parent = CommentFactory(article=article, status=status)
    with pytest.raises(CommentError, match="no longer available"):
        post_comment(article=article, author=veteran, body="Hi", parent=parent)


def test_author_edits_within_fifteen_minutes_and_revision_is_kept(article, veteran):
    comment = post_comment(article=article, author=veteran, body="Teh car")
    edited = edit_comment(comment=comment, user=veteran, body="The car")
    assert edited.body == "The car"
    assert edited.edited_at is not None
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["Teh car"]


def test_edit_window_closes_after_fifteen_minutes(article, veteran):
    comment = post_comment(article=article, author=veteran, body="Old")
    with (
        time_machine.travel(timezone.now() + timedelta(minutes=16)),
        pytest.raises(CommentError, match="15 minutes"),
    ):
        edit_comment(comment=comment, user=veteran, body="New")


def test_edit_is_refused_once_someone_replied(article, veteran):
    comment = post_comment(article=article, author=veteran, body="Old")
    CommentFactory(article=article, parent=comment)
    with pytest.raises(CommentError, match="replied"):
        edit_comment(comment=comment, user=veteran, body="New")


def test_only_the_author_may_edit_or_delete(article, veteran):
    comment = post_comment(article=article, author=veteran, body="Mine")
    other = UserFactory()
    with pytest.raises(CommentError):
        edit_comment(comment=comment, user=other, body="Yours")
    with pytest.raises(CommentError):
        delete_comment(comment=comment, user=other)


def test_delete_leaves_a_tombstone_and_keeps_the_row(article, veteran):
    comment = post_comment(article=article, author=veteran, body="Oops")
    CommentFactory(article=article, parent=comment)
    delete_comment(comment=comment, user=veteran)
    comment.refresh_from_db()
    article.refresh_from_db()
    assert comment.status == Comment.Status.DELETED
    assert comment.body == "Oops"
    assert article.comment_count == 1  # the reply still counts
    assert Comment.objects.filter(parent=comment).exists()


def test_like_and_unlike_are_idempotent(article, veteran):
    comment = CommentFactory(article=article)
    assert like_comment(comment=comment, user=veteran).like_count == 1
    assert like_comment(comment=comment, user=veteran).like_count == 1
    assert CommentLike.objects.count() == 1
    assert unlike_comment(comment=comment, user=veteran).like_count == 0
    assert unlike_comment(comment=comment, user=veteran).like_count == 0


def test_readers_cannot_like_their_own_comment(article, veteran):
    comment = CommentFactory(article=article, author=veteran)
    with pytest.raises(CommentError):
        like_comment(comment=comment, user=veteran)
