import pytest
from django.contrib.auth import get_user
from django.db import IntegrityError
from django.urls import reverse

from accounts.forms import SignupForm
from accounts.models import User
from tests.factories import UserFactory

SIGNUP_URL = reverse("accounts:signup")
STRONG_PASSWORD = "gearbox-fender-camshaft-41"


def signup_data(**overrides):
    return {
        "username": "newreader",
        "email": "new.reader@example.com",
        "display_name": "New Reader",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }


@pytest.mark.django_db
def test_signup_page_shows_the_form_with_next_kept(client):
    response = client.get(SIGNUP_URL, {"next": "/section/news/"})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="display_name"' in content
    assert 'name="next" value="/section/news/"' in content


@pytest.mark.django_db
def test_signup_creates_the_account_signs_in_and_returns_to_next(client):
    response = client.post(SIGNUP_URL, signup_data(next="/accounts/u/someone/?page=2"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/u/someone/?page=2"
    user = User.objects.get(username="newreader")
    assert user.display_name == "New Reader"
    assert user.email == "new.reader@example.com"
    assert user.check_password(STRONG_PASSWORD)
    assert get_user(client).pk == user.pk


@pytest.mark.django_db
def test_signup_without_next_goes_home(client):
    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "unsafe_next",
    ["https://evil.example/", "//evil.example/path", "javascript:alert(1)"],
)
def test_signup_ignores_a_next_that_leaves_the_site(client, unsafe_next):
    response = client.post(SIGNUP_URL, signup_data(next=unsafe_next))

    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")


@pytest.mark.django_db
def test_signup_follows_a_relative_next_without_a_slash(client):
    response = client.post(SIGNUP_URL, signup_data(next="home"))

    assert response.status_code == 302
    assert response["Location"] == "home"


@pytest.mark.django_db
def test_signup_from_the_sign_in_page_returns_to_where_the_reader_was_going(client):
    nested = reverse("accounts:login") + "?next=/section/news/"

    response = client.post(SIGNUP_URL, signup_data(next=nested))

    assert response["Location"] == "/section/news/"


@pytest.mark.django_db
def test_duplicate_username_is_refused_and_typed_values_are_kept(client):
    UserFactory(username="NewReader")

    response = client.post(SIGNUP_URL, signup_data(username="newreader"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["username"] == ["A user with that username already exists."]
    content = response.content.decode()
    assert 'value="newreader"' in content
    assert 'value="new.reader@example.com"' in content
    assert 'value="New Reader"' in content
    assert not User.objects.filter(username="newreader").exists()


@pytest.mark.django_db
def test_duplicate_email_is_refused_whatever_its_case(client):
    UserFactory(username="older", email="new.reader@example.com")

    response = client.post(SIGNUP_URL, signup_data(email="New.Reader@EXAMPLE.com"))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "An account with this e-mail address already exists. "
        "Sign in, or reset your password if you have forgotten it."
    ]
    content = response.content.decode()
    assert 'value="New.Reader@EXAMPLE.com"' in content
    assert 'value="newreader"' in content
    assert not User.objects.filter(username="newreader").exists()


@pytest.mark.django_db
def test_email_is_required(client):
    response = client.post(SIGNUP_URL, signup_data(email=""))

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["This field is required."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        (
            "short1",
            "This password is too short. It must contain at least 8 characters.",
        ),
        ("password123", "This password is too common."),
        ("7301925847", "This password is entirely numeric."),
        ("newreader1", "The password is too similar to the username."),
    ],
)
def test_password_validators_apply(client, password, message):
    response = client.post(
        SIGNUP_URL, signup_data(password1=password, password2=password)
    )

    assert response.status_code == 200
    assert message in response.context["form"].errors["password2"]
    assert message in response.content.decode()
    assert not User.objects.filter(username="newreader").exists()


@pytest.mark.django_db
def test_password_confirmation_must_match(client):
    response = client.post(SIGNUP_URL, signup_data(password2=STRONG_PASSWORD + "x"))

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == [
        "The two password fields didn\u2019t match."
    ]


@pytest.mark.django_db
def test_display_name_is_stripped_and_inner_spaces_collapsed(client):
    client.post(SIGNUP_URL, signup_data(display_name="  Rita    Reader  "))

    assert User.objects.get(username="newreader").display_name == "Rita Reader"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        (
            "<b>Rita</b>",
            "A display name cannot contain <, > or &. "
            "Use letters, digits, spaces and ordinary punctuation.",
        ),
        (
            "Tom & Jerry",
            "A display name cannot contain <, > or &. "
            "Use letters, digits, spaces and ordinary punctuation.",
        ),
        (" R ", "Enter a display name of at least 2 characters."),
        (
            "Rita\u200bReader",
            "A display name cannot contain control or invisible characters.",
        ),
        ("R" * 51, "Ensure this value has at most 50 characters (it has 51)."),
    ],
)
def test_bad_display_names_are_refused_with_a_clear_message(
    client, display_name, message
):
    response = client.post(SIGNUP_URL, signup_data(display_name=display_name))

    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [message]
    assert not User.objects.filter(username="newreader").exists()


@pytest.mark.django_db
def test_display_name_with_markup_is_echoed_escaped(client):
    response = client.post(SIGNUP_URL, signup_data(display_name="<b>Rita</b>"))

    content = response.content.decode()
    assert "<b>Rita</b>" not in content
    assert 'value="&lt;b&gt;Rita&lt;/b&gt;"' in content


@pytest.mark.django_db
def test_signed_in_reader_is_sent_on_from_the_signup_page(client, reader):
    client.force_login(reader)

    response = client.get(SIGNUP_URL, {"next": "/section/news/"})

    assert response.status_code == 302
    assert response["Location"] == "/section/news/"


@pytest.mark.django_db
def test_signup_that_loses_a_race_for_the_name_gets_a_message_not_an_error(
    client, monkeypatch
):
    def taken_meanwhile(form, commit=True):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(SignupForm, "save", taken_meanwhile)

    response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That username or e-mail address was taken a moment ago. "
        "Choose another one and try again."
    ]
    assert 'value="newreader"' in response.content.decode()
    assert not get_user(client).is_authenticated
