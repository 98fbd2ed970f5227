from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

MAX_PHOTO_BYTES = 10 * 1024 * 1024


def validate_photo_size(photo):
    if photo.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            "This photo is larger than 10 MB. Please upload a smaller file."
        )


class Section(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    """Reads of stories; ``published()`` is what readers may see."""

    def published(self):
        """Stories readers may see: published, and their time has come.

        Decided at query time, so a scheduled story appears on the minute
        without any job having to run.
        """
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def editable_by(self, user):
        """Articles a newsroom member may open: editors all, journalists their own."""
        if user.has_perm("articles.publish_article"):
            return self
        return self.filter(
            models.Q(created_by=user) | models.Q(bylines__author=user)
        ).distinct()

    def for_listing(self):
        return (
            self.select_related("section")
            .prefetch_related(BYLINES_WITH_AUTHORS)
            .order_by("-published_at", "-pk")
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        error_messages={"unique": "Another article already uses this slug."},
    )
    dek = models.CharField(
        "dek", max_length=300, blank=True, help_text="One-sentence summary."
    )
    body = models.TextField(
        help_text="Formatted text. Only safe formatting reaches readers."
    )
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles"
    )
    tags = TaggableManager(blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Byline", related_name="articles"
    )

    lead_photo = models.ImageField(
        upload_to="photos/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_photo_size,
        ],
    )
    photo_caption = models.CharField(max_length=300, blank=True)
    photo_credit = models.CharField(max_length=120, blank=True)
    photo_alt = models.CharField(
        "photo alt text",
        max_length=250,
        blank=True,
        help_text="Describe the photo for readers who cannot see it.",
    )
    photo_small = ImageSpecField(
        source="lead_photo",
        processors=[ResizeToFit(480)],
        format="WEBP",
        options={"quality": 80},
    )
    photo_medium = ImageSpecField(
        source="lead_photo",
        processors=[ResizeToFit(960)],
        format="WEBP",
        options={"quality": 80},
    )
    photo_large = ImageSpecField(
        source="lead_photo",
        processors=[ResizeToFit(1600)],
        format="WEBP",
        options={"quality": 80},
    )
    photo_fallback = ImageSpecField(
        source="lead_photo",
        processors=[ResizeToFit(960)],
        format="JPEG",
        options={"quality": 85},
    )

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="A time in the future schedules the story.",
    )
    comments_open = models.BooleanField(default=True)
    # Kept by comments.services in the same transaction as each post or removal,
    # so that no page has to count a large discussion.
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["created_at", "updated_at", "comment_count"]
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.lead_photo and not all(
            (self.photo_caption, self.photo_credit, self.photo_alt)
        ):
            raise ValidationError(
                "A lead photo needs a caption, a credit and alt text."
            )
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Byline(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bylines"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="one_byline_per_author"
            )
        ]

    def __str__(self):
        return str(self.author)


class SourceDocument(models.Model):
    """A document the story rests on, such as a press release, shown in full."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(max_length=200)
    issuer = models.CharField(max_length=120)
    issued_on = models.DateField()
    full_text = models.TextField(help_text="Plain text; paragraphs are kept.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


# Bylines with their authors in one query, in byline order.
BYLINES_WITH_AUTHORS = models.Prefetch(
    "bylines", queryset=Byline.objects.select_related("author")
)
