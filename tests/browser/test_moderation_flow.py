"""The whole of moderation in a real browser, one person per browser context:
a reader reports a comment by keyboard, a moderator hides it and suspends its
author from the queue, the author reads the notice, cannot post and appeals,
a second moderator decides the appeal, and everyone finds the outcome in their
notices."""

import re
from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from moderation import services
from moderation.models import Appeal, Case, ModerationAction, Report
from tests.browser.conftest import age, moderator_named, open_case, person
from tests.factories import PASSWORD, ArticleFactory, CommentFactory

TITLE = "I'm reporting this comment as:"
REMOVED = "This comment was removed by a moderator."
Kind = ModerationAction.Kind


@pytest.fixture
def scene(guidelines):
    """A story whose discussion has Avery's tyre advert in it, and a queue that
    already holds other readers' cases: one heavier, one that weighs nothing."""
    g = guidelines
    story = ArticleFactory(
        headline="A diesel estate car for the long haul",
        slug="diesel-estate-long-haul",
    )
    avery = person("avery", "Avery Author", approved_comments=5)
    CommentFactory(
        article=story,
        author=person("opal", "Opal Owner"),
        body="Ours has done 300,000 km and still pulls like a train.",
    )
    advert = CommentFactory(
        article=story,
        author=avery,
        body="Cheap winter tyres for every estate at avery-tyres.example!",
    )
    insult = CommentFactory(
        article=story,
        author=avery,
        body="Only an idiot would still buy a diesel. You lot should not be "
        "allowed to drive.",
    )

    # Elsewhere in the queue: a comment two readers reported hours ago comes
    # first; a comment reported only by a day-old account comes last.
    hatch = ArticleFactory(headline="The new hot hatch, driven on track")
    heavy = CommentFactory(
        article=hatch,
        author=person("bo", "Bo Bishop"),
        body="This review is paid for, obviously.",
    )
    for number in (1, 2):
        services.report_comment(
            comment=heavy,
            reporter=person(f"early{number}", f"Early Reporter {number}"),
            guideline=g["off-topic"],
        )
    age(open_case(heavy), 6)
    light = CommentFactory(
        article=hatch,
        author=person("cy", "Cy Camber"),
        body="Manual gearboxes are for dinosaurs.",
    )
    services.report_comment(
        comment=light,
        reporter=person("fresh", "Fresh Account", date_joined=timezone.now()),
        guideline=g["off-topic"],
    )
    return {
        "story": story,
        "avery": avery,
        "advert": advert,
        "insult": insult,
        "heavy": heavy,
        "light": light,
        "rita": person("rita", "Rita Reader"),
        "mo": moderator_named("mo", "Mo Moderator"),
        "max": moderator_named("max", "Max Moderator"),
    }


