import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

RESET_URL = reverse("accounts:password_reset")
NEW_PASSWORD = "radiator-clutch-pedal-77"
LINK = re.compile(r"http://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def request_reset_link(client, email):
    response = client.post(RESET_URL, {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    return LINK.search(mail.outbox[-1].body).group(1)


def test_reset_request_sends_a_link_to_the_account_address(client, reader):
    request_reset_link(client, "READER@example.com")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.com"]
    assert message.subject == "Reset your Autoblog password"
    assert "Hello Rita Reader," in message.body


@pytest.mark.django_db
def test_reset_request_for_an_unknown_address_sends_nothing_but_looks_the_same(
    client,
):
    response = client.post(RESET_URL, {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_link_lets_the_reader_choose_a_new_password(client, reader):
    link = request_reset_link(client, "reader@example.com")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    signed_in = client.post(
        reverse("accounts:login"), {"username": "reader", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert get_user(client).pk == reader.pk


def test_reset_form_applies_the_password_validators(client, reader):
    link = request_reset_link(client, "reader@example.com")
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": "12345678", "new_password2": "12345678"}
    )

    assert response.status_code == 200
    assert "This password is entirely numeric." in response.content.decode()
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)


def test_tampered_link_shows_the_invalid_link_page(client, reader):
    link = request_reset_link(client, "reader@example.com")
    tampered = link[:-3] + ("aa/" if not link.endswith("aa/") else "bb/")

    response = client.get(tampered)

    assert response.status_code == 200
    assert "This link has expired or was already used." in response.content.decode()
    assert response.context["validlink"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("uidb64", ["not-base64", "MTIzNDU2Nzg5", "_-_"])
def test_garbage_link_shows_the_invalid_link_page(client, uidb64):
    response = client.get(
        reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": uidb64, "token": "abc-123"},
        )
    )

    assert response.status_code == 200
    assert "This link has expired or was already used." in response.content.decode()


def test_used_link_cannot_be_used_again(client, reader):
    link = request_reset_link(client, "reader@example.com")
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    response = client.get(link)

    assert response.status_code == 200
    assert "This link has expired or was already used." in response.content.decode()
    assert not get_user(client).is_authenticated
