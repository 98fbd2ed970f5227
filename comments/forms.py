from django import forms

from .models import MAX_BODY_LENGTH
from .services import CommentError, clean_body


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        strip=False,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "maxlength": MAX_BODY_LENGTH,
                "data-counter": "",
                "placeholder": "Join the discussion…",
            }
        ),
        error_messages={"required": "Please write something before posting."},
    )

    def clean_body(self):
        try:
            return clean_body(self.cleaned_data["body"])
        except CommentError as error:
            raise forms.ValidationError(error.message) from error
