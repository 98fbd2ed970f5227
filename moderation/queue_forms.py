"""Forms of the moderators' queue: a decision on one case, on several, a note.

They only read and check what was sent; the rules of moderation (the penalty
ladder, who may decide an appeal) stay in moderation.services.
"""

from django import forms

from . import services
from .models import Case, Guideline

Kind = services.Kind

_DURATION_LABELS = {
    "1h": "1 hour",
    "24h": "24 hours",
    "7d": "7 days",
    "30d": "30 days",
}
# Built from the service's list, so a new length fails here loudly.
DURATIONS = {key: _DURATION_LABELS[key] for key in services.SUSPENSIONS}

ACTIONS = {
    "approve": "Approve",
    "dismiss": "Dismiss",
    "hide": "Hide",
    "warn": "Warn",
    "suspend": "Suspend",
    "terminate": "Terminate",
    "grant": "Grant appeal",
    "deny": "Deny appeal",
}
PENALTIES = {"warn": Kind.WARN, "suspend": Kind.SUSPEND, "terminate": Kind.TERMINATE}
NEEDS_GUIDELINE = {"hide", *PENALTIES}

# What each kind of case can come to.
ALLOWED = {
    Case.Kind.REPORTED_COMMENT: {"approve", "hide", *PENALTIES},
    Case.Kind.HELD_COMMENT: {"approve", "hide", *PENALTIES},
    Case.Kind.REPORTED_USER: {"approve", "dismiss", *PENALTIES},
    Case.Kind.APPEAL: {"grant", "deny"},
}

MAX_NOTE = 2000
MAX_BULK = 100


def _guideline_choices(guidelines: list[Guideline]):
    return [("", "Choose a guideline…")] + [
        (guideline.pk, guideline.title) for guideline in guidelines if guideline.active
    ]


class GuidelineField(forms.TypedChoiceField):
    """A select of the active guidelines, from a list the view already has,
    so that several forms on one page cost no query each."""

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "Choose one of the guidelines in the list."},
        )
        super().__init__(**kwargs)


class CaseActionForm(forms.Form):
    """One decision on one case. ``action`` names it; the guideline, duration
    and note are read when the action needs them."""

    action = forms.ChoiceField(
        choices=list(ACTIONS.items()),
        error_messages={
            "required": "Choose an action.",
            "invalid_choice": "That action does not exist. Choose one of the "
            "actions shown for this case.",
        },
    )
    guideline = GuidelineField(label="Guideline broken")
    duration = forms.ChoiceField(
        choices=list(DURATIONS.items()),
        required=False,
        label="Suspend for",
        error_messages={
            "invalid_choice": "Choose a suspension of 1 hour, 24 hours, 7 days "
            "or 30 days."
        },
    )
    note = forms.CharField(
        required=False,
        max_length=MAX_NOTE,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, case: Case, guidelines: list[Guideline], **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        self.guidelines = {guideline.pk: guideline for guideline in guidelines}
        self.fields["guideline"].choices = _guideline_choices(guidelines)
        self.fields["guideline"].widget.attrs["class"] = "form-select"
        self.fields["duration"].widget.attrs["class"] = "form-select"
        self.fields["note"].widget.attrs["class"] = "form-control"

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if not action:
            return data
        if action not in ALLOWED[self.case.kind]:
            raise forms.ValidationError(
                f"“{ACTIONS[action]}” is not possible on a "
                f"{self.case.get_kind_display().lower()} case.",
                code="not_allowed",
            )
        # A field that already has an error (an unknown guideline, say) keeps
        # that one message.
        missing_guideline = data.get("guideline") is None
        if (
            action in NEEDS_GUIDELINE
            and missing_guideline
            and "guideline" not in self.errors
        ):
            self.add_error("guideline", "Choose the guideline that was broken.")
        if (
            action == "suspend"
            and not data.get("duration")
            and "duration" not in self.errors
        ):
            self.add_error(
                "duration",
                "Choose how long the suspension lasts: 1 hour, 24 hours, "
                "7 days or 30 days.",
            )
        return data

    @property
    def chosen_guideline(self) -> Guideline | None:
        pk = self.cleaned_data.get("guideline")
        return self.guidelines.get(pk) if pk else None

    @property
    def step(self) -> services.Step:
        action = self.cleaned_data["action"]
        duration = self.cleaned_data.get("duration") if action == "suspend" else None
        return services.Step(PENALTIES[action], duration)


class BulkForm(forms.Form):
    """Approve or hide several cases at once; each goes through the services
    on its own, so a case decided meanwhile is skipped, not decided twice."""

    action = forms.ChoiceField(
        choices=[("approve", "Approve"), ("hide", "Hide")],
        error_messages={
            "required": "Choose whether to approve or hide the selected cases.",
            "invalid_choice": "Selected cases can only be approved or hidden.",
        },
    )
    guideline = GuidelineField(label="Reason")

    def __init__(self, *args, guidelines: list[Guideline], **kwargs):
        super().__init__(*args, **kwargs)
        self.guidelines = {guideline.pk: guideline for guideline in guidelines}
        self.fields["guideline"].choices = _guideline_choices(guidelines)
        self.fields["guideline"].widget.attrs["class"] = "form-select form-select-sm"
        self.case_ids = self._case_ids()

    def _case_ids(self) -> list[int]:
        if not self.is_bound:
            return []
        ids = []
        for value in self.data.getlist("cases"):
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        return list(dict.fromkeys(ids))

    def clean(self):
        data = super().clean()
        if not self.case_ids:
            raise forms.ValidationError(
                "Select at least one case with its checkbox.", code="empty"
            )
        if len(self.case_ids) > MAX_BULK:
            raise forms.ValidationError(
                f"Select at most {MAX_BULK} cases at a time.", code="too_many"
            )
        missing_guideline = data.get("guideline") is None
        if (
            data.get("action") == "hide"
            and missing_guideline
            and "guideline" not in self.errors
        ):
            self.add_error(
                "guideline", "Choose the guideline the hidden comments broke."
            )
        return data

    @property
    def chosen_guideline(self) -> Guideline | None:
        pk = self.cleaned_data.get("guideline")
        return self.guidelines.get(pk) if pk else None


class NoteForm(forms.Form):
    note = forms.CharField(
        max_length=MAX_NOTE,
        label="Note",
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        error_messages={"required": "Write the note before saving it."},
    )
