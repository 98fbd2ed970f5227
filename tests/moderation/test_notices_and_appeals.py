"""A reader's notices and reports' outcomes, appeals, and the penalty banner."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from moderation import reader_selectors, services
from moderation.models import (
    Appeal,
    Case,
    Guideline,
    ModerationAction,
    Notification,
    Report,
)
from moderation.services import Step
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTICES = reverse("moderation:notices")


@pytest.fixture
def spam():
    return Guideline.objects.get(code="spam")


@pytest.fixture
def author():
    return UserFactory(username="author", display_name="Al Author")


@pytest.fixture
def comment(author):
    return CommentFactory(author=author, body="Buy cheap tyres at my shop.")


def reported(comment, reporter, guideline) -> Case:
    return services.report_comment(
        comment=comment, reporter=reporter, guideline=guideline
    ).case


def appeal_url(action):
    return reverse("moderation:appeal", args=[action.pk])


def suspended(author, comment, moderator, guideline) -> ModerationAction:
    case = reported(comment, UserFactory(), guideline)
    return services.penalize(
        case=case,
        moderator=moderator,
        step=Step(ModerationAction.Kind.SUSPEND, "24h"),
        guideline=guideline,
        note="Spam after a warning elsewhere.",
    )


# Notices ------------------------------------------------------------------------


def test_notices_need_sign_in(client):
    response = client.get(NOTICES)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_reporter_sees_removed_outcome_after_a_moderator_hides_the_comment(
    client, reader, comment, moderator, spam
):
    case = reported(comment, reader, spam)
    client.force_login(reader)
    before = client.get(NOTICES).content.decode()
    assert "Awaiting review" in before

    services.hide(case=case, moderator=moderator, guideline=spam)
    page = client.get(NOTICES).content.decode()

    notice = Notification.objects.get(recipient=reader)
    assert "reviewed" in notice.message
    assert escape(notice.message) in page
    assert "Reviewed: removed" in page
    assert "Spam or advertising" in page


def test_reporter_sees_no_violation_after_a_moderator_approves(
    client, reader, comment, moderator, spam
):
    case = reported(comment, reader, spam)
    services.approve(case=case, moderator=moderator)
    client.force_login(reader)

    page = client.get(NOTICES).content.decode()

    notice = Notification.objects.get(recipient=reader)
    assert "no violation" in notice.message
    assert escape(notice.message) in page
    assert "Reviewed: no violation" in page


def test_a_disagreement_shows_as_recorded(client, reader, comment):
    services.report_comment(comment=comment, reporter=reader, guideline=None)
    client.force_login(reader)

    page = client.get(NOTICES).content.decode()

    assert "I disagree" in page
    assert "Recorded" in page


def test_notices_are_marked_read_when_shown(client, reader):
    notice = Notification.objects.create(
        recipient=reader, message="Something happened.", created_at=timezone.now()
    )
    client.force_login(reader)

    first = client.get(NOTICES).content.decode()
    notice.refresh_from_db()
    second = client.get(NOTICES).content.decode()

    assert notice.read_at is not None
    assert "Something happened." in first
    assert "notice-unread" in first
    assert "notice-unread" not in second


def test_readers_see_only_their_own_notices_and_reports(client, reader, comment, spam):
    other = UserFactory()
    Notification.objects.create(
        recipient=other, message="Private to someone else.", created_at=timezone.now()
    )
    services.report_comment(comment=comment, reporter=other, guideline=spam)
    client.force_login(reader)

    page = client.get(NOTICES).content.decode()

    assert "Private to someone else." not in page
    assert "You have not reported anything." in page
    assert Notification.objects.get(recipient=other).read_at is None


def test_notices_are_newest_first_twenty_to_a_page(client, reader):
    now = timezone.now()
    for n in range(25):
        Notification.objects.create(
            recipient=reader,
            message=f"Notice number {n:02}.",
            created_at=now - timedelta(minutes=25 - n),
        )
    client.force_login(reader)

    first = client.get(NOTICES).content.decode()
    second = client.get(NOTICES, {"page": 2}).content.decode()

    assert first.index("Notice number 24.") < first.index("Notice number 05.")
    assert "Notice number 04." not in first
    assert "Notice number 04." in second
    assert "Notice number 05." not in second
    assert "Older notices" in first
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def _queries_for_notices(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(NOTICES)
    assert response.status_code == 200
    return len(queries)


def _busy_reader(count: int, moderator, spam):
    """A reader with `count` notices, reports and decisions against them."""
    user = UserFactory()
    for _ in range(count):
        comment = CommentFactory()
        Report.objects.create(
            reporter=user,
            comment=comment,
            guideline=spam,
            weight=1,
            created_at=timezone.now() - timedelta(days=2),
        )
        own = CommentFactory(author=user)
        case = reported(own, UserFactory(), spam)
        services.hide(case=case, moderator=moderator, guideline=spam)
    return user


def test_notices_page_takes_the_same_queries_for_one_or_thirty_of_everything(
    client, moderator, spam
):
    one = _queries_for_notices(client, _busy_reader(1, moderator, spam))
    thirty = _queries_for_notices(client, _busy_reader(30, moderator, spam))

    assert one == thirty


def test_unread_count_for_the_header_is_counted_only_when_used(reader):
    Notification.objects.create(
        recipient=reader, message="One.", created_at=timezone.now()
    )
    request = RequestFactory().get("/")
    request.user = reader

    with CaptureQueriesContext(connection) as queries:
        context = reader_selectors.notices_context(request)
    assert len(queries) == 0
    assert int(str(context["unread_notices"])) == 1


# Decisions and appeals ------------------------------------------------------------


def test_author_is_told_of_a_removal_and_offered_an_appeal(
    client, author, comment, moderator, spam
):
    case = reported(comment, UserFactory(), spam)
    action = services.hide(case=case, moderator=moderator, guideline=spam)
    client.force_login(author)

    page = client.get(NOTICES).content.decode()

    assert "Your comment was removed for breaking the guideline" in page
    assert f'id="decision-{action.pk}"' in page
    assert f'href="{appeal_url(action)}"' in page
    assert "Buy cheap tyres" in page


def test_appeal_once_then_see_its_status(client, author, comment, moderator, spam):
    case = reported(comment, UserFactory(), spam)
    action = services.hide(case=case, moderator=moderator, guideline=spam)
    client.force_login(author)

    form = client.get(appeal_url(action))
    sent = client.post(appeal_url(action), {"statement": "It was a joke about tyres."})
    again = client.post(appeal_url(action), {"statement": "Please, once more."})
    notices = client.get(NOTICES).content.decode()

    assert form.status_code == 200
    assert b'name="statement"' in form.content
    assert sent.status_code == 302
    assert sent.url == f"{NOTICES}#decision-{action.pk}"
    appeal = Appeal.objects.get()
    assert appeal.appellant == author
    assert appeal.statement == "It was a joke about tyres."
    assert Case.objects.filter(kind=Case.Kind.APPEAL, appeal=appeal).exists()
    assert again.status_code == 409
    assert b"You have already appealed this decision." in again.content
    assert Appeal.objects.count() == 1
    assert f'href="{appeal_url(action)}"' not in notices
    assert "Your appeal: <strong>Awaiting review</strong>" in notices
    assert b'name="statement"' not in client.get(appeal_url(action)).content


def test_appeal_outcome_reaches_the_author(client, author, comment, moderator, spam):
    case = reported(comment, UserFactory(), spam)
    action = services.hide(case=case, moderator=moderator, guideline=spam)
    appeal = services.file_appeal(action=action, appellant=author, statement="Why?")
    second = UserFactory(username="second")
    second.groups.add(moderator.groups.get())
    services.decide_appeal(case=appeal.case, moderator=second, grant=True)
    client.force_login(author)

    page = client.get(NOTICES).content.decode()

    assert "Your appeal was granted and the decision was reversed." in page
    assert "Your appeal: <strong>Granted</strong>" in page


def test_someone_elses_decision_cannot_be_appealed(
    client, reader, comment, moderator, spam
):
    case = reported(comment, UserFactory(), spam)
    action = services.hide(case=case, moderator=moderator, guideline=spam)
    client.force_login(reader)

    assert client.get(appeal_url(action)).status_code == 404
    assert client.post(appeal_url(action), {"statement": "Mine!"}).status_code == 404
    assert client.get(reverse("moderation:appeal", args=[999999])).status_code == 404
    assert not Appeal.objects.exists()


def test_decisions_that_are_not_penalties_cannot_be_appealed(
    client, author, comment, moderator, spam
):
    case = reported(comment, UserFactory(), spam)
    approval = services.approve(case=case, moderator=moderator)
    client.force_login(author)

    assert client.get(appeal_url(approval)).status_code == 404


def test_appeal_needs_sign_in(client, author, comment, moderator, spam):
    case = reported(comment, UserFactory(), spam)
    action = services.hide(case=case, moderator=moderator, guideline=spam)

    response = client.post(appeal_url(action), {"statement": "Hello"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("   ", "Tell us why the decision should be reconsidered."),
        ("x" * 2001, "Please keep your appeal to 2,000 characters"),
        ("nul\x00byte", "null character"),
    ],
)
def test_bad_appeals_are_refused_with_the_text_kept(
    client, author, comment, moderator, spam, statement, message
):
    case = reported(comment, UserFactory(), spam)
    action = services.hide(case=case, moderator=moderator, guideline=spam)
    client.force_login(author)

    response = client.post(appeal_url(action), {"statement": statement})

    assert response.status_code == 400
    assert message in response.content.decode()
    if "\x00" not in statement:
        assert f">{statement}</textarea>" in response.content.decode()
    assert not Appeal.objects.exists()


def test_suspended_reader_can_appeal_their_suspension(
    client, author, comment, moderator, spam
):
    action = suspended(author, comment, moderator, spam)
    author.refresh_from_db()
    assert author.is_suspended
    client.force_login(author)

    response = client.post(appeal_url(action), {"statement": "First offence."})

    assert response.status_code == 302
    assert Appeal.objects.get().action == action


# The penalty banner -----------------------------------------------------------


def test_suspended_reader_sees_the_banner_with_guideline_end_and_appeal(
    client, author, comment, moderator, spam
):
    action = suspended(author, comment, moderator, spam)
    author.refresh_from_db()
    client.force_login(author)

    page = client.get(reverse("articles:home")).content.decode()

    assert "Your account is suspended until" in page
    assert f'datetime="{author.suspended_until.isoformat()}"' in page
    assert "for breaking the guideline “Spam or advertising”" in page
    assert "You can read, but not post, reply, like or report." in page
    assert f'href="{appeal_url(action)}"' in page


def test_banner_says_the_appeal_is_awaiting_review_once_sent(
    client, author, comment, moderator, spam
):
    action = suspended(author, comment, moderator, spam)
    services.file_appeal(action=action, appellant=author, statement="Please.")
    client.force_login(author)

    page = client.get(reverse("articles:home")).content.decode()

    assert "Your appeal is awaiting review." in page
    assert f'href="{appeal_url(action)}"' not in page


def test_no_banner_and_no_moderation_query_for_readers_in_good_standing(
    client, reader, author, comment, moderator, spam
):
    # The author was suspended once, and the suspension has ended.
    suspended(author, comment, moderator, spam)
    author.suspended_until = timezone.now() - timedelta(minutes=1)
    author.save()

    for user in (reader, author):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("articles:home")).content.decode()
        assert "Your account is suspended" not in page
        assert not any("moderation_moderationaction" in q["sql"] for q in queries)
    client.logout()
    assert (
        "Your account is suspended"
        not in client.get(reverse("articles:home")).content.decode()
    )
