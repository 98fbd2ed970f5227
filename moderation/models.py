"""Moderation: the guidelines, readers' reports, the moderators' queue, and the
append-only record of every decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Guideline(models.Model):
    """A section of the Community Guidelines. Reports, decisions, penalties,
    notices and metrics all name one."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=80)
    description = models.CharField(max_length=300)
    serious = models.BooleanField(
        default=False,
        help_text="Serious violations skip ahead on the penalty ladder.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class WatchWord(models.Model):
    """A word that holds a comment for review before anyone else sees it."""

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word


class Case(models.Model):
    """One item of the moderators' queue: a reported or held comment, a reported
    account, or an appeal. At most one case per subject is open at a time."""

    class Kind(models.TextChoices):
        REPORTED_COMMENT = "comment", "Reported comment"
        HELD_COMMENT = "held", "Held comment"
        REPORTED_USER = "user", "Reported user"
        APPEAL = "appeal", "Appeal"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The account whose conduct is in question.",
    )
    appeal = models.OneToOneField(
        "Appeal", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report_weight = models.FloatField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        permissions = [("moderate", "Can work the moderation queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "comment"],
                condition=Q(status="open", comment__isnull=False),
                name="one_open_case_per_comment",
            ),
            models.UniqueConstraint(
                fields=["kind", "subject"],
                condition=Q(status="open", kind="user"),
                name="one_open_case_per_reported_user",
            ),
        ]
        indexes = [
            models.Index(
                fields=["kind", "-report_weight", "opened_at"],
                condition=Q(status="open"),
                name="open_cases_by_priority",
            ),
            models.Index(fields=["-decided_at"], name="cases_by_decision"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("moderation:case", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Report(models.Model):
    """A reader's report of a comment or of an account. A report without a
    guideline means "I disagree with this comment": recorded for the author's
    feedback, never queued."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        UPHELD = "upheld", "Reviewed: removed"
        REJECTED = "rejected", "Reviewed: no violation"
        NOT_QUEUED = "not_queued", "Recorded"

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports"
    )
    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    reported_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports_against",
    )
    guideline = models.ForeignKey(
        Guideline, null=True, blank=True, on_delete=models.PROTECT
    )
    details = models.CharField(max_length=500, blank=True)
    weight = models.FloatField(
        help_text="How much this report counts towards hiding the comment."
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    outcome = models.CharField(
        max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(comment__isnull=True) ^ Q(reported_user__isnull=True),
                name="report_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="one_report_per_reader_per_comment",
            ),
            models.UniqueConstraint(
                fields=["reporter", "reported_user"],
                condition=Q(reported_user__isnull=False),
                name="one_report_per_reader_per_user",
            ),
        ]
        indexes = [models.Index(fields=["reporter", "-created_at"])]

    def __str__(self):
        return f"Report #{self.pk}"

    @property
    def is_disagreement(self) -> bool:
        return self.guideline_id is None


class ModerationAction(models.Model):
    """One act of moderation, kept for good: the database refuses to change or
    delete these rows (see the trigger in migration 0002)."""

    class Kind(models.TextChoices):
        APPROVE = "approve", "Approved"
        HIDE = "hide", "Hidden"
        AUTO_HIDE = "auto_hide", "Hidden automatically"
        HOLD = "hold", "Held for review"
        WARN = "warn", "Warned"
        SUSPEND = "suspend", "Suspended"
        TERMINATE = "terminate", "Terminated"
        NOTE = "note", "Note added"
        DISMISS = "dismiss", "No violation"
        APPEAL_GRANTED = "appeal_granted", "Appeal granted"
        APPEAL_DENIED = "appeal_denied", "Appeal denied"

    PENALTIES = (Kind.WARN, Kind.SUSPEND, Kind.TERMINATE)

    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moderation_actions",
        help_text="Empty for automatic actions.",
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moderation_record",
    )
    guideline = models.ForeignKey(
        Guideline, null=True, blank=True, on_delete=models.PROTECT
    )
    note = models.TextField(blank=True)
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="When a suspension ends."
    )
    reverses = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversals",
        help_text="The decision an appeal overturned.",
    )
    state_before = models.JSONField(default=dict, blank=True)
    state_after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["subject", "kind", "-created_at"]),
            models.Index(fields=["moderator", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_penalty(self) -> bool:
        return self.kind in self.PENALTIES

    STATE_LABELS = {
        "comment_status": "Comment",
        "status": "Account",
        "suspended_until": "Suspended until",
        "is_active": "Can sign in",
    }

    @property
    def state_change(self) -> list[tuple[str, object, object]]:
        """What the act changed, as (label, before, after) for the fields that
        differ."""
        keys = dict.fromkeys([*self.state_before, *self.state_after])
        return [
            (
                self.STATE_LABELS.get(key, key),
                self.state_before.get(key),
                self.state_after.get(key),
            )
            for key in keys
            if self.state_before.get(key) != self.state_after.get(key)
        ]


class Appeal(models.Model):
    """An author's one appeal against one decision; a different moderator
    decides it, and that outcome is final."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting review"
        GRANTED = "granted", "Granted"
        DENIED = "denied", "Denied"

    action = models.OneToOneField(
        ModerationAction, on_delete=models.PROTECT, related_name="appeal"
    )
    appellant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appeals"
    )
    statement = models.TextField(max_length=2000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField()

    def __str__(self):
        return f"Appeal #{self.pk}"


class Notification(models.Model):
    """A message to one reader: a report's outcome, a penalty, an appeal's."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=200, blank=True)
    action = models.ForeignKey(
        ModerationAction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self):
        return self.message
