"""Reads for the discussion. A page of threads costs the same few queries
whatever the size of the discussion: one for the page's top-level comments,
one for all their replies (authors joined), one for the viewer's likes."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from .models import Comment, CommentLike
from .services import EDIT_WINDOW
from .templatetags.comment_tags import ago

SORTS = {
    "oldest": "Oldest first",
    "newest": "Newest first",
    "liked": "Most liked",
}
DEFAULT_SORT = "oldest"

COMMENT_FIELDS = (
    "id",
    "article_id",
    "parent_id",
    "root_id",
    "reply_to_id",
    "depth",
    "body_html",
    "status",
    "like_count",
    "created_at",
    "edited_at",
    "author__id",
    "author__username",
    "author__display_name",
)


class BadCursor(ValueError):
    pass


@dataclass
class DiscussionPage:
    comments: list[Comment]
    sort: str
    next_cursor: str | None
    starts_at_beginning: bool


def _cursor_for(comment: Comment, sort: str) -> str:
    key = comment.like_count if sort == "liked" else comment.created_at.isoformat()
    return f"{key}~{comment.pk}"


def _parse_cursor(cursor: str, sort: str) -> tuple:
    try:
        key, pk = cursor.rsplit("~", 1)
        pk = int(pk)
        key = int(key) if sort == "liked" else datetime.fromisoformat(key)
    except (TypeError, ValueError) as error:
        raise BadCursor(cursor) from error
    if isinstance(key, datetime) and key.tzinfo is None:
        raise BadCursor(cursor)
    return key, pk


def _after(sort: str, key, pk: int, *, inclusive: bool) -> Q:
    """Threads that come after (or at) the cursor in the given order."""
    pk_lookup = "id__gte" if inclusive else "id__gt"
    if sort == "liked":
        return Q(like_count__lt=key) | Q(like_count=key, **{pk_lookup: pk})
    if sort == "newest":
        pk_lookup = "id__lte" if inclusive else "id__lt"
        return Q(created_at__lt=key) | Q(created_at=key, **{pk_lookup: pk})
    return Q(created_at__gt=key) | Q(created_at=key, **{pk_lookup: pk})


ORDERINGS = {
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
    "liked": ("-like_count", "id"),
}


def _seen_by(viewer) -> Q:
    """Held comments take their place only for their own author."""
    public = ~Q(status=Comment.Status.PENDING)
    if viewer is not None and viewer.is_authenticated:
        return public | Q(author_id=viewer.pk)
    return public


def discussion_page(
    *,
    article,
    viewer=None,
    sort: str = DEFAULT_SORT,
    after: str | None = None,
    start: str | None = None,
    limit: int,
) -> DiscussionPage:
    """One page of threads in reading order: each top-level comment followed
    depth-first by its replies, replies always oldest first."""
    if sort not in SORTS:
        sort = DEFAULT_SORT
    roots_qs = (
        Comment.objects.filter(article=article, root__isnull=True)
        .filter(_seen_by(viewer))
        .select_related("author")
        .only(*COMMENT_FIELDS)
        .order_by(*ORDERINGS[sort])
    )
    cursor = after or start
    if cursor:
        key, pk = _parse_cursor(cursor, sort)
        roots_qs = roots_qs.filter(_after(sort, key, pk, inclusive=bool(start)))
    roots = list(roots_qs[: limit + 1])
    has_more = len(roots) > limit
    roots = roots[:limit]

    replies = []
    if roots:
        replies = list(
            Comment.objects.filter(root_id__in=[r.pk for r in roots])
            .filter(_seen_by(viewer))
            .select_related("author")
            .only(*COMMENT_FIELDS)
            .order_by("created_at", "id")
        )

    comments = _reading_order(roots, replies)
    liked_ids = set()
    if viewer is not None and viewer.is_authenticated and comments:
        liked_ids = set(
            CommentLike.objects.filter(
                user=viewer, comment_id__in=[c.pk for c in comments]
            ).values_list("comment_id", flat=True)
        )
    _annotate(comments, viewer=viewer, liked_ids=liked_ids)
    return DiscussionPage(
        comments=comments,
        sort=sort,
        next_cursor=_cursor_for(roots[-1], sort) if has_more else None,
        starts_at_beginning=cursor is None,
    )


def _reading_order(roots: list[Comment], replies: list[Comment]) -> list[Comment]:
    children = defaultdict(list)
    for reply in replies:
        children[reply.parent_id].append(reply)
    ordered = []
    stack = list(reversed(roots))
    while stack:
        comment = stack.pop()
        ordered.append(comment)
        stack.extend(reversed(children.get(comment.pk, ())))
    return ordered


def _annotate(comments: list[Comment], *, viewer, liked_ids: set[int]) -> None:
    """Attach what the template needs, so that it does no lookups of its own."""
    by_id = {c.pk: c for c in comments}
    answered = {c.parent_id for c in comments} | {c.reply_to_id for c in comments}
    viewer_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    now = timezone.now()
    edit_since = now - EDIT_WINDOW
    for c in comments:
        target = by_id.get(c.reply_to_id) if c.reply_to_id else None
        c.reply_to_name = target.author.display_name if target else None
        # Strings made once here cost the template nothing to print; numbers
        # and dates would each go through localisation there.
        c.ref = str(c.pk)
        c.iso = c.created_at.isoformat()
        c.ago = ago(c.created_at, now)
        c.is_liked = c.pk in liked_ids
        c.is_own = c.author_id == viewer_id
        c.can_edit = (
            c.is_own
            and c.status in (Comment.Status.VISIBLE, Comment.Status.PENDING)
            and c.created_at >= edit_since
            and c.pk not in answered
        )


def thread_cursor(thread: Comment, sort: str) -> str:
    """A cursor that starts a page at this thread."""
    return _cursor_for(thread, sort)


def comment_for_display(comment: Comment, *, viewer) -> Comment:
    """One comment, annotated like those of a page, for an htmx swap."""
    comment = (
        Comment.objects.select_related("author", "reply_to__author")
        .only(*COMMENT_FIELDS, "reply_to__author__display_name")
        .get(pk=comment.pk)
    )
    extra = [comment.reply_to] if comment.reply_to_id else []
    liked = set()
    if viewer.is_authenticated:
        liked = set(
            CommentLike.objects.filter(user=viewer, comment=comment).values_list(
                "comment_id", flat=True
            )
        )
    _annotate([comment, *extra], viewer=viewer, liked_ids=liked)
    return comment
