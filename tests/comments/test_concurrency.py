"""Limits hold in PostgreSQL under concurrent requests, not only one at a time."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from comments.models import Comment, CommentLike
from comments.services import CommentError, like_comment, post_comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

# Serialized rollback puts back the roles and pages that migrations created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_at_once(count, action):
    """Start ``count`` threads that call ``action(i)`` together; return errors."""
    barrier = threading.Barrier(count)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            action(i)
        except CommentError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_ten_comments_sent_at_once_store_exactly_one():
    article = ArticleFactory()
    reader = UserFactory(date_joined=timezone.now() - timedelta(days=30))
    errors = run_at_once(
        10,
        lambda i: post_comment(article=article, author=reader, body=f"Comment {i}"),
    )
    assert Comment.objects.filter(author=reader).count() == 1
    assert len(errors) == 9
    article.refresh_from_db()
    assert article.comment_count == 1


def test_fifty_readers_liking_at_once_count_fifty():
    comment = CommentFactory()
    readers = [UserFactory() for _ in range(50)]
    errors = run_at_once(50, lambda i: like_comment(comment=comment, user=readers[i]))
    assert errors == []
    comment.refresh_from_db()
    assert comment.like_count == 50
    assert CommentLike.objects.filter(comment=comment).count() == 50


def test_one_reader_liking_ten_times_at_once_counts_once():
    comment = CommentFactory()
    reader = UserFactory()
    run_at_once(10, lambda i: like_comment(comment=comment, user=reader))
    comment.refresh_from_db()
    assert comment.like_count == 1
    assert CommentLike.objects.filter(comment=comment).count() == 1
