from django.contrib.auth import get_user
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN_URL = reverse("accounts:login")
LOCKED_OUT_TEXT = (
    "Too many failed sign-in attempts. Try again in 10 minutes or reset your password."
)


def fail_to_sign_in(client, username, times):
    for _ in range(times):
        client.post(LOGIN_URL, {"username": username, "password": "wrong-guess"})


def test_nine_failures_still_allow_the_right_password(client, reader):
    fail_to_sign_in(client, "reader", 9)

    response = client.post(LOGIN_URL, {"username": "reader", "password": PASSWORD})

    assert response.status_code == 302
    assert get_user(client).is_authenticated


def test_after_ten_failures_the_next_attempt_is_refused_with_429(client, reader):
    fail_to_sign_in(client, "reader", 10)

    response = client.post(LOGIN_URL, {"username": "reader", "password": PASSWORD})

    assert response.status_code == 429
    content = response.content.decode()
    assert LOCKED_OUT_TEXT in content
    assert reverse("accounts:password_reset") in content
    assert not get_user(client).is_authenticated


def test_lockout_is_per_username(client, reader):
    UserFactory(username="other")
    fail_to_sign_in(client, "reader", 10)

    response = client.post(LOGIN_URL, {"username": "other", "password": PASSWORD})

    assert response.status_code == 302
    assert get_user(client).username == "other"
