"""Moderation limits hold in PostgreSQL when requests arrive together."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.services import post_comment
from moderation.models import Case, Guideline, ModerationAction, Report
from moderation.services import (
    LADDER,
    AlreadyHandled,
    ModerationError,
    approve,
    hide,
    penalize,
    report_comment,
    report_user,
)
from tests.conftest import role
from tests.factories import CommentFactory, UserFactory

# Serialized rollback puts back the guidelines and roles that migrations created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

Kind = ModerationAction.Kind


def run_at_once(count, action):
    """Start ``count`` threads that call ``action(i)`` together.

    Returns the refusals (ModerationError); anything else a thread raised fails
    the test, so that a deadlock or an IntegrityError cannot pass unnoticed.
    """
    barrier = threading.Barrier(count)
    refusals, crashes = [], []

    def worker(i):
        try:
            barrier.wait()
            action(i)
        except ModerationError as error:
            refusals.append(error)
        except Exception as error:  # reported below, failing the test
            crashes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert crashes == []
    return refusals


def veterans(count):
    joined = timezone.now() - timedelta(days=60)
    return [UserFactory(date_joined=joined) for _ in range(count)]


def moderators(count):
    group = role("Moderator")
    users = [
        UserFactory(display_name=f"Moderator {i}", is_staff=True) for i in range(count)
    ]
    for user in users:
        user.groups.add(group)
    return users


def test_fifty_readers_reporting_at_once_store_fifty_reports_and_hide_once():
    spam = Guideline.objects.get(code="spam")
    comment = CommentFactory()
    readers = veterans(50)
    refusals = run_at_once(
        50,
        lambda i: report_comment(comment=comment, reporter=readers[i], guideline=spam),
    )
    assert refusals == []
    assert Report.objects.filter(comment=comment).count() == 50
    case = Case.objects.get(comment=comment)
    assert case.report_count == 50
    assert case.report_weight == 50
    assert ModerationAction.objects.filter(kind=Kind.AUTO_HIDE).count() == 1
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    comment.article.refresh_from_db()
    assert comment.article.comment_count == 0


def test_two_moderators_deciding_one_case_at_once_leave_one_decision():
    spam = Guideline.objects.get(code="spam")
    comment = CommentFactory()
    report_comment(comment=comment, reporter=veterans(1)[0], guideline=spam)
    case = Case.objects.get(comment=comment)
    first, second = moderators(2)
    decisions = [
        lambda: hide(case=case, moderator=first, guideline=spam),
        lambda: approve(case=case, moderator=second),
    ]
    refusals = run_at_once(2, lambda i: decisions[i]())
    assert len(refusals) == 1
    assert isinstance(refusals[0], AlreadyHandled)
    case.refresh_from_db()
    assert refusals[0].message == (
        f"This case was already handled by {case.decided_by.display_name}."
    )
    assert ModerationAction.objects.filter(case=case).count() == 1
    kind = ModerationAction.objects.get(case=case).kind
    expected = Comment.Status.HIDDEN if kind == Kind.HIDE else Comment.Status.VISIBLE
    comment.refresh_from_db()
    assert comment.status == expected


def test_two_moderators_penalizing_at_once_give_one_strike():
    spam = Guideline.objects.get(code="spam")
    comment = CommentFactory()
    report_comment(comment=comment, reporter=veterans(1)[0], guideline=spam)
    case = Case.objects.get(comment=comment)
    team = moderators(2)
    refusals = run_at_once(
        2,
        lambda i: penalize(
            case=case, moderator=team[i], step=LADDER[0], guideline=spam
        ),
    )
    assert [type(r) for r in refusals] == [AlreadyHandled]
    assert ModerationAction.objects.filter(kind=Kind.WARN).count() == 1
    assert ModerationAction.objects.filter(kind=Kind.HIDE).count() == 1


def test_one_reader_sending_ten_identical_reports_at_once_stores_one():
    spam = Guideline.objects.get(code="spam")
    comment = CommentFactory()
    reader = veterans(1)[0]
    refusals = run_at_once(
        10, lambda i: report_comment(comment=comment, reporter=reader, guideline=spam)
    )
    assert len(refusals) == 9
    assert {r.status_code for r in refusals} <= {409, 429}
    assert Report.objects.filter(reporter=reader).count() == 1
    assert Case.objects.get(comment=comment).report_count == 1


def test_ten_readers_reporting_one_account_at_once_open_one_case():
    spam = Guideline.objects.get(code="spam")
    subject = UserFactory()
    readers = veterans(10)
    refusals = run_at_once(
        10,
        lambda i: report_user(user=subject, reporter=readers[i], guideline=spam),
    )
    assert refusals == []
    case = Case.objects.get(subject=subject, kind=Case.Kind.REPORTED_USER)
    assert case.report_count == 10
    assert Report.objects.filter(reported_user=subject).count() == 10


def test_two_readers_reporting_each_other_at_once_do_not_deadlock():
    spam = Guideline.objects.get(code="spam")
    one, other = veterans(2)
    pairs = [(one, other), (other, one)]
    refusals = run_at_once(
        2,
        lambda i: report_user(user=pairs[i][1], reporter=pairs[i][0], guideline=spam),
    )
    assert refusals == []
    assert Report.objects.count() == 2


def test_approving_a_held_comment_while_its_author_posts_does_not_deadlock():
    """Posting locks the author, then the article's count; a decision must take
    its locks in the same order, or the two wait for each other."""
    moderator = moderators(1)[0]
    author = veterans(1)[0]
    article = CommentFactory().article
    start = timezone.now()
    for round_ in range(10):
        held = post_comment(
            article=article,
            author=author,
            body=f"See https://a.example/{round_} and https://b.example/{round_}",
            at=start + timedelta(minutes=2 * round_),
        )
        case = Case.objects.get(comment=held)
        writes = [
            lambda case=case: approve(case=case, moderator=moderator),
            lambda round_=round_: post_comment(
                article=article,
                author=author,
                body=f"Plain comment {round_}.",
                at=start + timedelta(minutes=2 * round_ + 1),
            ),
        ]
        assert run_at_once(2, lambda i, writes=writes: writes[i]()) == []
    article = Article.objects.get(pk=article.pk)
    assert article.comment_count == 1 + 20
