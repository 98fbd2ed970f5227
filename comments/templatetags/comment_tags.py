from datetime import datetime

from django import template
from django.template import engines
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from comments.models import Comment

register = template.Library()


@register.filter
def ago(value: datetime) -> str:
    """A single-unit relative time, as readers expect: "1 year ago"."""
    seconds = int((timezone.now() - value).total_seconds())
    if seconds < 60:
        seconds = max(seconds, 1)
        return f"{seconds} second{'s' if seconds != 1 else ''} ago"
    # timesince joins number and unit with a no-break space; keep it plain text.
    return f"{timesince(value, depth=1).replace(chr(0xA0), ' ')} ago"


@register.simple_tag
def comment_items(comments: list[Comment] | Comment):
    """Comments as <li> items, rendered by the Jinja2 template of the list."""
    if isinstance(comments, Comment):
        comments = [comments]
    list_template = engines["jinja2"].get_template("comments/_comments.jinja")
    # Jinja2 autoescapes everything it prints; the result is safe HTML.
    return mark_safe(list_template.render({"comments": comments}))  # noqa: S308
