"""Writes to the discussion. Every limit that matters is checked here, inside a
transaction that holds a lock, so that it holds under concurrent requests."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import nh3
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import linebreaks, urlize

from accounts.models import User, format_moment
from articles.models import Article
from autoblog.errors import Refused
from moderation import services as moderation

from .models import MAX_BODY_LENGTH, MAX_DEPTH, Comment, CommentLike, CommentRevision

EDIT_WINDOW = timedelta(minutes=15)
DUPLICATE_WINDOW = timedelta(minutes=6)
NEW_ACCOUNT_AGE = timedelta(hours=24)


class CommentError(Refused):
    """A refused write to the discussion."""


class FloodError(CommentError):
    status_code = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class LikeResult:
    liked: bool
    like_count: int


def clean_body(body: str) -> str:
    """Normalise a submitted body or refuse it with a message to show."""
    if "\x00" in body:
        raise CommentError("Your comment contains a character that is not allowed.")
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise CommentError("Please write something before posting.")
    if len(body) > MAX_BODY_LENGTH:
        raise CommentError(
            f"Comments can be at most {MAX_BODY_LENGTH:,} characters long; "
            f"yours has {len(body):,}. Please shorten it."
        )
    return body


def render_body(body: str) -> str:
    """Plain text to HTML: escaped, paragraphs and line breaks kept, links
    clickable and marked as user content."""
    html = linebreaks(urlize(body, nofollow=True, autoescape=True))
    return nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )


def flood_interval(user: User) -> timedelta:
    young = user.date_joined > timezone.now() - NEW_ACCOUNT_AGE
    return timedelta(
        seconds=settings.COMMENTS_NEW_ACCOUNT_INTERVAL
        if young
        else settings.COMMENTS_INTERVAL
    )


def _check_participation(user: User) -> None:
    if user.is_terminated:
        raise CommentError("This account has been closed.", status_code=403)
    if user.is_suspended:
        raise CommentError(
            f"Your account is suspended until {format_moment(user.suspended_until)}. "
            "You can keep reading in the meantime.",
            status_code=403,
        )


def _check_open(article: Article) -> None:
    if not article.is_public:
        raise CommentError("This story is not available.", status_code=404)
    if not article.comments_open:
        raise CommentError("Comments are closed for this story.", status_code=403)


@transaction.atomic
def post_comment(
    *,
    article: Article,
    author: User,
    body: str,
    parent: Comment | None = None,
    ip_address: str | None = None,
    at: datetime | None = None,
) -> Comment:
    """Post a comment or a reply, within the reader's flood and duplicate limits.

    A reply to a comment at the deepest level is attached beside it, at that
    level, and remembers whom it answers. ``at`` backdates an imported comment.
    """
    body = clean_body(body)
    _check_open(article)
    # The author's row lock serialises their posts, so the limits below hold
    # even when one reader sends many requests at once.
    author = User.objects.select_for_update().get(pk=author.pk)
    _check_participation(author)

    now = at or timezone.now()
    recent = list(
        Comment.objects.filter(
            author=author,
            created_at__gte=now - max(DUPLICATE_WINDOW, EDIT_WINDOW),
            # A backdated import must not be measured against later comments.
            created_at__lte=now,
        )
        .order_by("-created_at")
        .values_list("created_at", "body")[:50]
    )
    if recent:
        wait = recent[0][0] + flood_interval(author) - now
        if wait > timedelta(0):
            seconds = max(1, int(wait.total_seconds() + 0.999))
            raise FloodError(
                f"You are posting too quickly. Please wait {seconds} seconds "
                "and try again.",
                retry_after=seconds,
            )
        if any(
            text == body and created >= now - DUPLICATE_WINDOW
            for created, text in recent
        ):
            raise CommentError(
                "You have already posted this comment. Please write something new.",
                status_code=409,
            )

    parent_id = root_id = reply_to = None
    depth = 0
    if parent is not None:
        if parent.article_id != article.pk:
            raise CommentError("You can only reply to comments on this story.")
        if parent.status != Comment.Status.VISIBLE:
            raise CommentError(
                "That comment is no longer available for replies.", status_code=409
            )
        root_id = parent.thread_id
        if parent.depth >= MAX_DEPTH:
            parent_id, reply_to, depth = parent.parent_id, parent, MAX_DEPTH
        else:
            parent_id, depth = parent.pk, parent.depth + 1

    held_because = moderation.hold_reason(author=author, body=body)
    comment = Comment.objects.create(
        article=article,
        author=author,
        parent_id=parent_id,
        root_id=root_id,
        reply_to=reply_to,
        depth=depth,
        body=body,
        body_html=render_body(body),
        status=Comment.Status.PENDING if held_because else Comment.Status.VISIBLE,
        created_at=now,
        ip_address=ip_address,
    )
    if held_because:
        moderation.hold_comment(comment=comment, reason=held_because)
    else:
        Article.objects.filter(pk=article.pk).update(
            comment_count=F("comment_count") + 1
        )
    return comment


@transaction.atomic
def edit_comment(*, comment: Comment, user: User, body: str) -> Comment:
    """Let authors fix their comment for a short while, keeping the old text."""
    body = clean_body(body)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id != user.pk:
        raise CommentError("You can only edit your own comments.", status_code=403)
    _check_participation(user)
    if comment.status not in (Comment.Status.VISIBLE, Comment.Status.PENDING):
        raise CommentError("This comment can no longer be edited.", status_code=409)
    if timezone.now() - comment.created_at > EDIT_WINDOW:
        raise CommentError(
            "Comments can only be edited for 15 minutes after posting.",
            status_code=409,
        )
    if Comment.objects.filter(Q(parent=comment) | Q(reply_to=comment)).exists():
        raise CommentError(
            "Someone has already replied, so this comment can no longer be edited.",
            status_code=409,
        )
    if body == comment.body:
        return comment
    CommentRevision.objects.create(
        comment=comment,
        body=comment.body,
        created_at=comment.edited_at or comment.created_at,
    )
    comment.body = body
    comment.body_html = render_body(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    return comment


@transaction.atomic
def delete_comment(*, comment: Comment, user: User) -> Comment:
    """Authors may withdraw their comment: it becomes a tombstone, replies stay."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id != user.pk:
        raise CommentError("You can only delete your own comments.", status_code=403)
    if comment.status == Comment.Status.DELETED:
        return comment
    if comment.status == Comment.Status.HIDDEN:
        raise CommentError("This comment was removed by a moderator.", status_code=409)
    was_counted = comment.status == Comment.Status.VISIBLE
    comment.status = Comment.Status.DELETED
    comment.save(update_fields=["status"])
    if was_counted:
        Article.objects.filter(pk=comment.article_id).update(
            comment_count=F("comment_count") - 1
        )
    return comment


def like_comment(*, comment: Comment, user: User) -> LikeResult:
    """Like a comment once; liking again changes nothing."""
    _check_participation(user)
    if comment.status != Comment.Status.VISIBLE:
        raise CommentError("This comment can no longer be liked.", status_code=409)
    if comment.author_id == user.pk:
        raise CommentError("You cannot like your own comment.", status_code=403)
    with transaction.atomic():
        try:
            with transaction.atomic():
                CommentLike.objects.create(comment=comment, user=user)
        except IntegrityError:
            pass
        else:
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
        count = Comment.objects.values_list("like_count", flat=True).get(pk=comment.pk)
    return LikeResult(liked=True, like_count=count)


def unlike_comment(*, comment: Comment, user: User) -> LikeResult:
    """Take a like back; unliking twice changes nothing."""
    _check_participation(user)
    with transaction.atomic():
        deleted, _ = CommentLike.objects.filter(comment=comment, user=user).delete()
        if deleted:
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") - 1)
        count = Comment.objects.values_list("like_count", flat=True).get(pk=comment.pk)
    return LikeResult(liked=False, like_count=count)
