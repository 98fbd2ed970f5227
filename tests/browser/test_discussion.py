"""The reader discussion in a real browser, with JavaScript on and off."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from comments.models import Comment
from tests.browser.conftest import person
from tests.factories import PASSWORD, ArticleFactory, CommentFactory


@pytest.fixture
def story(transactional_db):
    return ArticleFactory(
        headline="A hot hatch with a manual gearbox returns",
        slug="hot-hatch-manual-returns",
    )


def comment_item(page, comment: Comment):
    return page.locator(f"#c{comment.pk}")


def post_reply(page, parent: Comment, text: str) -> Comment:
    """Open the inline reply form under a comment, post, and return the reply."""
    item = comment_item(page, parent)
    item.get_by_role("link", name="Reply").click()
    box = item.get_by_role(
        "textbox", name=f"Your reply to {parent.author.display_name}"
    )
    expect(box).to_be_focused()
    box.fill(text)
    item.get_by_role("button", name="Post reply").click()
    # In the flat list, as a reload would show it, not nested in its parent.
    expect(page.locator("#comment-list > li.c", has_text=text)).to_be_visible()
    return Comment.objects.get(body=text)


def test_reader_signs_in_comments_and_replies_nest_down_to_depth_three(
    page, browsing, story
):
    ann = person("ann", "Ann Apex")
    member_pages = {
        name: browsing.page(person(name, display))
        for name, display in [
            ("bea", "Bea Boxer"),
            ("cy", "Cy Camber"),
            ("dee", "Dee Diesel"),
            ("eve", "Eve Exhaust"),
        ]
    }
    browsing.watch(page, who="ann")
    page.goto(browsing.url(story.get_absolute_url()))

    page.get_by_role("link", name="Sign in to comment").click()
    page.get_by_label("Username").fill(ann.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(browsing.url(f"{story.get_absolute_url()}#comments"))
    heading = page.locator("#comments-heading")
    expect(heading).to_have_text("0 Comments")
    # A marker on the window survives only if the page is not reloaded.
    page.evaluate("window.notReloaded = true")
    page.get_by_role("textbox", name="Your comment").fill("First drive: it's a riot.")
    page.get_by_role("button", name="Post comment").click()

    top = page.locator("#comment-list > li.c.d0", has_text="First drive: it's a riot.")
    expect(top).to_be_visible()
    expect(heading).to_have_text("1 Comment")
    expect(page.get_by_role("textbox", name="Your comment")).to_have_value("")
    assert page.evaluate("window.notReloaded") is True
    parent = Comment.objects.get(body="First drive: it's a riot.")

    for depth, name in enumerate(["bea", "cy", "dee"], start=1):
        reader_page = member_pages[name]
        reader_page.goto(browsing.url(story.get_absolute_url()))
        reader_page.evaluate("window.notReloaded = true")
        reply = post_reply(reader_page, parent, f"Reply at depth {depth} by {name}.")
        assert reply.depth == depth
        item = comment_item(reader_page, reply)
        expect(item).to_have_class(re.compile(rf"\bd{depth}\b"))
        # Placed where a reload would show it: in the list, after its parent.
        expect(reader_page.locator(f"#c{parent.pk} + #c{reply.pk}")).to_be_visible()
        expect(reader_page.locator("#comments-heading")).to_have_text(
            f"{depth + 1} Comments"
        )
        assert reader_page.evaluate("window.notReloaded") is True
        parent = reply

    eve_page = member_pages["eve"]
    eve_page.goto(browsing.url(story.get_absolute_url()))
    deepest = post_reply(eve_page, parent, "Same depth, but it says whom it answers.")
    item = comment_item(eve_page, deepest)
    expect(item).to_have_class(re.compile(r"\bd3\b"))
    mention = item.locator("a.to")
    expect(mention).to_have_text("@Dee Diesel")
    expect(mention).to_have_attribute("href", f"#c{parent.pk}")
    expect(eve_page.locator(f"#c{parent.pk} + #c{deepest.pk}")).to_be_visible()
    assert deepest.depth == 3
    assert deepest.reply_to_id == parent.pk

    # After a reload the thread reads the same, in the same order.
    eve_page.reload()
    depths = eve_page.locator("#comment-list > li.c").evaluate_all(
        "items => items.map(item => item.className.match(/\\bd(\\d)\\b/)[1])"
    )
    assert depths == ["0", "1", "2", "3", "3"]
    expect(comment_item(eve_page, deepest).locator(".b")).to_have_text(
        "Same depth, but it says whom it answers."
    )
    eve_page.locator("a.to").click()
    expect(eve_page).to_have_url(re.compile(rf"#c{parent.pk}$"))
    assert browsing.problems == []


def make_threads(story, count: int) -> list[Comment]:
    start = timezone.now() - timedelta(hours=2)
    return [
        CommentFactory(
            article=story,
            body=f"Thread number {n}.",
            created_at=start + timedelta(minutes=n),
        )
        for n in range(1, count + 1)
    ]


def test_load_more_appends_the_next_threads_in_place(browsing, story, settings):
    settings.COMMENTS_PAGE_SIZE = 3
    threads = make_threads(story, 7)
    CommentFactory(article=story, parent=threads[4], body="A reply on page two.")
    page = browsing.page()
    url = browsing.url(story.get_absolute_url())
    page.goto(url)
    items = page.locator("#comment-list > li.c")
    expect(items).to_have_count(3)

    load_more = page.get_by_role("link", name="Load More Comments")
    load_more.click()
    expect(items).to_have_count(7)
    expect(page.get_by_text("A reply on page two.")).to_be_visible()
    load_more.click()
    expect(items).to_have_count(8)
    expect(load_more).to_have_count(0)

    assert page.url == url
    bodies = items.locator(".b").all_inner_texts()
    assert bodies == [
        "Thread number 1.",
        "Thread number 2.",
        "Thread number 3.",
        "Thread number 4.",
        "Thread number 5.",
        "A reply on page two.",
        "Thread number 6.",
        "Thread number 7.",
    ]
    assert browsing.problems == []


def test_load_more_without_javascript_opens_the_next_page(browsing, story, settings):
    settings.COMMENTS_PAGE_SIZE = 3
    make_threads(story, 7)
    page = browsing.page(javascript=False)
    page.goto(browsing.url(story.get_absolute_url()))
    bodies = page.locator("#comment-list > li.c .b")

    page.get_by_role("link", name="Load More Comments").click()
    expect(page).to_have_url(re.compile(r"\?sort=oldest&after=.+#comments$"))
    expect(bodies).to_have_text(
        ["Thread number 4.", "Thread number 5.", "Thread number 6."]
    )
    page.get_by_role("link", name="Load More Comments").click()
    expect(bodies).to_have_text(["Thread number 7."])
    expect(page.get_by_role("link", name="Load More Comments")).to_have_count(0)
    page.get_by_role("link", name="Show comments from the beginning").click()
    expect(bodies.first).to_have_text("Thread number 1.")


def test_like_and_unlike_with_javascript(browsing, story):
    comment = CommentFactory(article=story, body="The steering is superb.")
    page = browsing.page(person("fan", "Fay Fan"))
    page.goto(browsing.url(story.get_absolute_url()))
    page.evaluate("window.notReloaded = true")
    item = comment_item(page, comment)

    item.get_by_role("button", name="Like 0").click()
    liked = item.get_by_role("button", name="Liked 1")
    expect(liked).to_have_attribute("aria-pressed", "true")
    liked.click()
    unliked = item.get_by_role("button", name="Like 0")
    expect(unliked).to_have_attribute("aria-pressed", "false")

    assert page.evaluate("window.notReloaded") is True
    comment.refresh_from_db()
    assert comment.like_count == 0
    assert browsing.problems == []


def test_own_comment_shows_its_likes_without_a_button(browsing, story):
    fan = person("fan", "Fay Fan")
    own = CommentFactory(article=story, author=fan, body="My own take.")
    page = browsing.page(fan)
    page.goto(browsing.url(story.get_absolute_url()))
    item = comment_item(page, own)
    expect(item.get_by_text("0 likes")).to_be_visible()
    expect(item.get_by_role("button", name=re.compile("^Like"))).to_have_count(0)


def test_refused_like_shows_why_and_keeps_the_comment(browsing, story):
    fan = person("fan", "Fay Fan")
    other = CommentFactory(article=story, body="Their take.")
    page = browsing.page(fan)
    page.goto(browsing.url(story.get_absolute_url()))
    item = comment_item(page, other)
    # Suspended after the page was loaded: the button is still there.
    User.objects.filter(pk=fan.pk).update(
        status=User.Status.SUSPENDED,
        suspended_until=timezone.now() + timedelta(days=1),
    )

    item.get_by_role("button", name="Like 0").click()
    expect(item.get_by_role("alert")).to_contain_text("Your account is suspended")
    item.get_by_role("button", name="Like 0").click()

    expect(item.get_by_role("alert")).to_have_count(1)
    expect(item.locator(".b")).to_have_text("Their take.")
    assert browsing.problems == []


def test_like_without_javascript_counts_after_the_redirect(browsing, story):
    comment = CommentFactory(article=story, body="The steering is superb.")
    page = browsing.page(person("fan", "Fay Fan"), javascript=False)
    page.goto(browsing.url(story.get_absolute_url()))

    comment_item(page, comment).get_by_role("button", name="Like 0").click()

    expect(page).to_have_url(
        re.compile(rf"{story.get_absolute_url()}.*#c{comment.pk}$")
    )
    button = comment_item(page, comment).get_by_role("button", name="Liked 1")
    expect(button).to_have_attribute("aria-pressed", "true")
    comment.refresh_from_db()
    assert comment.like_count == 1


def test_edit_in_place_then_delete_leaves_a_tombstone_above_the_reply(browsing, story):
    writer = person("writer", "Wes Writer")
    mine = CommentFactory(article=story, author=writer, body="Lovely engine noise.")
    page = browsing.page(writer)
    page.goto(browsing.url(story.get_absolute_url()))
    page.evaluate("window.notReloaded = true")
    item = comment_item(page, mine)

    item.get_by_role("link", name="Edit").click()
    box = item.get_by_role("textbox", name="Edit your comment")
    expect(box).to_have_value("Lovely engine noise.")
    expect(box).to_be_focused()
    box.fill("Lovely engine noise, once it is warm.")
    item.get_by_role("button", name="Save changes").click()

    expect(item.locator(".b")).to_have_text("Lovely engine noise, once it is warm.")
    expect(item.locator(".m")).to_contain_text("edited")
    expect(item.get_by_role("textbox")).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True

    # Someone replies while the author edits again: the edit is refused in
    # place, and the text the author typed stays in the box.
    item.get_by_role("link", name="Edit").click()
    item.get_by_role("textbox", name="Edit your comment").fill("Third thoughts.")
    reply = CommentFactory(article=story, parent=mine, body="Agreed, after 5 km.")
    item.get_by_role("button", name="Save changes").click()
    expect(item.get_by_role("alert")).to_have_text(
        "Someone has already replied, so this comment can no longer be edited."
    )
    expect(item.get_by_role("textbox", name="Edit your comment")).to_have_value(
        "Third thoughts."
    )

    page.reload()
    # Replied to, so no longer editable; deletion is still the author's choice.
    expect(item.get_by_role("link", name="Edit")).to_have_count(0)
    item.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete your comment?")).to_be_visible()
    page.get_by_role("button", name="Delete comment").click()

    expect(page).to_have_url(re.compile(rf"#c{mine.pk}$"))
    expect(item).to_have_text("This comment was deleted by its author.")
    expect(comment_item(page, reply).locator(".b")).to_have_text("Agreed, after 5 km.")
    expect(page.locator("#comments-heading")).to_have_text("1 Comment")
    assert browsing.problems == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_posting_too_quickly_is_refused_and_keeps_the_text(browsing, story, javascript):
    page = browsing.page(person("quick", "Quinn Quick"), javascript=javascript)
    page.goto(browsing.url(story.get_absolute_url()))

    page.get_by_role("textbox", name="Your comment").fill("First thought.")
    page.get_by_role("button", name="Post comment").click()
    if javascript:
        expect(
            page.locator("#comment-list").get_by_text("First thought.")
        ).to_be_visible()
    else:
        expect(page.get_by_text("First thought.")).to_be_visible()
        page.goto(browsing.url(story.get_absolute_url()))
    page.get_by_role("textbox", name="Your comment").fill("Second thought, too soon.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text("You are posting too quickly.")
    expect(page.get_by_role("textbox", name="Your comment")).to_have_value(
        "Second thought, too soon."
    )
    assert Comment.objects.filter(body="Second thought, too soon.").count() == 0
    assert browsing.problems == []


def test_anonymous_reader_is_asked_to_sign_in_to_comment_or_like(browsing, story):
    comment = CommentFactory(article=story, body="Great value for money.")
    page = browsing.page(javascript=False)
    page.goto(browsing.url(story.get_absolute_url()))

    expect(page.get_by_role("link", name="Sign in to comment")).to_be_visible()
    expect(page.locator("#comments textarea")).to_have_count(0)
    expect(page.locator("#comments .comment-form")).to_have_count(0)
    comment_item(page, comment).get_by_role("button", name="Like 0").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    comment.refresh_from_db()
    assert comment.like_count == 0


def test_anonymous_like_or_reply_with_javascript_leads_to_sign_in(browsing, story):
    comment = CommentFactory(article=story, body="Great value for money.")
    newcomer = person("newcomer", "Nico Newcomer")
    page = browsing.page()
    page.goto(browsing.url(story.get_absolute_url()))

    comment_item(page, comment).get_by_role("button", name="Like 0").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))

    page.go_back()
    comment_item(page, comment).get_by_role("link", name="Reply").click()
    # The whole window goes to sign in; the page is not put inside the comment.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill(newcomer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(browsing.url(f"/comments/{comment.pk}/reply/"))
    page.get_by_role(
        "textbox", name=f"Your reply to {comment.author.display_name}"
    ).fill("Agreed, and it is cheap to run.")
    page.get_by_role("button", name="Post reply").click()

    reply = Comment.objects.get(body="Agreed, and it is cheap to run.")
    expect(page).to_have_url(re.compile(rf"{story.get_absolute_url()}.*#c{reply.pk}$"))
    expect(comment_item(page, reply)).to_have_class(re.compile(r"\bd1\b"))
    assert browsing.problems == []


def test_discussion_screenshot(browsing, story, artifacts):
    viewer = person("viewer", "Val Viewer")
    base = timezone.now() - timedelta(hours=1)
    alan = person("alan", "Alan Axle")
    bria = person("bria", "Bria Brake")
    cole = person("cole", "Cole Clutch")
    top = CommentFactory(
        article=story,
        author=alan,
        created_at=base,
        like_count=4,
        body="The manual gearbox alone makes this worth a test drive. "
        "Shame about the price of the options though.",
    )
    deleted = CommentFactory(
        article=story,
        author=bria,
        parent=top,
        created_at=base + timedelta(minutes=3),
        status=Comment.Status.DELETED,
        body="Withdrawn.",
    )
    d2 = CommentFactory(
        article=story,
        author=cole,
        parent=deleted,
        created_at=base + timedelta(minutes=5),
        body="Options are where they make the money, sadly.",
    )
    d3 = CommentFactory(
        article=story,
        author=alan,
        parent=d2,
        created_at=base + timedelta(minutes=7),
        like_count=1,
        body="True, but a heated seat should not cost four figures.",
    )
    CommentFactory(
        article=story,
        author=bria,
        parent=d2,
        reply_to=d3,
        depth=3,
        created_at=base + timedelta(minutes=9),
        body="Agreed. My last car had it as standard.",
    )
    CommentFactory(
        article=story,
        author=viewer,
        created_at=timezone.now(),
        body="Does anyone know when the estate version arrives?",
    )
    page = browsing.page(viewer)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(browsing.url(story.get_absolute_url()))
    comment_item(page, top).get_by_role("link", name="Reply").click()
    expect(page.get_by_role("textbox", name="Your reply to Alan Axle")).to_be_visible()

    page.locator("#comments").screenshot(path=artifacts / "discussion.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#comments").screenshot(path=artifacts / "discussion-narrow.png")

    assert (artifacts / "discussion.png").stat().st_size > 0
    expect(page.locator("li.c.d3 a.to")).to_have_text("@Alan Axle")
    expect(page.locator("li.c .tomb")).to_have_count(1)
    assert browsing.problems == []
