import re

from playwright.sync_api import expect

from tests.factories import UserFactory

PASSWORD = "gearbox-fender-camshaft-41"


def test_reader_signs_up_returns_to_the_page_then_signs_out_and_in_again(
    page, live_server, artifacts, db
):
    UserFactory(username="petrolhead", display_name="Pat Petrolhead")
    start = f"{live_server.url}/accounts/u/petrolhead/"
    page.goto(start)

    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("E-mail address").fill("newcomer@example.com")
    page.get_by_label("Display name").fill("<b>Nina</b>")
    password = page.get_by_role("textbox", name="Password*", exact=True)
    password.fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("A display name cannot contain <, > or &.")).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("newcomer")
    expect(page.get_by_label("E-mail address")).to_have_value("newcomer@example.com")
    page.screenshot(path=artifacts / "accounts-signup-error.png", full_page=True)
    page.get_by_label("Display name").fill("Nina Newcomer")
    password.fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(start)
    expect(page.get_by_role("heading", name="Pat Petrolhead")).to_be_visible()
    expect(page.get_by_role("link", name="Nina Newcomer")).to_be_visible()
    expect(page.get_by_text("Welcome to Autoblog, Nina Newcomer.")).to_be_visible()
    page.screenshot(path=artifacts / "accounts-signed-up.png", full_page=True)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/$"))

    page.goto(start)
    expect(page.get_by_role("link", name="Nina Newcomer")).to_have_count(0)
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(start)
    expect(page.get_by_role("link", name="Nina Newcomer")).to_be_visible()
    expect(page.get_by_text("Welcome back, Nina Newcomer.")).to_be_visible()
