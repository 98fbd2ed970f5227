import pytest

from articles.templatetags.article_tags import paragraphs, sanitize
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE_BODY = """
<p>Harmless opening.</p>
<script>alert('script tag')</script>
<SCRIPT SRC=https://evil.example/x.js></SCRIPT>
<img src=x onerror="alert('img onerror')">
<p onclick="alert('onclick')" onmouseover="alert('hover')">Click me.</p>
<a href="javascript:alert('js url')">js link</a>
<a href="JaVaScRiPt&colon;alert('entity js url')">entity link</a>
<a href=" java&#x09;script:alert('tab js url')">tab link</a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>
<p style="background:url(javascript:alert('style'))">Styled.</p>
<style>body { display: none }</style>
<svg onload="alert('svg')"><circle r="5"/></svg>
<iframe src="https://evil.example"></iframe>
<form action="https://evil.example"><input name="password"></form>
<a href="https://example.com/" target="_blank" rel="opener">A fine link</a>
"""


@pytest.fixture
def hostile_page(client):
    harmless = ArticleFactory(body="<p>Harmless opening.</p>")
    hostile = ArticleFactory(body=HOSTILE_BODY)
    return (
        client.get(harmless.get_absolute_url()).text,
        client.get(hostile.get_absolute_url()).text,
    )


def test_hostile_markup_never_reaches_the_story_page(hostile_page):
    _, html = hostile_page

    for needle in (
        "alert(",
        "evil.example",
        "onerror",
        "onclick",
        "onmouseover",
        "onload",
        "javascript:",
        "data:text/html",
        "style=",
        "<style",
        "<svg",
        "<iframe",
        '<form action="https://evil',
        '<img src="x"',
        "_blank",
    ):
        assert needle not in html.lower(), needle


def test_hostile_body_adds_no_script_tag_to_the_page(hostile_page):
    harmless, hostile = hostile_page

    assert hostile.count("<script") == harmless.count("<script")


def test_allowed_formatting_and_safe_links_survive(hostile_page):
    _, html = hostile_page

    assert "<p>Harmless opening.</p>" in html
    assert "<p>Click me.</p>" in html
    assert (
        '<a href="https://example.com/" rel="nofollow noopener">A fine link</a>' in html
    )


def test_sanitize_keeps_the_story_allowlist():
    html = (
        "<h2>H</h2><h3>S</h3><blockquote>Q</blockquote><ul><li>U</li></ul>"
        "<ol><li>O</li></ol><strong>s</strong><em>e</em><b>b</b><i>i</i>"
        "<figure><figcaption>C</figcaption></figure>one<br>two"
        '<a href="mailto:news@example.com">mail</a><a href="/section/news/">news</a>'
    )

    assert sanitize(html) == html.replace(
        '">mail</a>', '" rel="nofollow noopener">mail</a>'
    ).replace('">news</a>', '" rel="nofollow noopener">news</a>')


def test_sanitize_drops_tags_outside_the_allowlist_but_keeps_their_text():
    assert sanitize("<div><span>kept</span></div><h1>big</h1>") == "keptbig"


def test_paragraphs_escapes_plain_text_and_keeps_its_shape():
    text = "One <b>bold</b> & more.\r\n \r\nTwo, line one.\nTwo, line two.\n\n\n"

    assert paragraphs(text) == (
        "<p>One &lt;b&gt;bold&lt;/b&gt; &amp; more.</p>\n"
        "<p>Two, line one.<br>Two, line two.</p>"
    )


def test_paragraphs_of_nothing_is_empty():
    assert paragraphs("  \n\n ") == ""
