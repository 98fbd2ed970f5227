from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.safestring import mark_safe

MAX_DEPTH = 3
MAX_BODY_LENGTH = 3000


class CommentQuerySet(models.QuerySet):
    def public(self):
        """Comments that take a place in the thread: shown, or as tombstones."""
        return self.exclude(status=Comment.Status.PENDING)


class Comment(models.Model):
    """A reader's comment under an article.

    The tree is stored as ``parent`` plus ``root`` (the thread's top-level
    comment) and ``depth``; reading order is derived when a page is built, so
    posting never rewrites other rows.
    """

    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        PENDING = "pending", "Awaiting review"
        HIDDEN = "hidden", "Removed by a moderator"
        DELETED = "deleted", "Deleted by its author"

    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The thread's top-level comment; empty for top-level comments.",
    )
    reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The comment answered, when it sits deeper than replies may nest.",
    )
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(max_length=MAX_BODY_LENGTH)
    body_html = models.TextField(
        help_text="The body as shown: escaped, with links and line breaks."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    like_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(depth__lte=MAX_DEPTH), name="comment_depth_capped"
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, root__isnull=True, depth=0)
                | Q(parent__isnull=False, root__isnull=False, depth__gt=0),
                name="comment_tree_consistent",
            ),
        ]
        indexes = [
            # Threads of an article, oldest or newest first (keyset pagination).
            models.Index(
                F("article"),
                F("created_at"),
                F("id"),
                condition=Q(root__isnull=True),
                name="comment_thread_by_time",
            ),
            models.Index(
                F("article"),
                F("like_count").desc(),
                F("id"),
                condition=Q(root__isnull=True),
                name="comment_thread_by_likes",
            ),
            models.Index(fields=["root", "created_at"], name="comment_replies"),
            # Flood and duplicate checks look at an author's latest comments.
            models.Index(fields=["author", "-created_at"], name="comment_by_author"),
        ]

    def __str__(self):
        return f"Comment {self.pk} by {self.author_id}"

    def get_absolute_url(self):
        return reverse("comments:permalink", kwargs={"pk": self.pk})

    @property
    def thread_id(self) -> int:
        return self.root_id or self.pk

    @property
    def body_safe(self):
        # body_html was built by services.render_body: escaped text, then
        # sanitised by nh3 down to paragraphs, line breaks and plain links.
        return mark_safe(self.body_html)  # noqa: S308


class CommentLike(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "comment"], name="one_like_per_reader"
            )
        ]

    def __str__(self):
        return f"Like of comment {self.comment_id} by {self.user_id}"


class CommentRevision(models.Model):
    """An earlier text of an edited comment, kept for the record."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField()
    created_at = models.DateTimeField(
        help_text="When this text was written (posted or last edited)."
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["comment", "replaced_at"]

    def __str__(self):
        return f"Revision of comment {self.comment_id}"
