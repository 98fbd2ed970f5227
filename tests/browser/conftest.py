"""Playwright drives Debian's chromium; it cannot download a browser here.

Shared by the browser tests: a browser context per person (`browsing`), the
people themselves (`person`, `moderator_named`), the seeded `guidelines`, and
the moderation cases they make (`open_case`, `age`).
"""

import os
import shutil
from datetime import timedelta
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.test import Client
from django.utils import timezone

from moderation.models import Case, Guideline
from tests.conftest import role
from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls
# from the test itself (fixtures, assertions) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _site(transactional_db, settings):
    """The live server empties the database after each test, the sites
    framework's row included; pages such as sign-in need it."""
    Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "localhost", "name": "Autoblog"}
    )


@pytest.fixture
def guidelines(transactional_db):
    """The guidelines by code, seeded again from their data migration: the live
    server's flush removed the migration's rows."""
    seeded = import_module("moderation.migrations.0002_record_guidelines_roles")
    for position, (code, title, description, serious) in enumerate(seeded.GUIDELINES):
        Guideline.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "description": description,
                "serious": serious,
                "position": position,
            },
        )
    return {guideline.code: guideline for guideline in Guideline.objects.all()}


def person(username: str, display_name: str, **kwargs):
    """A reader past the first day, while an account counts as new: the short
    flood interval applies and reports weigh fully."""
    kwargs.setdefault("date_joined", timezone.now() - timedelta(days=30))
    return UserFactory(username=username, display_name=display_name, **kwargs)


def moderator_named(username: str, display_name: str):
    """A staff member in the Moderator role."""
    user = person(username, display_name, is_staff=True)
    user.groups.add(role("Moderator"))
    return user


def open_case(comment) -> Case:
    """The comment's open case."""
    return Case.objects.get(comment=comment, status=Case.Status.OPEN)


def age(case: Case, hours: float) -> None:
    """Backdate a case, which the queue orders by age after weight."""
    Case.objects.filter(pk=case.pk).update(
        opened_at=timezone.now() - timedelta(hours=hours)
    )


class Browsing:
    """A browser context per person, and what their consoles complain of:
    script errors and Content Security Policy refusals."""

    def __init__(self, browser, live_server):
        self.browser = browser
        self.live_server = live_server
        self.contexts = []
        self.problems = []

    def watch(self, page, who: str = "anonymous"):
        """Note the page's script errors and refusals in `problems`."""

        def on_console(message):
            text = message.text
            blocked = "Content Security Policy" in text or "Refused to" in text
            # The browser logs every 4xx answer (and the missing favicon); the
            # tests check the refusals they expect themselves.
            failed_load = text.startswith("Failed to load resource")
            if blocked or (message.type == "error" and not failed_load):
                self.problems.append(f"{who}: {text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.problems.append(f"{who}: {error}"))
        return page

    def page(self, user=None, *, javascript: bool = True, who: str = ""):
        """A watched page in a new context; signed in through the session cookie
        when a user is given (the sign-in form has tests of its own)."""
        context = self.browser.new_context(
            viewport={"width": 1366, "height": 900}, java_script_enabled=javascript
        )
        self.contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user, backend=MODEL_BACKEND)
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": self.live_server.url,
                    }
                ]
            )
        label = who or (user.username if user is not None else "anonymous")
        return self.watch(context.new_page(), label)

    def url(self, path: str) -> str:
        return self.live_server.url + path

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser, live_server):
    """Pages for any number of people, closed after the test."""
    browsing = Browsing(browser, live_server)
    yield browsing
    browsing.close()
