"""Readers report comments and accounts: the form as a page and as the dialog's
content, acknowledgements, and every refusal."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from articles.models import Article
from comments.models import Comment
from moderation.models import Case, Guideline, Report
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def comment():
    return CommentFactory(
        body="Diesels are the future and everyone else is an idiot.",
        author=UserFactory(display_name="Carl Commenter"),
    )


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return reader


@pytest.fixture
def spam():
    return Guideline.objects.get(code="spam")


def report_url(comment):
    return reverse("comments:report", args=[comment.pk])


def user_report_url(user):
    return reverse("moderation:report-user", args=[user.username])


def suspend(user):
    user.status = User.Status.SUSPENDED
    user.suspended_until = timezone.now() + timedelta(days=1)
    user.save()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_report_link_path_in_the_comment_list_matches_the_urlconf():
    # _comments.jinja writes the path out, and moderation.js finds the links by it.
    assert reverse("comments:report", args=[7]) == "/comments/7/report/"


# The form ---------------------------------------------------------------------


def test_report_page_quotes_the_comment_and_lists_active_guidelines_and_disagree(
    client, signed_in, comment
):
    Guideline.objects.filter(code="profanity").update(active=False)

    response = client.get(report_url(comment))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page
    assert "I'm reporting this comment as:" in page
    assert "Diesels are the future" in page
    assert "Carl Commenter" in page
    for guideline in Guideline.objects.filter(active=True):
        assert f'value="{guideline.code}"' in page
        assert guideline.title in page
    assert "Spam or advertising" in page
    assert "Promotions, repeated posts" in page
    assert 'value="profanity"' not in page
    assert 'value="disagree"' in page
    assert "I disagree with this comment" in page
    assert 'maxlength="500"' in page
    # Without JavaScript there is nothing to cancel.
    assert "data-report-close" not in page


def test_report_form_for_the_dialog_is_only_the_fragment(client, signed_in, comment):
    response = client.get(report_url(comment), headers=HTMX)

    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert "data-report-fragment" in fragment
    assert 'id="report-title"' in fragment
    assert "I'm reporting this comment as:" in fragment
    assert "data-report-close" in fragment
    assert 'value="disagree"' in fragment
    assert "HX-Request" in response["Vary"]


# Sending ----------------------------------------------------------------------


def test_report_without_javascript_is_queued_and_acknowledged_on_the_comment(
    client, signed_in, comment, spam
):
    response = client.post(
        report_url(comment), {"reason": "spam", "details": "  Sells tyres.  "}
    )

    assert response.status_code == 302
    assert response.url == comment.get_absolute_url()
    report = Report.objects.get()
    assert report.reporter == signed_in
    assert report.comment == comment
    assert report.guideline == spam
    assert report.details == "Sells tyres."
    assert report.outcome == Report.Outcome.PENDING
    assert report.case.kind == Case.Kind.REPORTED_COMMENT
    assert any(
        m.startswith("Thank you. Your report was received.")
        for m in messages_of(response)
    )


def test_report_from_the_dialog_answers_with_the_acknowledgement(
    client, signed_in, comment
):
    response = client.post(report_url(comment), {"reason": "spam"}, headers=HTMX)

    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert "data-report-ack" in fragment
    assert "Thank you. Your report was received." in fragment
    assert "data-report-close" in fragment
    assert Report.objects.filter(comment=comment, reporter=signed_in).exists()


def test_i_disagree_is_recorded_but_never_queued(client, signed_in, comment):
    response = client.post(report_url(comment), {"reason": "disagree"})

    assert response.status_code == 302
    report = Report.objects.get()
    assert report.guideline is None
    assert report.outcome == Report.Outcome.NOT_QUEUED
    assert report.case is None
    assert not Case.objects.exists()
    assert any("moderators will not review it" in m for m in messages_of(response))


def test_many_disagreements_never_open_a_case_or_hide_the_comment(client, comment):
    for _ in range(6):
        client.force_login(UserFactory(date_joined=timezone.now() - timedelta(days=9)))
        response = client.post(report_url(comment), {"reason": "disagree"})
        assert response.status_code == 302
    assert Report.objects.count() == 6
    assert not Case.objects.exists()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_disagreement_from_the_dialog_says_it_is_not_reviewed(
    client, signed_in, comment
):
    response = client.post(report_url(comment), {"reason": "disagree"}, headers=HTMX)

    assert response.status_code == 200
    assert b"Disagreement recorded" in response.content
    assert b"moderators will not review it" in response.content


# Bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"details": "No reason chosen."}, "Choose the guideline this breaks"),
        ({"reason": "rudeness", "details": "Kept text"}, "Choose one of the reasons"),
        ({"reason": "spam", "details": "x" * 501}, "to 500 characters"),
        ({"reason": "spam", "details": "nul\x00byte"}, "null character"),
        ({"reason": "spam\x00", "details": "Kept text"}, "Choose one of the reasons"),
    ],
)
def test_bad_reports_are_refused_with_400_the_form_and_what_was_typed(
    client, signed_in, comment, data, message
):
    response = client.post(report_url(comment), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "I'm reporting this comment as:" in page
    if data["details"] != "nul\x00byte":
        assert data["details"] in page
    assert not Report.objects.exists()


def test_a_chosen_reason_stays_chosen_when_details_are_too_long(
    client, signed_in, comment
):
    response = client.post(
        report_url(comment), {"reason": "spam", "details": "x" * 600}
    )

    assert response.status_code == 400
    assert (
        b'value="spam" aria-describedby="report-reason-spam-help" required checked'
        in (response.content)
    )


def test_line_breaks_count_once_towards_the_details_limit(client, signed_in, comment):
    details = ("a" * 99 + "\r\n") * 5  # 500 characters as the browser counts them

    response = client.post(report_url(comment), {"reason": "spam", "details": details})

    assert response.status_code == 302
    assert len(Report.objects.get().details) == 499


def test_bad_report_in_the_dialog_returns_the_form_fragment(client, signed_in, comment):
    response = client.post(
        report_url(comment), {"reason": "nope", "details": "Kept"}, headers=HTMX
    )

    assert response.status_code == 400
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert "data-report-fragment" in fragment
    assert "Choose one of the reasons listed." in fragment
    assert ">Kept</textarea>" in fragment


# Who may report what ----------------------------------------------------------


def test_anonymous_reader_is_sent_to_sign_in_and_back(client, comment):
    url = report_url(comment)

    for response in (client.get(url), client.post(url, {"reason": "spam"})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        assert response.url.endswith("?next=" + url.replace("/", "%2F"))
    assert not Report.objects.exists()


def test_anonymous_dialog_request_moves_the_whole_window_to_sign_in(client, comment):
    response = client.get(report_url(comment), headers=HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_own_comment_cannot_be_reported(client, signed_in):
    own = CommentFactory(author=signed_in)

    page = client.get(report_url(own))
    sent = client.post(report_url(own), {"reason": "spam", "details": "Me"})

    assert page.status_code == 403
    assert b"You cannot report your own comment." in page.content
    assert b'name="reason"' not in page.content
    assert sent.status_code == 403
    assert b"You cannot report your own comment." in sent.content
    assert b">Me</textarea>" in sent.content
    assert not Report.objects.exists()


def test_suspended_reader_cannot_report(client, signed_in, comment):
    suspend(signed_in)

    page = client.get(report_url(comment))
    sent = client.post(report_url(comment), {"reason": "spam", "details": "Typed"})

    message = b"Your account cannot send reports while it is suspended."
    assert page.status_code == 403
    assert message in page.content
    assert sent.status_code == 403
    assert message in sent.content
    assert b">Typed</textarea>" in sent.content
    assert not Report.objects.exists()
    assert not Case.objects.exists()


def test_one_report_per_reader_per_comment(client, signed_in, comment):
    first = client.post(report_url(comment), {"reason": "spam"})
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        again = client.post(report_url(comment), {"reason": "disagree"})
        page = client.get(report_url(comment))

    assert first.status_code == 302
    assert again.status_code == 409
    assert b"You have already reported this comment. Thank you." in again.content
    assert page.status_code == 409
    assert b"You have already reported this comment." in page.content
    assert Report.objects.count() == 1


def test_the_database_refuses_a_second_report_by_one_reader_on_one_comment(
    reader, comment
):
    fields = {"reporter": reader, "comment": comment, "weight": 1}
    Report.objects.create(created_at=timezone.now(), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(created_at=timezone.now(), **fields)
    assert Report.objects.count() == 1


def test_hidden_and_deleted_comments_cannot_be_reported(client, signed_in):
    hidden = CommentFactory(status=Comment.Status.HIDDEN)
    deleted = CommentFactory(status=Comment.Status.DELETED)

    for comment, message in [
        (hidden, b"This comment has already been taken out of the discussion"),
        (deleted, b"This comment is no longer shown"),
    ]:
        assert client.get(report_url(comment)).status_code == 409
        sent = client.post(report_url(comment), {"reason": "spam"})
        assert sent.status_code == 409
        assert message in sent.content
    assert not Report.objects.exists()


def test_comments_nobody_else_can_see_are_not_found(client, signed_in):
    held = CommentFactory(status=Comment.Status.PENDING)
    draft = CommentFactory(article=ArticleFactory(status=Article.Status.DRAFT))

    for comment in (held, draft):
        assert client.get(report_url(comment)).status_code == 404
        assert client.post(report_url(comment), {"reason": "spam"}).status_code == 404
    assert client.get(reverse("comments:report", args=[999999])).status_code == 404
    assert not Report.objects.exists()


def test_other_methods_are_not_allowed(client, signed_in, comment):
    assert client.put(report_url(comment)).status_code == 405


# Rate limits ------------------------------------------------------------------


def test_a_third_report_within_three_seconds_is_refused_with_retry_after(
    client, signed_in
):
    first, second, third = CommentFactory.create_batch(3)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert client.post(report_url(first), {"reason": "spam"}).status_code == 302
        clock.shift(1)
        assert client.post(report_url(second), {"reason": "spam"}).status_code == 302
        clock.shift(1)
        refused = client.post(report_url(third), {"reason": "spam", "details": "Hi"})

        assert refused.status_code == 429
        assert b"Please try again in a few seconds." in refused.content
        assert b">Hi</textarea>" in refused.content
        assert refused["Retry-After"] == "1"
        assert Report.objects.count() == 2

        clock.shift(2)
        assert client.post(report_url(third), {"reason": "spam"}).status_code == 302
    assert Report.objects.count() == 3


def test_twenty_reports_a_day_at_most(client, signed_in):
    start = timezone.now()
    comments = CommentFactory.create_batch(21)
    with time_machine.travel(start, tick=False) as clock:
        for comment in comments[:20]:
            clock.shift(60)
            assert client.post(report_url(comment), {"reason": "spam"}).status_code == (
                302
            )
        clock.shift(60)
        refused = client.post(report_url(comments[20]), {"reason": "spam"})

        assert refused.status_code == 429
        assert b"Please try again tomorrow." in refused.content
        # The first of the twenty, sent 20 minutes ago, leaves the day first.
        assert int(refused["Retry-After"]) == 24 * 3600 - 20 * 60

        clock.move_to(start + timedelta(days=1, seconds=30))
        refused_still = client.post(report_url(comments[20]), {"reason": "spam"})
        assert refused_still.status_code == 429

        clock.move_to(start + timedelta(days=1, minutes=1, seconds=1))
        allowed = client.post(report_url(comments[20]), {"reason": "spam"})
        assert allowed.status_code == 302
    assert Report.objects.filter(reporter=signed_in).count() == 21


# Reporting an account ---------------------------------------------------------


def test_profile_offers_report_this_user_to_other_signed_in_readers_only(
    client, reader
):
    member = UserFactory(username="dana", display_name="Dana Driver")
    profile = reverse("accounts:profile", args=["dana"])
    link = f'href="{user_report_url(member)}"'

    assert link not in client.get(profile).content.decode()
    client.force_login(reader)
    assert link in client.get(profile).content.decode()
    assert "Report this user" in client.get(profile).content.decode()
    client.force_login(member)
    assert link not in client.get(profile).content.decode()


def test_report_user_page_lists_guidelines_without_disagree(client, signed_in):
    member = UserFactory(display_name="Dana Driver")

    response = client.get(user_report_url(member))

    assert response.status_code == 200
    page = response.content.decode()
    assert "I'm reporting this user as:" in page
    assert "Dana Driver" in page
    assert 'value="impersonation"' in page
    assert 'value="disagree"' not in page


def test_reporting_a_user_opens_a_case_and_thanks_the_reader(client, signed_in):
    member = UserFactory()

    response = client.post(
        user_report_url(member), {"reason": "impersonation", "details": "Not a CEO."}
    )

    assert response.status_code == 302
    assert response.url == member.get_absolute_url()
    report = Report.objects.get()
    assert report.reported_user == member
    assert report.guideline.code == "impersonation"
    assert report.case.kind == Case.Kind.REPORTED_USER
    assert any(
        m.startswith("Thank you. Your report was received.")
        for m in messages_of(response)
    )


def test_disagree_is_not_a_reason_to_report_a_user(client, signed_in):
    member = UserFactory()

    response = client.post(user_report_url(member), {"reason": "disagree"})

    assert response.status_code == 400
    assert b"Choose one of the reasons listed." in response.content
    assert not Report.objects.exists()


def test_user_report_refusals(client, signed_in):
    member = UserFactory()
    client.post(user_report_url(member), {"reason": "spam"})

    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        again = client.post(user_report_url(member), {"reason": "hate"})
        myself = client.post(user_report_url(signed_in), {"reason": "spam"})

    assert again.status_code == 409
    assert b"You have already reported this account." in again.content
    assert myself.status_code == 403
    assert b"You cannot report yourself." in myself.content
    assert Report.objects.count() == 1


def test_suspended_reader_cannot_report_a_user(client, signed_in):
    suspend(signed_in)

    response = client.post(user_report_url(UserFactory()), {"reason": "spam"})

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_report_user_needs_sign_in_and_an_active_account(client, reader):
    member = UserFactory(is_active=False)
    url = user_report_url(reader)

    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    client.force_login(reader)
    assert client.get(user_report_url(member)).status_code == 404
    assert client.get(
        reverse("moderation:report-user", args=["nobody"])
    ).status_code == (404)
