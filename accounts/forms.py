import re
import unicodedata

from django import forms
from django.contrib.auth import forms as auth_forms

from .models import User

# Display names are autoescaped everywhere, but markup in a name still reads as
# an attempt at injection and confuses readers, so it is refused outright.
MARKUP_CHARACTERS = re.compile(r"[<>&]")


class SignupForm(auth_forms.UserCreationForm):
    """A new reader: username to sign in with, e-mail for resets, a public name."""

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "display_name")
        labels = {"email": "E-mail address"}
        help_texts = {
            "email": "Used for password resets. Never shown to other readers.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model allows a blank address (staff accounts made in the admin);
        # readers need one to reset a forgotten password.
        self.fields["email"].required = True
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["display_name"].widget.attrs.update(
            {"autocomplete": "nickname", "minlength": 2}
        )
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this e-mail address already exists. "
                "Sign in, or reset your password if you have forgotten it.",
                code="duplicate_email",
            )
        return email

    def clean_display_name(self):
        # Runs of spaces are collapsed so that two names cannot differ only in
        # spacing that a reader would never notice.
        name = " ".join(self.cleaned_data["display_name"].split())
        if len(name) < 2:
            raise forms.ValidationError(
                "Enter a display name of at least 2 characters.", code="too_short"
            )
        if MARKUP_CHARACTERS.search(name):
            raise forms.ValidationError(
                "A display name cannot contain <, > or &. "
                "Use letters, digits, spaces and ordinary punctuation.",
                code="markup",
            )
        if any(unicodedata.category(char).startswith("C") for char in name):
            raise forms.ValidationError(
                "A display name cannot contain control or invisible characters.",
                code="control",
            )
        return name


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Builds reset links from the host the reader used.

    The sites framework is installed for flatpages, and its Site row says
    example.com unless someone edits it; links to that domain would not work.
    The request's host has already been checked against ALLOWED_HOSTS.
    """

    def save(self, *, request, **kwargs):
        kwargs.setdefault("domain_override", request.get_host())
        return super().save(request=request, **kwargs)