@pytest.mark.parametrize("grant", [True, False], ids=["granted", "denied"])
def test_report_decision_penalty_appeal_and_outcomes_end_to_end(
    browsing, scene, guidelines, artifacts, grant
):
    g = guidelines
    story, avery = scene["story"], scene["avery"]
    advert, insult = scene["advert"], scene["insult"]
    rita, mo, max_ = scene["rita"], scene["mo"], scene["max"]

    # 1. Rita reports Avery's advert through the dialog, by keyboard only ------
    rita_page = browsing.page(rita)
    rita_page.goto(browsing.url(story.get_absolute_url()))
    report_link = rita_page.locator(f"#c{advert.pk}").get_by_role("link", name="Report")
    report_link.focus()
    rita_page.keyboard.press("Enter")
    dialog = rita_page.get_by_role("dialog", name=TITLE)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Cheap winter tyres")
    first = dialog.get_by_role("radio").first
    expect(first).to_be_focused()
    expect(first).not_to_be_checked()
    rita_page.keyboard.press("ArrowDown")
    rita_page.keyboard.press("ArrowDown")
    spam = dialog.get_by_role("radio", name="Spam or advertising")
    expect(spam).to_be_focused()
    expect(spam).to_be_checked()
    rita_page.keyboard.press("Tab")
    expect(dialog.get_by_role("textbox", name="Details (optional)")).to_be_focused()
    rita_page.keyboard.type("A tyre advert with a shop address.")
    rita_page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    rita_page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Submit report")).to_be_focused()
    rita_page.keyboard.press("Enter")
    received = rita_page.get_by_role("dialog", name="Report received")
    expect(received).to_contain_text("Thank you. Your report was received.")
    rita_page.keyboard.press("Enter")
    expect(received).to_be_hidden()
    report = Report.objects.get(reporter=rita)
    assert report.guideline == g["spam"]
    assert report.details == "A tyre advert with a shop address."

    # Meanwhile another reader reports Avery's insult, after Rita's report.
    services.report_comment(
        comment=insult,
        reporter=person("olga", "Olga Other"),
        guideline=g["harassment"],
        details="Insults everyone who drives a diesel.",
    )

    # 2. Mo works the queue by keyboard: hides the advert, suspends Avery ------
    mo_page = browsing.page(mo)
    mo_page.goto(browsing.url("/moderation/"))
    tabs = mo_page.get_by_role("navigation", name="Queue lists")
    expect(tabs.get_by_role("link", name=re.compile("Reported comments"))).to_have_text(
        re.compile(r"^\s*Reported comments\s+4 cases\s*$")
    )
    rows = mo_page.locator("[data-case-row] .case-link")
    # Heaviest first, then oldest: Rita's report came before Olga's.
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("This review is paid for")
    expect(rows.nth(1)).to_contain_text("Cheap winter tyres")
    expect(rows.nth(2)).to_contain_text("Only an idiot")
    expect(rows.nth(3)).to_contain_text("Manual gearboxes")
    mo_page.keyboard.press("j")
    mo_page.keyboard.press("j")
    expect(rows.nth(1)).to_be_focused()
    mo_page.screenshot(path=artifacts / "moderation-queue-flow.png", full_page=True)

    advert_case = open_case(advert)
    mo_page.keyboard.press("Enter")
    expect(mo_page).to_have_url(re.compile(rf"/moderation/case/{advert_case.pk}/"))
    expect(mo_page.get_by_text("A tyre advert with a shop address.")).to_be_visible()
    mo_page.keyboard.press("h")
    reason = mo_page.locator("#hide-guideline")
    expect(reason).to_be_focused()
    mo_page.keyboard.type("Spam")
    expect(reason.locator("option:checked")).to_have_text("Spam or advertising")
    mo_page.keyboard.press("Tab")
    expect(mo_page.locator("#hide-note")).to_be_focused()
    mo_page.keyboard.type("Advertising a tyre shop.")
    mo_page.keyboard.press("Tab")
    expect(mo_page.get_by_role("button", name="Hide comment")).to_be_focused()
    mo_page.keyboard.press("Enter")

    # On to the next case of the list: Avery's insult. Harassment is serious,
    # so the ladder skips to a 7-day suspension; Mo chooses 24 hours and says why.
    insult_case = open_case(insult)
    expect(mo_page).to_have_url(re.compile(rf"/moderation/case/{insult_case.pk}/"))
    expect(mo_page.get_by_role("status")).to_contain_text(
        "Avery Author's comment was hidden for breaking “Spam or advertising”."
    )
    expect(mo_page.locator("[data-suggested-step]")).to_have_text("Suspend for 7d")
    mo_page.keyboard.press("p")
    suspend = mo_page.locator("#penalty-suspend")
    expect(suspend).to_be_focused()
    expect(suspend).to_be_checked()
    mo_page.keyboard.press("Tab")
    duration = mo_page.get_by_label("Length of the suspension")
    expect(duration).to_be_focused()
    expect(duration.locator("option:checked")).to_have_text("7 days")
    mo_page.keyboard.type("24")
    expect(duration.locator("option:checked")).to_have_text("24 hours")
    mo_page.keyboard.press("Tab")
    penalty_reason = mo_page.locator("#penalty-guideline")
    expect(penalty_reason).to_be_focused()
    expect(penalty_reason.locator("option:checked")).to_have_text(
        "Harassment or bullying"
    )
    mo_page.keyboard.press("Tab")
    expect(mo_page.locator("#penalty-note")).to_be_focused()
    mo_page.keyboard.type("First offence: a day away is enough.")
    mo_page.keyboard.press("Tab")
    expect(mo_page.get_by_role("button", name="Apply penalty")).to_be_focused()
    mo_page.keyboard.press("Enter")
    expect(mo_page.get_by_role("status")).to_contain_text(
        "Avery Author was suspended for 24 hours for breaking “Harassment or bullying”."
    )

    avery.refresh_from_db()
    assert avery.is_suspended
    assert (
        timedelta(hours=23)
        < avery.suspended_until - timezone.now()
        < timedelta(hours=25)
    )
    suspension = ModerationAction.objects.get(kind=Kind.SUSPEND, subject=avery)
    assert suspension.moderator == mo
    assert suspension.note == "First offence: a day away is enough."
    assert set(
        Comment.objects.filter(pk__in=[advert.pk, insult.pk]).values_list(
            "status", flat=True
        )
    ) == {Comment.Status.HIDDEN}

    # 3. Avery signs in: the notice, no posting, the tombstones, an appeal -----
    avery_page = browsing.page(who="avery")
    avery_page.goto(browsing.url(story.get_absolute_url()))
    avery_page.get_by_role("link", name="Sign in", exact=True).click()
    avery_page.get_by_label("Username").fill("avery")
    avery_page.get_by_label("Password").fill(PASSWORD)
    avery_page.get_by_role("button", name="Sign in").click()
    expect(avery_page).to_have_url(browsing.url(story.get_absolute_url()))
    banner = avery_page.locator(".penalty-banner")
    expect(banner).to_contain_text(
        f"Your account is suspended until "
        f"{date_filter(avery.suspended_until, 'M j, Y, H:i T')} for breaking the "
        "guideline “Harassment or bullying”."
    )
    expect(banner.get_by_role("link", name="Appeal this decision")).to_be_visible()

    for comment in (advert, insult):
        expect(avery_page.locator(f"#c{comment.pk}")).to_have_text(REMOVED)
    # No comment box while suspended (a post would be refused by the server,
    # which tests/comments covers).
    expect(avery_page.locator("#comments")).to_contain_text(
        "Your account is suspended, so you cannot comment for now."
    )
    expect(avery_page.get_by_role("textbox", name="Your comment")).to_have_count(0)
    if grant:
        avery_page.screenshot(
            path=artifacts / "moderation-flow-suspended.png", full_page=True
        )

    # Others see the tombstones, not the text.
    rita_page.reload()
    for comment in (advert, insult):
        expect(rita_page.locator(f"#c{comment.pk}")).to_have_text(REMOVED)
    expect(rita_page.get_by_text("Cheap winter tyres")).to_have_count(0)

    avery_page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile("^Notices")
    ).click()
    expect(avery_page.get_by_role("heading", name="Your notices")).to_be_visible()
    notices = avery_page.locator(".notice-list")
    expect(notices).to_contain_text(
        "Your comment was removed for breaking the guideline “Spam or advertising”."
    )
    expect(notices).to_contain_text(
        f"Your account is suspended until "
        f"{date_filter(avery.suspended_until, 'M j, Y, H:i T')} "
        "for breaking the guideline “Harassment or bullying”."
    )
    decision = avery_page.locator(f"#decision-{suspension.pk}")
    decision.get_by_role("link", name="Appeal this decision").click()
    expect(avery_page.get_by_role("heading", name="Appeal a decision")).to_be_visible()
    avery_page.get_by_role("textbox", name="Your appeal").fill(
        "I was rude, and I am sorry, but I was not harassing anyone in particular."
    )
    avery_page.get_by_role("button", name="Send appeal").click()
    expect(
        avery_page.get_by_role("status").filter(has_text="Your appeal was sent.")
    ).to_be_visible()
    expect(decision).to_contain_text("Your appeal: Awaiting review.")
    expect(avery_page.locator(".penalty-banner")).to_contain_text(
        "Your appeal is awaiting review."
    )
    appeal = Appeal.objects.get(action=suspension)

    # 4. The appeal goes to Max; Mo made the decision and does not see it ------
    mo_page.goto(browsing.url("/moderation/?tab=appeal"))
    mo_tabs = mo_page.get_by_role("navigation", name="Queue lists")
    expect(mo_tabs.get_by_role("link", name=re.compile("Appeals"))).to_have_text(
        re.compile(r"^\s*Appeals\s+0 cases\s*$")
    )
    expect(mo_page.get_by_text("No appeals are waiting for you.")).to_be_visible()
    expect(mo_page.locator("[data-case-row]")).to_have_count(0)

    max_page = browsing.page(max_)
    max_page.goto(browsing.url("/moderation/"))
    appeals_tab = max_page.get_by_role("navigation", name="Queue lists").get_by_role(
        "link", name=re.compile("Appeals")
    )
    expect(appeals_tab).to_have_text(re.compile(r"^\s*Appeals\s+1 case\s*$"))
    appeals_tab.click()
    max_rows = max_page.locator("[data-case-row] .case-link")
    expect(max_rows).to_have_count(1)
    expect(max_rows.first).to_have_text("Appeal by Avery Author")
    max_page.keyboard.press("j")
    expect(max_rows.first).to_be_focused()
    max_page.keyboard.press("Enter")
    appeal_case = Case.objects.get(appeal=appeal)
    expect(max_page).to_have_url(re.compile(rf"/moderation/case/{appeal_case.pk}/"))
    expect(max_page.locator(".appeal-statement")).to_contain_text(
        "I was rude, and I am sorry"
    )
    expect(max_page.get_by_text("Their note: “First offence")).to_be_visible()
    max_page.locator("#appeal-note").focus()
    max_page.keyboard.type("Checked the comment and the note.")
    max_page.keyboard.press("Tab")
    grant_button = max_page.get_by_role("button", name="Grant: reverse the decision")
    expect(grant_button).to_be_focused()
    if not grant:
        max_page.keyboard.press("Tab")
        expect(
            max_page.get_by_role("button", name="Deny: the decision stands")
        ).to_be_focused()

    # Mo cannot decide it even from the case's own address.
    mo_page.goto(browsing.url(f"/moderation/case/{appeal_case.pk}/"))
    expect(mo_page.locator(".decide")).to_contain_text(
        "This appeal is against your own decision, so another moderator must decide it."
    )
    expect(
        mo_page.get_by_role("button", name=re.compile("^(Grant|Deny)"))
    ).to_have_count(0)

    max_page.keyboard.press("Enter")
    expect(max_page.get_by_role("status")).to_contain_text(
        "Avery Author's appeal was granted and the decision reversed."
        if grant
        else "Avery Author's appeal was denied; the decision stands."
    )
    appeal.refresh_from_db()
    assert appeal.status == (Appeal.Status.GRANTED if grant else Appeal.Status.DENIED)
    avery.refresh_from_db()
    assert avery.is_suspended is not grant
    outcome = ModerationAction.objects.get(
        kind=Kind.APPEAL_GRANTED if grant else Kind.APPEAL_DENIED
    )
    assert outcome.moderator == max_
    assert outcome.reverses == (suspension if grant else None)

    # 5. The outcomes, in each one's notices ----------------------------------
    avery_page.reload()
    if grant:
        expect(avery_page.locator(".notice-list")).to_contain_text(
            "Your appeal was granted and the decision was reversed."
        )
        expect(decision).to_contain_text("Your appeal: Granted.")
        expect(avery_page.locator(".penalty-banner")).to_have_count(0)
        avery_page.screenshot(
            path=artifacts / "moderation-flow-notices.png", full_page=True
        )
    else:
        expect(avery_page.locator(".notice-list")).to_contain_text(
            "Your appeal was reviewed by another moderator and the decision "
            "stands. This outcome is final."
        )
        expect(decision).to_contain_text("Your appeal: Denied.")
        expect(avery_page.locator(".penalty-banner")).to_contain_text(
            "Your appeal was denied."
        )
    # Each decision can be appealed once.
    expect(decision.get_by_role("link", name="Appeal this decision")).to_have_count(0)

    rita_page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=re.compile("^Notices")
    ).click()
    expect(rita_page.locator(".notice-list")).to_contain_text(
        "Your report of a comment was reviewed: we removed the comment. Thank you."
    )
    report_row = rita_page.get_by_role("row", name=re.compile(story.headline))
    expect(report_row).to_contain_text("Spam or advertising")
    expect(report_row).to_contain_text("Reviewed: removed")

    # 6. Nothing was refused by the Content Security Policy, nothing threw ----
    assert browsing.problems == []
