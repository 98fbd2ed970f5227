import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import w1
from comments.models import Comment
from comments.selectors import BadCursor, discussion_page
from comments.services import like_comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def bodies(page):
    return [c.body for c in page.comments]


@pytest.mark.skipif(not w1.DEFAULT_PATH.exists(), reason="needs shared/bench")
def test_w1_comes_back_in_display_order():
    data = w1.read()
    article = w1.load(data)
    page = discussion_page(article=article, limit=len(data["comments"]))
    expected = [data["comments"][i]["body"] for i in data["display_order"]]
    assert bodies(page) == expected
    assert [c.depth for c in page.comments] == [
        data["comments"][i]["depth"] for i in data["display_order"]
    ]


def test_threads_come_depth_first_with_replies_oldest_first():
    article = ArticleFactory()
    a = CommentFactory(article=article, body="a")
    b = CommentFactory(article=article, body="b")
    a1 = CommentFactory(article=article, parent=a, body="a1")
    CommentFactory(article=article, parent=b, body="b1")
    CommentFactory(article=article, parent=a1, body="a1x")
    CommentFactory(article=article, parent=a, body="a2")
    page = discussion_page(article=article, limit=20)
    assert bodies(page) == ["a", "a1", "a1x", "a2", "b", "b1"]


def test_deep_reply_is_named_after_whom_it_answers():
    article = ArticleFactory()
    chain = [CommentFactory(article=article)]
    for _ in range(3):
        chain.append(CommentFactory(article=article, parent=chain[-1]))
    answered = chain[-1]
    deep = CommentFactory(
        article=article, parent=chain[-2], root=chain[0], depth=3, reply_to=answered
    )
    page = discussion_page(article=article, limit=20)
    shown = {c.pk: c for c in page.comments}[deep.pk]
    assert shown.reply_to_name == answered.author.display_name
    assert max(c.depth for c in page.comments) == 3


def test_tombstones_keep_their_replies():
    article = ArticleFactory()
    gone = CommentFactory(article=article, status=Comment.Status.DELETED)
    reply = CommentFactory(article=article, parent=gone)
    page = discussion_page(article=article, limit=20)
    assert [c.pk for c in page.comments] == [gone.pk, reply.pk]


def test_held_comments_are_seen_only_by_their_author():
    article = ArticleFactory()
    held = CommentFactory(article=article, status=Comment.Status.PENDING)
    assert discussion_page(article=article, limit=20).comments == []
    other = UserFactory()
    assert discussion_page(article=article, viewer=other, limit=20).comments == []
    mine = discussion_page(article=article, viewer=held.author, limit=20)
    assert [c.pk for c in mine.comments] == [held.pk]


@pytest.mark.parametrize("sort", ["oldest", "newest", "liked"])
def test_keyset_pages_cover_every_thread_once(sort):
    article = ArticleFactory()
    roots = [CommentFactory(article=article, like_count=i % 3) for i in range(7)]
    seen, after = [], None
    while True:
        page = discussion_page(article=article, sort=sort, after=after, limit=3)
        seen += [c.pk for c in page.comments]
        if not page.next_cursor:
            break
        after = page.next_cursor
    assert sorted(seen) == sorted(r.pk for r in roots)
    assert len(seen) == len(set(seen))


def test_newest_and_most_liked_orders():
    article = ArticleFactory()
    old = CommentFactory(article=article, like_count=5)
    new = CommentFactory(article=article, like_count=1)
    assert [
        c.pk for c in discussion_page(article=article, sort="newest", limit=5).comments
    ] == [new.pk, old.pk]
    assert [
        c.pk for c in discussion_page(article=article, sort="liked", limit=5).comments
    ] == [old.pk, new.pk]


def test_bad_cursor_is_refused():
    with pytest.raises(BadCursor):
        discussion_page(article=ArticleFactory(), after="nonsense", limit=5)


def test_viewer_likes_are_marked():
    article = ArticleFactory()
    liked, other = CommentFactory(article=article), CommentFactory(article=article)
    viewer = UserFactory()
    like_comment(comment=liked, user=viewer)
    page = discussion_page(article=article, viewer=viewer, limit=5)
    assert {c.pk: c.is_liked for c in page.comments} == {
        liked.pk: True,
        other.pk: False,
    }


def _bulk_discussion(article, size):
    """``size`` comments: a third top-level, the rest replies, in two inserts."""
    author = UserFactory()
    roots = Comment.objects.bulk_create(
        CommentFactory.build(article=article, author=author, body_html="<p>Bulk.</p>")
        for _ in range(size // 3)
    )
    Comment.objects.bulk_create(
        CommentFactory.build(
            article=article,
            author=author,
            parent=roots[i % len(roots)],
            body_html="<p>Bulk.</p>",
        )
        for i in range(size - len(roots))
    )


@pytest.mark.parametrize("size", [1, 100, 10_000])
def test_page_reads_take_three_queries_whatever_the_size(size):
    article = ArticleFactory()
    if size == 1:
        CommentFactory(article=article)
    else:
        _bulk_discussion(article, size)
    viewer = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        page = discussion_page(article=article, viewer=viewer, limit=20)
    assert page.comments
    assert len(queries) == 3
