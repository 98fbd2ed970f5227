"""A moderator works the queue in a real browser, with the keyboard."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment
from moderation import services
from moderation.models import ModerationAction
from tests.browser.conftest import age, moderator_named, open_case, person
from tests.factories import ArticleFactory, CommentFactory

Kind = ModerationAction.Kind


class Reporters:
    """Readers whose reports count fully, each used once, so that no one
    reaches the reporting rate limit."""

    def __init__(self):
        self.count = 0

    def report(self, comment, guideline, details=""):
        self.count += 1
        reporter = person(f"reporter{self.count}", f"Reporter {self.count}")
        services.report_comment(
            comment=comment, reporter=reporter, guideline=guideline, details=details
        )


@pytest.fixture
def queue_data(guidelines):
    """A busy morning: reported comments of several weights, a held comment, a
    reported account, an appeal and a decision already taken."""
    g = guidelines
    reporters = Reporters()
    hatch = ArticleFactory(headline="The new hot hatch, driven on track")
    ev = ArticleFactory(headline="Electric van range test: winter edition")
    suv = ArticleFactory(headline="Why the compact SUV keeps selling")
    avery = person("avery", "Avery Author")
    other_moderator = moderator_named("maxmod", "Max Moderator")

    # Avery was warned once already, so the suggested step is a suspension.
    earlier = CommentFactory(article=suv, author=avery, body="Visit my tyre shop!")
    reporters.report(earlier, g["spam"])
    services.penalize(
        case=open_case(earlier),
        moderator=other_moderator,
        step=services.LADDER[0],
        guideline=g["spam"],
    )

    insult = CommentFactory(
        article=hatch,
        author=avery,
        body="Only an idiot would buy this. People who like hatchbacks should "
        "not be allowed to drive.",
    )
    reporters.report(insult, g["off-topic"], "Nothing to do with the car.")
    reporters.report(insult, g["off-topic"])
    reporters.report(insult, g["harassment"], "Insults everyone who disagrees.")
    age(open_case(insult), 5)

    advert = CommentFactory(
        article=ev,
        author=avery,
        body="Cheap winter tyres for every van at avery-tyres.example, "
        "free fitting this week!",
    )
    reporters.report(advert, g["spam"], "Advert, again.")
    reporters.report(advert, g["spam"])
    age(open_case(advert), 3)

    others = [
        (hatch, "Bo Bishop", "This review is paid for, obviously.", "off-topic", 9),
        (ev, "Cy Camber", "Here is his home address: 12 Elm Street.", "privacy", 1),
        (
            suv,
            "Dee Diesel",
            "SUVs are ruining cities, and so are you.",
            "harassment",
            7,
        ),
        (hatch, "Eve Exhaust", "Click here for free car insurance quotes", "spam", 26),
        (
            suv,
            "Flo Fender",
            "Damn, that's a lot of money for a small car.",
            "profanity",
            2,
        ),
    ]
    for number, (article, name, body, code, hours) in enumerate(others):
        writer = person(f"writer{number}", name)
        comment = CommentFactory(article=article, author=writer, body=body)
        reporters.report(comment, g[code])
        age(open_case(comment), hours)

    newcomer = person("newbie", "Nia Newcomer", approved_comments=0)
    held = CommentFactory(
        article=ev, author=newcomer, body="First comment!", status="pending"
    )
    services.hold_comment(
        comment=held,
        reason="New accounts are reviewed until two of their comments are approved.",
    )
    troll = person("troll", "Tom Troll")
    services.report_user(
        user=troll,
        reporter=person("userreporter", "Una Reporter"),
        guideline=g["impersonation"],
        details="Pretends to be a journalist of this site.",
    )
    disputed = CommentFactory(article=suv, body="A rant about speed cameras.")
    reporters.report(disputed, g["off-topic"])
    hidden = services.hide(
        case=open_case(disputed), moderator=other_moderator, guideline=g["off-topic"]
    )
    services.file_appeal(
        action=hidden,
        appellant=disputed.author,
        statement="Speed cameras were mentioned in the article.",
    )
    moderator = moderator_named("moderator", "Mo Moderator")
    return {
        "moderator": moderator,
        "avery": avery,
        "insult": insult,
        "advert": advert,
    }


def test_moderator_works_the_queue_with_the_keyboard(
    browsing, queue_data, guidelines, artifacts
):
    page = browsing.page(queue_data["moderator"])
    insult, advert, avery = (
        queue_data["insult"],
        queue_data["advert"],
        queue_data["avery"],
    )
    page.goto(browsing.url("/moderation/"))
    expect(page.get_by_role("heading", name="Moderation queue")).to_be_visible()
    tabs = page.get_by_role("navigation", name="Queue lists")
    expect(
        tabs.get_by_role("link", name=re.compile("Reported comments"))
    ).to_contain_text("7")
    expect(tabs.get_by_role("link", name=re.compile("Held comments"))).to_contain_text(
        "1"
    )
    page.screenshot(path=artifacts / "moderation-queue.png", full_page=True)

    rows = page.locator("[data-case-row] .case-link")
    expect(rows).to_have_count(7)
    # Heaviest first: the insult (weight 3), then the advert (weight 2).
    expect(rows.nth(0)).to_contain_text("Only an idiot")
    expect(rows.nth(1)).to_contain_text("Cheap winter tyres")

    page.keyboard.press("j")
    expect(rows.nth(0)).to_be_focused()
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(rows.nth(2)).to_be_focused()
    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(rows.nth(0)).to_be_focused()
    page.keyboard.press("x")
    expect(page.locator(f"#select-{open_case(insult).pk}")).to_be_checked()
    page.keyboard.press("x")

    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(help_dialog).to_be_hidden()
    # Focus is back where it was, on the first case.
    expect(rows.nth(0)).to_be_focused()

    insult_case = open_case(insult)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/moderation/case/{insult_case.pk}/"))
    expect(page.get_by_text("Insults everyone who disagrees.")).to_be_visible()
    page.screenshot(path=artifacts / "moderation-case.png", full_page=True)

    # Typing in a field is not a shortcut.
    note = page.locator("#note-note")
    note.focus()
    page.keyboard.type("jk")
    expect(note).to_have_value("jk")
    expect(page).to_have_url(re.compile(rf"/moderation/case/{insult_case.pk}/"))
    note.fill("")
    note.blur()

    # h: the Hide form's guideline; the most-reported reason is chosen already,
    # the moderator picks another by typing its first letters.
    page.keyboard.press("h")
    reason = page.locator("#hide-guideline")
    expect(reason).to_be_focused()
    expect(reason.locator("option:checked")).to_have_text("Off-topic")
    page.keyboard.type("Harass")
    expect(reason.locator("option:checked")).to_have_text("Harassment or bullying")
    page.keyboard.press("Tab")
    expect(page.locator("#hide-note")).to_be_focused()
    page.keyboard.type("Insults other readers.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Hide comment")).to_be_focused()
    page.keyboard.press("Enter")

    advert_case = open_case(advert)
    expect(page).to_have_url(re.compile(rf"/moderation/case/{advert_case.pk}/"))
    expect(page.get_by_role("status")).to_contain_text(
        "Avery Author's comment was hidden for breaking “Harassment or bullying”."
    )
    insult.refresh_from_db()
    assert insult.status == Comment.Status.HIDDEN
    hide = ModerationAction.objects.get(kind=Kind.HIDE, comment=insult)
    assert hide.guideline == guidelines["harassment"]
    assert hide.note == "Insults other readers."

    # The next case is Avery's advert; one warning on record, so the ladder
    # suggests a 24-hour suspension, already chosen in the form.
    expect(page.locator("[data-suggested-step]")).to_have_text("Suspend for 24h")
    page.keyboard.press("p")
    expect(page.locator("#penalty-suspend")).to_be_focused()
    expect(page.locator("#penalty-suspend")).to_be_checked()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text(
        "Avery Author was suspended for 24 hours for breaking “Spam or advertising”."
    )
    expect(page).to_have_url(re.compile(r"/moderation/case/\d+/\?tab=comment"))
    expect(page).not_to_have_url(re.compile(rf"/case/{advert_case.pk}/"))
    avery.refresh_from_db()
    assert avery.is_suspended
    assert avery.suspended_until - timezone.now() > timedelta(hours=23)
    advert.refresh_from_db()
    assert advert.status == Comment.Status.HIDDEN

    # j and k follow the case page's next/previous links.
    current = page.url
    page.keyboard.press("j")
    expect(page).not_to_have_url(current)
    page.keyboard.press("k")
    expect(page).to_have_url(current)

    # a approves the case in view and moves on.
    approved_pk = int(re.search(r"/case/(\d+)/", page.url)[1])
    page.keyboard.press("a")
    expect(page.get_by_role("status")).to_contain_text("was approved")
    expect(page).not_to_have_url(re.compile(rf"/case/{approved_pk}/"))
    assert ModerationAction.objects.get(case_id=approved_pk).kind == Kind.APPROVE

    assert browsing.problems == []
