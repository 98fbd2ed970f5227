"""A terminated account cannot sign in, but may still appeal its termination
once, through a signed link that the sign-in page gives for the right password."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from moderation import services
from moderation.models import Appeal, Case, Guideline, ModerationAction
from moderation.services import Step
from tests.factories import PASSWORD, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
INVALID_LOGIN = "Please enter a correct username and password."
EXPIRED = "This link has expired. Sign in again to get a new one."
APPEAL_LINK = re.compile(r'href="(/moderation/appeal/terminated/[^"/]+/)"')


@pytest.fixture
def spam():
    return Guideline.objects.get(code="spam")


@pytest.fixture
def terminated(moderator, spam):
    """A reader terminated by `moderator`, and the termination."""
    author = UserFactory(username="banned", display_name="Ben Banned")
    comment = CommentFactory(author=author, body="Buy cheap tyres at my shop.")
    case = services.report_comment(
        comment=comment, reporter=UserFactory(), guideline=spam
    ).case
    action = services.penalize(
        case=case,
        moderator=moderator,
        step=Step(ModerationAction.Kind.TERMINATE),
        guideline=spam,
        note="Spam bot.",
    )
    author.refresh_from_db()
    return author, action


def sign_in(client, username="banned", password=PASSWORD):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def appeal_link(response) -> str:
    match = APPEAL_LINK.search(response.content.decode())
    assert match, "no appeal link on the page"
    return match.group(1)


def test_terminated_user_with_right_password_sees_the_decision_and_an_appeal_link(
    client, terminated, spam
):
    _user, action = terminated

    response = sign_in(client)

    content = response.content.decode()
    assert response.status_code == 403
    assert escape(f"terminated for breaking “{spam.title}”") in content
    assert action.created_at.strftime("%b %-d, %Y") in content
    assert "Appeal this decision" in content
    assert appeal_link(response)
    assert not get_user(client).is_authenticated


def test_terminated_user_with_wrong_password_gets_the_normal_error(client, terminated):
    response = sign_in(client, password="wrong-guess")

    content = response.content.decode()
    assert response.status_code == 200
    assert INVALID_LOGIN in content
    assert "terminated" not in content
    assert not APPEAL_LINK.search(content)


def test_failed_terminated_sign_in_is_still_counted_by_axes(client, terminated):
    for _ in range(10):
        sign_in(client, password="wrong-guess")

    response = sign_in(client)

    assert response.status_code == 429
    assert not APPEAL_LINK.search(response.content.decode())


def test_active_user_still_signs_in(client, reader):
    response = sign_in(client, username="reader")

    assert response.status_code == 302
    assert get_user(client).is_authenticated


def test_appeal_link_shows_the_form(client, terminated):
    url = appeal_link(sign_in(client))

    response = client.get(url)

    assert response.status_code == 200
    assert f'action="{url}"' in response.content.decode()


def test_appeal_link_files_one_appeal_and_a_second_is_refused(client, terminated):
    user, action = terminated
    url = appeal_link(sign_in(client))

    response = client.post(url, {"statement": "I am not a bot."}, follow=True)

    assert "Your appeal was received." in response.content.decode()
    appeal = Appeal.objects.get(action=action)
    assert appeal.appellant == user
    assert Case.objects.filter(kind=Case.Kind.APPEAL, appeal=appeal).exists()

    again = client.post(url, {"statement": "Please, once more."})

    assert again.status_code == 409
    content = again.content.decode()
    assert "You have already appealed this decision." in content
    assert "Status: <strong>Awaiting review</strong>" in content
    assert Appeal.objects.filter(action=action).count() == 1


def test_empty_statement_shows_the_form_again_with_400(client, terminated):
    url = appeal_link(sign_in(client))

    response = client.post(url, {"statement": "   "})

    assert response.status_code == 400
    assert "Tell us why the decision should be reconsidered." in (
        response.content.decode()
    )
    assert not Appeal.objects.exists()


def test_after_appealing_the_sign_in_page_shows_the_status_not_a_link(
    client, terminated
):
    client.post(appeal_link(sign_in(client)), {"statement": "I am not a bot."})

    response = sign_in(client)

    content = response.content.decode()
    assert "Status: <strong>Awaiting review</strong>" in content
    assert not APPEAL_LINK.search(content)


def test_tampered_link_is_refused_with_400(client, terminated):
    url = appeal_link(sign_in(client))
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]

    response = client.get(tampered)

    assert response.status_code == 400
    assert EXPIRED in response.content.decode()


def test_made_up_link_is_refused_with_400(client, terminated):
    response = client.get(reverse("moderation:appeal-terminated", args=["not-a-token"]))

    assert response.status_code == 400
    assert EXPIRED in response.content.decode()


def test_link_expires_after_an_hour(client, terminated):
    url = appeal_link(sign_in(client))

    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        response = client.post(url, {"statement": "I am not a bot."})

    assert response.status_code == 400
    assert EXPIRED in response.content.decode()
    assert not Appeal.objects.exists()


def test_granted_appeal_lets_the_user_sign_in_again(client, terminated, moderator):
    user, _action = terminated
    client.post(appeal_link(sign_in(client)), {"statement": "I am not a bot."})
    case = Case.objects.get(kind=Case.Kind.APPEAL)
    other_moderator = UserFactory(username="other-mod")
    other_moderator.groups.add(*moderator.groups.all())

    with pytest.raises(services.ModerationError):
        services.decide_appeal(case=case, moderator=moderator, grant=True)
    services.decide_appeal(case=case, moderator=other_moderator, grant=True)

    user.refresh_from_db()
    assert user.status == User.Status.ACTIVE
    response = sign_in(client)
    assert response.status_code == 302
    assert get_user(client).pk == user.pk


def test_denied_appeal_is_shown_as_final_on_the_sign_in_page(
    client, terminated, moderator
):
    client.post(appeal_link(sign_in(client)), {"statement": "I am not a bot."})
    other_moderator = UserFactory(username="other-mod")
    other_moderator.groups.add(*moderator.groups.all())
    services.decide_appeal(
        case=Case.objects.get(kind=Case.Kind.APPEAL),
        moderator=other_moderator,
        grant=False,
    )

    response = sign_in(client)

    content = response.content.decode()
    assert response.status_code == 403
    assert "Status: <strong>Denied</strong>" in content
    assert "This outcome is final." in content
