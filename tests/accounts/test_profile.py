import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory


def profile_url(username):
    return reverse("accounts:profile", kwargs={"username": username})


@pytest.mark.django_db
def test_profile_shows_display_name_and_month_joined(client):
    UserFactory(
        username="petrolhead",
        display_name="Pat Petrolhead",
        date_joined=datetime.datetime(2024, 3, 14, 12, tzinfo=datetime.UTC),
    )

    response = client.get(profile_url("petrolhead"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Pat Petrolhead" in content
    assert "Member since March 2024" in content
    assert "This account is no longer active." not in content


@pytest.mark.django_db
def test_profile_of_someone_else_does_not_show_their_email(client, reader):
    response = client.get(profile_url("reader"))

    assert "reader@example.com" not in response.content.decode()


def test_own_profile_shows_account_details_and_password_link(client, reader):
    client.force_login(reader)

    response = client.get(profile_url("reader"))

    content = response.content.decode()
    assert "reader@example.com" in content
    assert reverse("accounts:password_change") in content


@pytest.mark.django_db
def test_unknown_user_profile_is_not_found(client):
    assert client.get(profile_url("nobody")).status_code == 404


@pytest.mark.django_db
def test_inactive_user_profile_is_not_found(client):
    UserFactory(username="gone", is_active=False)

    assert client.get(profile_url("gone")).status_code == 404


@pytest.mark.django_db
def test_terminated_account_profile_says_it_is_no_longer_active(client):
    # As moderation.services leaves a terminated account: inactive too.
    UserFactory(
        username="banned",
        display_name="Ban Ned",
        status=User.Status.TERMINATED,
        is_active=False,
    )

    response = client.get(profile_url("banned"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ban Ned" in content
    assert "This account is no longer active." in content
