from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import dateformat, timezone

# As the templates print moments ({{ moment|date:"M j, Y, H:i T" }}), so that
# a notice and the page around it agree.
MOMENT_FORMAT = "M j, Y, H:i T"


def format_moment(moment) -> str:
    """A moment in the site's time zone, as pages print it: "Nov 5, 2026, 14:00 UTC"."""
    return dateformat.format(timezone.localtime(moment), MOMENT_FORMAT)


class User(AbstractUser):
    """A reader, journalist, editor or moderator.

    Comments show ``display_name``; ``username`` is only for signing in.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        TERMINATED = "terminated", "Terminated"

    display_name = models.CharField(
        max_length=50,
        help_text="The name shown with your comments and on your profile.",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    suspended_until = models.DateTimeField(null=True, blank=True)
    approved_comments = models.PositiveIntegerField(
        default=0,
        help_text="Comments a moderator approved; new accounts are "
        "pre-moderated until they have two.",
    )

    REQUIRED_FIELDS = ["email", "display_name"]

    class Meta(AbstractUser.Meta):
        constraints = [
            # Sign-up checks this too, but only the database holds under races.
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_email_ci_unique",
            )
        ]

    def __str__(self):
        return self.display_name or self.username

    def get_absolute_url(self):
        return reverse("accounts:profile", kwargs={"username": self.username})

    @property
    def is_suspended(self) -> bool:
        return (
            self.status == self.Status.SUSPENDED
            and self.suspended_until is not None
            and self.suspended_until > timezone.now()
        )

    @property
    def is_terminated(self) -> bool:
        return self.status == self.Status.TERMINATED

    @property
    def can_participate(self) -> bool:
        """Whether the account may post, reply, like and report right now."""
        return self.is_active and not self.is_terminated and not self.is_suspended
