"""Reading a story in a real browser, with JavaScript on and off."""

import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.factories import ArticleFactory, SourceDocumentFactory, UserFactory

PRESS_RELEASE = """\
NORDWERK AND EXAMPLE MOTORS TO CO-DEVELOP A MID-SIZE SPORTS CAR

Munich and Detroit. Nordwerk AG and Example Motors Corporation today signed a
memorandum of understanding to jointly develop a platform for a mid-size sports car.

The agreement covers the chassis, the electrical architecture and a new
lightweight rear subframe; each company will develop its own body, interior and
tuning.

"Sports cars are emotional products, and they need scale," said the chairman of
the Nordwerk board of management.
"""

BODY = """\
<p>Two carmakers that rarely agree on anything have signed up to build a sports car
together. <strong>Nordwerk</strong> and <strong>Example Motors</strong> will share a
platform for a mid-size two-seater, the companies said on Tuesday.</p>
<p>Each brand will keep its own body, interior and suspension tuning, so the
two cars should look and drive differently. Neither would say when the first one
reaches showrooms.</p>
<h2>Why share?</h2>
<p>Sports cars sell in small numbers. Splitting the cost of a platform is the only way
either company can justify a new one, according to <a href="https://example.com/">the
announcement</a>.</p>
<blockquote>Sports cars are emotional products, and they need scale.</blockquote>
"""


def car_photo() -> SimpleUploadedFile:
    """A real JPEG, drawn: a red coupe on a road under a dusk sky."""
    width, height = 1600, 900
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=(int(40 + 200 * shade), int(60 + 90 * shade), int(120 + 40 * shade)),
        )
    draw.polygon(
        [(0, 560), (380, 330), (700, 520), (1050, 300), (1600, 560)], fill=(58, 64, 84)
    )
    draw.rectangle([0, 600, width, height], fill=(54, 54, 58))
    draw.rectangle([0, 740, width, 752], fill=(230, 220, 160))
    draw.rounded_rectangle([380, 560, 1220, 700], radius=50, fill=(178, 34, 34))
    draw.polygon([(560, 565), (680, 470), (930, 470), (1060, 565)], fill=(150, 26, 26))
    draw.polygon(
        [(600, 560), (695, 488), (915, 488), (1010, 560)], fill=(150, 190, 215)
    )
    for x in (520, 1080):
        draw.ellipse([x - 75, 625, x + 75, 775], fill=(20, 20, 22))
        draw.ellipse([x - 38, 662, x + 38, 738], fill=(170, 170, 178))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return SimpleUploadedFile("coupe.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def story(transactional_db):
    article = ArticleFactory(
        headline="Nordwerk and Example Motors will build a sports car together",
        slug="nordwerk-example-motors-sports-car",
        dek="The rivals will share a platform but keep their own bodies and tuning.",
        body=BODY,
        published_at=timezone.now() - timedelta(hours=3),
        bylines=[
            UserFactory(username="ann", display_name="Ann Avery"),
            UserFactory(username="bo", display_name="Bo Brandt"),
        ],
        lead_photo=car_photo(),
        photo_caption="A red coupe at dusk. The platform will underpin two cars.",
        photo_credit="Autoblog illustration",
        photo_alt="A red two-door coupe on an empty road under a dusk sky.",
    )
    article.tags.add("sports cars", "Nordwerk", "Example Motors")
    SourceDocumentFactory(
        article=article,
        title="Nordwerk and Example Motors to co-develop a sports car",
        issuer="Nordwerk AG Press Office",
        full_text=PRESS_RELEASE,
    )
    return article


def test_reader_opens_the_press_release_with_the_keyboard(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(story.headline)
    release_text = page.get_by_text("jointly develop a platform for a mid-size")
    expect(release_text).to_be_hidden()

    page.locator("summary", has_text="Show full PR text").focus()
    page.keyboard.press("Enter")

    expect(release_text).to_be_visible()
    expect(page.get_by_text("Hide full PR text")).to_be_visible()


def test_press_release_and_share_links_work_without_javascript(browsing, story):
    page = browsing.page(javascript=False)
    page.goto(browsing.url(story.get_absolute_url()))
    release_text = page.get_by_text("jointly develop a platform for a mid-size")
    expect(release_text).to_be_hidden()

    page.get_by_text("Show full PR text").click()
    expect(release_text).to_be_visible()

    share_links = page.locator("#share-photo")
    expect(share_links).to_be_hidden()
    page.get_by_role("link", name="Share This Photo").click()
    expect(share_links).to_be_visible()
    story_url = quote(browsing.url(story.get_absolute_url()), safe="")
    expect(share_links.get_by_role("link", name="Facebook")).to_have_attribute(
        "href", f"https://www.facebook.com/sharer/sharer.php?u={story_url}"
    )


def test_share_dialog_opens_and_closes_by_keyboard(page, live_server, story):
    page.goto(live_server.url + story.get_absolute_url())
    share_button = page.get_by_role("button", name="Share This Photo")
    dialog = page.get_by_role("dialog", name="Share this photo")
    expect(dialog).to_be_hidden()

    share_button.focus()
    page.keyboard.press("Enter")

    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Share This Photo"


def test_copy_link_says_the_link_was_copied(page, live_server, story):
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page.goto(live_server.url + story.get_absolute_url())

    page.get_by_role("button", name="Share This Photo").click()
    page.get_by_role("button", name="Copy link").click()

    expect(page.get_by_role("status").filter(has_text="Link copied.")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + story.get_absolute_url()


def test_article_page_screenshot(page, browsing, live_server, story, artifacts):
    browsing.watch(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(live_server.url + story.get_absolute_url(), wait_until="networkidle")
    photo = page.locator("img.lead-photo-img")
    expect(photo).to_be_visible()
    # A broken image has no natural width; this one must have really loaded.
    assert photo.evaluate("img => img.complete && img.naturalWidth") > 0
    assert photo.evaluate("img => img.currentSrc").endswith(".webp")
    page.get_by_text("Show full PR text").click()
    page.screenshot(path=artifacts / "article-page.png", full_page=True)

    page.get_by_role("button", name="Share This Photo").click()
    expect(page.get_by_role("dialog", name="Share this photo")).to_be_visible()
    page.screenshot(path=artifacts / "article-share-dialog.png")

    assert (artifacts / "article-page.png").stat().st_size > 0
    assert browsing.problems == []
