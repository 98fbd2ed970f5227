from datetime import datetime

from django import template
from django.template import engines
from django.utils import timezone
from django.utils.safestring import mark_safe

from comments.models import Comment

register = template.Library()


# Largest unit first; months and years as timesince counts them, near enough
# for a relative time that the exact one accompanies.
UNITS = (
    ("year", 365 * 86400),
    ("month", 30 * 86400),
    ("week", 7 * 86400),
    ("day", 86400),
    ("hour", 3600),
    ("minute", 60),
    ("second", 1),
)


@register.filter
def ago(value: datetime, now: datetime | None = None) -> str:
    """A single-unit relative time, as readers expect: "1 year ago".

    Written out rather than built on timesince, which costs several times as
    much and is called for every comment on a page.
    """
    seconds = max(1, int(((now or timezone.now()) - value).total_seconds()))
    for unit, size in UNITS:
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    raise AssertionError("unreachable: seconds >= 1")


@register.simple_tag
def comment_items(comments: list[Comment] | Comment):
    """Comments as <li> items, rendered by the Jinja2 template of the list."""
    if isinstance(comments, Comment):
        comments = [comments]
    list_template = engines["jinja2"].get_template("comments/_comments.jinja")
    # Jinja2 autoescapes everything it prints; the result is safe HTML.
    return mark_safe(list_template.render({"comments": comments}))  # noqa: S308
