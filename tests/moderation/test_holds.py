"""Holds: comments that wait for a moderator before anyone else sees them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from comments.selectors import discussion_page
from comments.services import delete_comment, post_comment
from moderation.models import Case, Guideline, ModerationAction, WatchWord
from moderation.services import approve, hide, hold_reason
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def newcomer():
    """An account no moderator has approved anything of yet."""
    return UserFactory(
        username="newcomer", display_name="Nia Newcomer", approved_comments=0
    )


@pytest.fixture
def regular():
    return UserFactory(date_joined=timezone.now() - timedelta(days=90))


def post(article, author, body, minutes):
    """Post as the author, a few minutes apart so that no flood limit applies."""
    return post_comment(
        article=article,
        author=author,
        body=body,
        at=timezone.now() + timedelta(minutes=minutes),
    )


def seen_by(article, viewer) -> list[int]:
    page = discussion_page(article=article, viewer=viewer, limit=50)
    return [c.pk for c in page.comments]


def test_a_new_accounts_comment_is_held(article, newcomer):
    comment = post(article, newcomer, "My first comment.", 0)
    assert comment.status == Comment.Status.PENDING
    case = Case.objects.get(comment=comment)
    assert case.kind == Case.Kind.HELD_COMMENT
    assert case.subject == newcomer
    hold = ModerationAction.objects.get(case=case)
    assert hold.kind == ModerationAction.Kind.HOLD
    assert hold.moderator is None
    assert "New accounts" in hold.note
    article.refresh_from_db()
    assert article.comment_count == 0


def test_new_accounts_are_held_until_two_comments_are_approved(
    article, newcomer, moderator
):
    for minutes in (0, 1):
        comment = post(article, newcomer, f"Comment {minutes}.", minutes)
        assert comment.status == Comment.Status.PENDING
        approve(case=Case.objects.get(comment=comment), moderator=moderator)
    newcomer.refresh_from_db()
    assert newcomer.approved_comments == 2
    third = post(article, newcomer, "Now trusted.", 2)
    assert third.status == Comment.Status.VISIBLE


def test_a_held_comment_hidden_by_a_moderator_earns_no_trust(
    article, newcomer, moderator
):
    comment = post(article, newcomer, "Buy my wheels.", 0)
    hide(
        case=Case.objects.get(comment=comment),
        moderator=moderator,
        guideline=Guideline.objects.get(code="spam"),
    )
    newcomer.refresh_from_db()
    assert newcomer.approved_comments == 0


def test_approving_a_held_comment_shows_it_and_counts_it(
    article, newcomer, regular, moderator
):
    comment = post(article, newcomer, "Awaiting.", 0)
    assert comment.pk not in seen_by(article, regular)
    approve(case=Case.objects.get(comment=comment), moderator=moderator)
    comment.refresh_from_db()
    article.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert article.comment_count == 1
    assert comment.pk in seen_by(article, regular)
    assert comment.pk in seen_by(article, None)


def test_a_comment_with_two_links_is_held(article, regular):
    comment = post(
        article, regular, "See https://a.example/x and www.b.example/y today.", 0
    )
    assert comment.status == Comment.Status.PENDING
    assert "links" in ModerationAction.objects.get(comment=comment).note


def test_a_comment_with_one_link_is_not_held(article, regular):
    comment = post(article, regular, "Specs at https://www.example.com/specs", 0)
    assert comment.status == Comment.Status.VISIBLE


def test_a_watch_word_holds_a_comment_whatever_its_case(article, regular):
    WatchWord.objects.create(word="Scam")
    comment = post(article, regular, "This dealer is a SCAM, avoid.", 0)
    assert comment.status == Comment.Status.PENDING
    assert "word" in ModerationAction.objects.get(comment=comment).note


def test_a_watch_phrase_holds_a_comment(article, regular):
    WatchWord.objects.create(word="free money")
    assert hold_reason(author=regular, body="Get FREE money now!") is not None


def test_a_watch_word_inside_another_word_does_not_hold(article, regular):
    WatchWord.objects.create(word="ass")
    comment = post(article, regular, "The chassis is stiff and the brass trim.", 0)
    assert comment.status == Comment.Status.VISIBLE


def test_staff_are_never_held(article, journalist):
    journalist.approved_comments = 0
    journalist.save()
    WatchWord.objects.create(word="scam")
    comment = post(
        article,
        journalist,
        "A scam warning: https://a.example and https://b.example",
        0,
    )
    assert comment.status == Comment.Status.VISIBLE


def test_the_author_sees_a_held_comment_in_place_and_nobody_else(
    client, article, newcomer, regular, moderator
):
    visible = post(article, regular, "First.", 0)
    held = post(article, newcomer, "Pending reply.", 1)
    assert seen_by(article, newcomer) == [visible.pk, held.pk]
    assert seen_by(article, regular) == [visible.pk]
    assert seen_by(article, None) == [visible.pk]
    assert seen_by(article, moderator) == [visible.pk]

    client.force_login(newcomer)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Pending reply." in page
    assert "awaiting review" in page
    client.force_login(regular)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Pending reply." not in page
    assert "awaiting review" not in page


def test_a_held_reply_stays_under_its_parent_for_its_author(article, newcomer, regular):
    top = post(article, regular, "Top.", 0)
    reply = post_comment(
        article=article,
        author=newcomer,
        body="A held reply.",
        parent=top,
        at=timezone.now() + timedelta(minutes=1),
    )
    assert reply.status == Comment.Status.PENDING
    assert seen_by(article, newcomer) == [top.pk, reply.pk]
    assert seen_by(article, regular) == [top.pk]


def test_approving_a_held_comment_its_author_withdrew_earns_no_trust(
    article, newcomer, moderator
):
    comment = post(article, newcomer, "Never mind.", 0)
    delete_comment(comment=comment, user=newcomer)
    approve(case=Case.objects.get(comment=comment), moderator=moderator)
    comment.refresh_from_db()
    newcomer.refresh_from_db()
    assert comment.status == Comment.Status.DELETED
    assert newcomer.approved_comments == 0
