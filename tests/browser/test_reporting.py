"""Reporting a comment in a real browser: the dialog by keyboard, and the page
that stands in for it without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from moderation.models import Case, Report
from tests.browser.conftest import person
from tests.factories import ArticleFactory, CommentFactory, UserFactory

TITLE = "I'm reporting this comment as:"


@pytest.fixture
def story(transactional_db):
    return ArticleFactory(
        headline="A diesel estate car for the long haul",
        slug="diesel-estate-long-haul",
    )


@pytest.fixture
def rita(transactional_db):
    return person("rita", "Rita Reader")


def test_reader_reports_a_comment_in_the_dialog_with_the_keyboard(
    browsing, guidelines, story, rita, artifacts
):
    spammer = UserFactory(display_name="Tyre Seller")
    comment = CommentFactory(
        article=story,
        author=spammer,
        body="Cheap tyres at my shop, link in my profile!",
    )
    CommentFactory(article=story, body="The estate has a huge boot.")
    page = browsing.page(rita)
    page.goto(browsing.url(story.get_absolute_url()))
    page.evaluate("window.notReloaded = true")
    report_link = page.locator(f"#c{comment.pk}").get_by_role("link", name="Report")

    report_link.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Cheap tyres at my shop")
    radios = dialog.get_by_role("radio")
    expect(radios.first).to_be_focused()
    expect(
        dialog.get_by_role("radio", name="I disagree with this comment")
    ).to_be_visible()

    page.keyboard.press("Space")
    expect(dialog.get_by_role("radio", name="Harassment or bullying")).to_be_checked()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    spam = dialog.get_by_role("radio", name="Spam or advertising")
    expect(spam).to_be_checked()
    expect(spam).to_be_focused()

    page.keyboard.press("Tab")
    details = dialog.get_by_role("textbox", name="Details (optional)")
    expect(details).to_be_focused()
    page.keyboard.type("Posts the same tyre advert under every story.")
    expect(dialog.get_by_text("455 characters left.")).to_be_visible()
    page.screenshot(path=artifacts / "report-dialog.png")

    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Submit report")).to_be_focused()
    page.keyboard.press("Enter")

    # The dialog is now named by its new heading.
    dialog = page.get_by_role("dialog", name="Report received")
    expect(dialog).to_contain_text("Thank you. Your report was received.")
    close = dialog.get_by_role("button", name="Close")
    expect(close).to_be_focused()
    expect(dialog.get_by_role("status")).to_contain_text(
        "Thank you. Your report was received."
    )
    page.screenshot(path=artifacts / "report-dialog-sent.png")
    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(report_link).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    report = Report.objects.get()
    assert report.reporter == rita
    assert report.comment == comment
    assert report.guideline.code == "spam"
    assert report.details == "Posts the same tyre advert under every story."
    assert report.case.kind == Case.Kind.REPORTED_COMMENT
    assert browsing.problems == []


def test_escape_closes_the_dialog_and_returns_focus_to_the_report_link(
    browsing, guidelines, story, rita
):
    comment = CommentFactory(article=story, body="Petrol is for dinosaurs.")
    page = browsing.page(rita)
    page.goto(browsing.url(story.get_absolute_url()))
    report_link = page.locator(f"#c{comment.pk}").get_by_role("link", name="Report")

    report_link.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")

    expect(dialog).to_be_hidden()
    expect(report_link).to_be_focused()

    # Opened again, it starts afresh.
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("radio").first).to_be_focused()
    expect(dialog.locator("input[type=radio]:checked")).to_have_count(0)
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(report_link).to_be_focused()
    assert not Report.objects.exists()
    assert browsing.problems == []


def test_second_report_in_the_dialog_says_it_was_already_sent(
    browsing, guidelines, story, rita
):
    comment = CommentFactory(article=story, body="Petrol is for dinosaurs.")
    Report.objects.create(
        reporter=rita,
        comment=comment,
        weight=1,
        outcome=Report.Outcome.NOT_QUEUED,
        created_at=timezone.now() - timedelta(hours=1),
    )
    page = browsing.page(rita)
    page.goto(browsing.url(story.get_absolute_url()))
    report_link = page.locator(f"#c{comment.pk}").get_by_role("link", name="Report")

    report_link.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name=TITLE)
    alert = dialog.get_by_role("alert")
    expect(alert).to_have_text("You have already reported this comment. Thank you.")
    expect(alert).to_be_focused()
    page.keyboard.press("Escape")
    expect(report_link).to_be_focused()
    assert Report.objects.count() == 1
    assert browsing.problems == []


def test_anonymous_reader_pressing_report_is_sent_to_sign_in(
    browsing, guidelines, story
):
    comment = CommentFactory(article=story, body="Petrol is for dinosaurs.")
    page = browsing.page()
    page.goto(browsing.url(story.get_absolute_url()))

    page.locator(f"#c{comment.pk}").get_by_role("link", name="Report").click()

    expect(page).to_have_url(re.compile(rf"/accounts/login/\?next=.*{comment.pk}"))
    assert browsing.problems == []


def test_without_javascript_the_report_is_a_page_of_its_own(
    browsing, guidelines, story, rita, artifacts
):
    comment = CommentFactory(article=story, body="Cheap tyres at my shop!")
    page = browsing.page(rita, javascript=False)
    page.goto(browsing.url(story.get_absolute_url()))

    page.locator(f"#c{comment.pk}").get_by_role("link", name="Report").click()

    expect(page).to_have_url(re.compile(rf"/comments/{comment.pk}/report/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("blockquote")).to_contain_text("Cheap tyres at my shop!")
    group = page.get_by_role("group", name=TITLE)
    group.get_by_role("radio", name="Spam or advertising").check()
    page.get_by_role("textbox", name="Details (optional)").fill("Tyre adverts.")
    expect(page.get_by_role("button", name="Cancel")).to_have_count(0)
    page.screenshot(path=artifacts / "report-page.png", full_page=True)
    page.get_by_role("button", name="Submit report").click()

    expect(page).to_have_url(
        re.compile(rf"{story.get_absolute_url()}.*#c{comment.pk}$")
    )
    expect(page.get_by_text("Thank you. Your report was received.")).to_be_visible()
    report = Report.objects.get()
    assert report.guideline.code == "spam"
    assert report.details == "Tyre adverts."


def test_without_javascript_a_refused_report_keeps_the_details(
    browsing, guidelines, story, rita
):
    rita.status = rita.Status.SUSPENDED
    rita.suspended_until = timezone.now() + timedelta(hours=1)
    rita.save()
    comment = CommentFactory(article=story, body="Cheap tyres at my shop!")
    page = browsing.page(rita, javascript=False)

    page.goto(browsing.url(f"/comments/{comment.pk}/report/"))

    expect(page.get_by_role("alert")).to_have_text(
        "Your account cannot send reports while it is suspended."
    )
    expect(page.get_by_role("radio")).to_have_count(0)
    expect(page.get_by_text("Your account is suspended until")).to_be_visible()
    assert not Report.objects.exists()
