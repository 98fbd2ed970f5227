"""Readers' forms: a report of a comment or an account, and an appeal."""

from dataclasses import dataclass

from django import forms

from .models import Guideline

DISAGREE = "disagree"
MAX_DETAILS = 500
MAX_STATEMENT = 2000


@dataclass(frozen=True)
class Reason:
    code: str
    title: str
    description: str


DISAGREE_REASON = Reason(
    DISAGREE,
    "I disagree with this comment",
    "It breaks no guideline, but you think it is wrong. This is recorded as "
    "feedback; moderators do not review it.",
)


def _clean_text(value: str, *, limit: int, too_long: str) -> str:
    # Browsers count a line break as one character against maxlength but send
    # it as two; count it as the reader saw it.
    value = value.replace("\r\n", "\n").strip()
    if len(value) > limit:
        raise forms.ValidationError(too_long.format(limit=limit, length=len(value)))
    return value


NUL_MESSAGE = (
    "The text contains a character that cannot be saved (a null character). "
    "Please remove it and try again."
)


class ReportForm(forms.Form):
    """A reason (an active guideline, or for comments "I disagree") and
    optional details. The template lays the reasons out with their
    descriptions from ``reasons``."""

    reason = forms.ChoiceField(
        error_messages={
            "required": "Choose the guideline this breaks.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    details = forms.CharField(
        required=False,
        strip=False,
        error_messages={"null_characters_not_allowed": NUL_MESSAGE},
    )

    def __init__(self, *args, guidelines, allow_disagree: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.guidelines = {g.code: g for g in guidelines}
        self.reasons = [
            Reason(g.code, g.title, g.description) for g in self.guidelines.values()
        ]
        if allow_disagree:
            self.reasons.append(DISAGREE_REASON)
            self.fields["reason"].error_messages["required"] = (
                "Choose the guideline this breaks, or that you disagree with it."
            )
        self.fields["reason"].choices = [(r.code, r.title) for r in self.reasons]

    def clean_details(self) -> str:
        return _clean_text(
            self.cleaned_data["details"],
            limit=MAX_DETAILS,
            too_long="Please keep the details to {limit} characters; "
            "they have {length} now.",
        )

    @property
    def guideline(self) -> Guideline | None:
        """The chosen guideline; None for "I disagree"."""
        return self.guidelines.get(self.cleaned_data["reason"])


class AppealForm(forms.Form):
    statement = forms.CharField(
        strip=False,
        error_messages={
            "required": "Tell us why the decision should be reconsidered.",
            "null_characters_not_allowed": NUL_MESSAGE,
        },
    )

    def clean_statement(self) -> str:
        statement = _clean_text(
            self.cleaned_data["statement"],
            limit=MAX_STATEMENT,
            too_long="Please keep your appeal to {limit:,} characters; "
            "it has {length:,} now.",
        )
        if not statement:
            raise forms.ValidationError(
                "Tell us why the decision should be reconsidered."
            )
        return statement
