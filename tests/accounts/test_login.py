import pytest
from django.contrib.auth import get_user
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import PASSWORD

LOGIN_URL = reverse("accounts:login")
LOGOUT_URL = reverse("accounts:logout")


@pytest.mark.django_db
def test_login_page_keeps_next_for_the_form_and_the_signup_link(client):
    response = client.get(LOGIN_URL, {"next": "/section/news/"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="next" value="/section/news/"' in content
    assert reverse("accounts:signup") + "?next=/section/news/" in content
    assert reverse("accounts:password_reset") in content


def test_login_returns_the_reader_to_next(client, reader):
    response = client.post(
        LOGIN_URL,
        {"username": "reader", "password": PASSWORD, "next": "/accounts/u/reader/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/u/reader/"
    assert get_user(client).pk == reader.pk


def test_login_ignores_a_next_that_leaves_the_site(client, reader):
    response = client.post(
        LOGIN_URL,
        {"username": "reader", "password": PASSWORD, "next": "https://evil.example/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")


def test_wrong_password_shows_an_error_and_keeps_the_username(client, reader):
    response = client.post(
        LOGIN_URL,
        {"username": "reader", "password": "wrong", "next": "/section/news/"},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Please enter a correct username and password." in content
    assert 'value="reader"' in content
    assert 'name="next" value="/section/news/"' in content
    assert not get_user(client).is_authenticated


def test_logout_refuses_get_and_keeps_the_reader_signed_in(client, reader):
    client.force_login(reader)

    response = client.get(LOGOUT_URL)

    assert response.status_code == 405
    assert get_user(client).is_authenticated


def test_logout_by_post_signs_the_reader_out(client, reader):
    client.force_login(reader)

    response = client.post(LOGOUT_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")
    assert not get_user(client).is_authenticated
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You have signed out."
    ]
