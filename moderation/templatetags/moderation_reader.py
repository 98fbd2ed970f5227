"""Template tags for the readers' side of moderation."""

from django import template

from .. import reader_selectors

register = template.Library()


@register.simple_tag
def current_suspension(user):
    """The decision behind a suspended user's running suspension, or None.
    Templates ask only when ``user.is_suspended``, so no one else pays a query."""
    return reader_selectors.current_suspension(user)
