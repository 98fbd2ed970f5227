"""Filters for showing stored text to readers.

Story bodies and flat pages are HTML typed by staff; press releases are plain
text. Neither is trusted: a pasted snippet or a stolen newsroom account must not
be able to run script on readers' pages.
"""

import re

import nh3
from django import template
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_cleaner = nh3.Cleaner(
    tags={
        "p",
        "h2",
        "h3",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "strong",
        "em",
        "b",
        "i",
        "figure",
        "figcaption",
        "br",
    },
    attributes={"a": {"href"}},
    # Relative links carry no scheme and stay on this site, so they pass; any
    # other scheme (javascript:, data:, vbscript:) loses its href.
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener",
    strip_comments=True,
)

_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


@register.filter(is_safe=True)
def sanitize(html) -> SafeString:
    """Keep only the formatting allowed in stories; drop everything else."""
    # str() also undoes mark_safe: flatpages hands over its content pre-marked.
    return mark_safe(_cleaner.clean(str(html or "")))  # noqa: S308 -- just cleaned


@register.filter(needs_autoescape=True)
def paragraphs(text, autoescape=True) -> SafeString:
    """Plain text as HTML paragraphs: blank lines part them, newlines break lines.

    Unlike Django's ``linebreaks``, a line holding only spaces still parts two
    paragraphs; press releases pasted from PDFs and e-mails are full of them.
    """
    escape = conditional_escape if autoescape else str
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return mark_safe("")
    blocks = (block.strip("\n") for block in _BLANK_LINES.split(text))
    return format_html_join(
        "\n",
        "<p>{}</p>",
        (
            (mark_safe("<br>".join(escape(line) for line in block.split("\n"))),)  # noqa: S308 -- each line escaped
            for block in blocks
        ),
    )
