from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory


def test_admin_finds_users_by_display_name(admin_client, reader):
    UserFactory(username="someone", display_name="Somebody Else")

    response = admin_client.get(
        reverse("admin:accounts_user_changelist"), {"q": "Rita"}
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [reader]


def test_admin_add_form_sets_the_display_name(admin_client, db):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "columnist",
            "display_name": "Cal Columnist",
            "email": "cal@example.com",
            "usable_password": "true",
            "password1": "gearbox-fender-camshaft-41",
            "password2": "gearbox-fender-camshaft-41",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="columnist")
    assert user.display_name == "Cal Columnist"


def test_admin_change_form_shows_standing_without_editing_it(admin_client, reader):
    response = admin_client.get(reverse("admin:accounts_user_change", args=[reader.pk]))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "display_name" in form.fields
    assert "status" not in form.fields
    assert "Standing" in response.content.decode()
