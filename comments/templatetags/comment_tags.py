from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

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
