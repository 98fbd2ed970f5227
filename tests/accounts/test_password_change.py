from django.urls import reverse

from tests.factories import PASSWORD

CHANGE_URL = reverse("accounts:password_change")
NEW_PASSWORD = "radiator-clutch-pedal-77"


def test_password_change_asks_anonymous_visitors_to_sign_in(client, db):
    response = client.get(CHANGE_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={CHANGE_URL}"


def test_signed_in_reader_can_change_their_password(client, reader):
    client.force_login(reader)

    response = client.post(
        CHANGE_URL,
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    reader.refresh_from_db()
    assert reader.check_password(NEW_PASSWORD)
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert "Password changed" in done.content.decode()


def test_password_change_needs_the_current_password(client, reader):
    client.force_login(reader)

    response = client.post(
        CHANGE_URL,
        {
            "old_password": "not-it",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"] == [
        "Your old password was entered incorrectly. Please enter it again."
    ]
    reader.refresh_from_db()
    assert reader.check_password(PASSWORD)
