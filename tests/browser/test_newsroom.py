"""A story's way from a journalist's draft to the reader, through the admin."""

import re

from playwright.sync_api import expect

from articles.models import Article
from tests.factories import PASSWORD, SectionFactory

HEADLINE = "Electric Hatchback Arrives in Showrooms"


def sign_in(page, base_url, user):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Stories and readers")).to_be_visible()


def run_action(page, base_url, headline, action):
    page.goto(f"{base_url}/admin/articles/article/")
    row = page.get_by_role("row").filter(has_text=headline)
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Run").click()


def test_journalist_writes_editor_publishes_reader_reads(
    page, browser, live_server, journalist, editor, artifacts
):
    section = SectionFactory(name="Electric")

    # The journalist writes a draft; the slug fills itself in from the headline.
    sign_in(page, live_server.url, journalist)
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Headline").press_sequentially(HEADLINE)
    expect(page.get_by_label("Slug")).to_have_value(
        "electric-hatchback-arrives-in-showrooms"
    )
    page.get_by_label("Dek").fill("Range, price and the first drive.")
    page.get_by_label("Body").fill("<p>The wait is over.</p>")
    page.get_by_label("Section").select_option(label=section.name)
    expect(page.get_by_label("Status")).to_have_value("draft")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.screenshot(path=artifacts / "newsroom-draft-saved.png", full_page=True)

    # …and submits it for review.
    run_action(page, live_server.url, HEADLINE, "Submit for review")
    expect(page.locator(".messagelist")).to_contain_text(
        "1 story was submitted for review."
    )
    expect(page.get_by_role("row").filter(has_text=HEADLINE)).to_contain_text(
        "In review"
    )
    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Article.Status.REVIEW
    assert article.slug == "electric-hatchback-arrives-in-showrooms"
    assert [byline.author for byline in article.bylines.all()] == [journalist]

    # An editor, in a browser of their own, publishes it.
    editor_context = browser.new_context()
    editor_page = editor_context.new_page()
    sign_in(editor_page, live_server.url, editor)
    run_action(editor_page, live_server.url, HEADLINE, "Publish now")
    expect(editor_page.locator(".messagelist")).to_contain_text(
        "1 story was published."
    )
    editor_page.screenshot(path=artifacts / "newsroom-published.png", full_page=True)
    editor_context.close()

    # A reader, signed in nowhere, finds it at its address.
    reader_context = browser.new_context()
    reader_page = reader_context.new_page()
    response = reader_page.goto(f"{live_server.url}/{article.slug}/")
    assert response.status == 200
    expect(reader_page.get_by_role("heading", name=HEADLINE)).to_be_visible()
    expect(reader_page).to_have_title(re.compile(HEADLINE))
    reader_context.close()
