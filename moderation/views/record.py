"""The record of moderation: the log, its CSV export, and metrics.

Only moderators open these pages: an anonymous visitor is sent to sign in,
anyone else gets the 403 page. All three are read only.
"""

import csv
import json
from datetime import UTC
from itertools import chain

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import record_selectors
from ..models import Guideline, ModerationAction


def moderator_view(view):
    return login_required(
        permission_required("moderation.moderate", raise_exception=True)(view)
    )


class LogFilterForm(forms.Form):
    """The log's filters, sent by GET so that a filtered log has a URL."""

    moderator = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Anyone",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Choose a moderator from the list."},
    )
    kind = forms.ChoiceField(
        label="Action",
        choices=[("", "Any action"), *ModerationAction.Kind.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Choose an action from the list."},
    )
    guideline = forms.ModelChoiceField(
        queryset=Guideline.objects.all(),
        required=False,
        empty_label="Any guideline",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Choose a guideline from the list."},
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD."},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        error_messages={"invalid": "Enter the end date as YYYY-MM-DD."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moderator"].queryset = record_selectors.moderators_on_record()
        self.fields["moderator"].label_from_instance = lambda u: (
            f"{u.display_name} ({u.username})"
        )

    def mark_invalid_fields(self) -> None:
        """Outline the fields the error summary names."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid"

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", "The end date must be on or after the start date."
            )
        return data


@moderator_view
@require_GET
def log(request):
    """The record, newest first, fifty acts a page."""
    form = LogFilterForm(request.GET)
    page = None
    if form.is_valid():
        actions = record_selectors.record_log(**form.cleaned_data)
        page = Paginator(actions, record_selectors.LOG_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    else:
        form.mark_invalid_fields()
    return render(
        request,
        "moderation/record/log.html",
        {"form": form, "page_obj": page},
        status=200 if page is not None else 400,
    )


# Spreadsheets run a cell that starts like a formula; a leading apostrophe
# makes it text. Tab and carriage return start formulas in some of them too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_HEADER = [
    "id",
    "time (UTC)",
    "action",
    "moderator",
    "moderator username",
    "case",
    "comment",
    "subject",
    "subject username",
    "guideline",
    "note",
    "ends (UTC)",
    "reverses",
    "state before",
    "state after",
]


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _iso(moment) -> str:
    return moment.astimezone(UTC).isoformat() if moment else ""


def _csv_row(action: ModerationAction) -> list[str]:
    moderator, subject = action.moderator, action.subject
    return [
        csv_cell(value)
        for value in (
            action.pk,
            _iso(action.created_at),
            action.get_kind_display(),
            moderator.display_name if moderator else "Automatic",
            moderator.username if moderator else "",
            action.case_id,
            action.comment_id,
            subject.display_name if subject else "",
            subject.username if subject else "",
            action.guideline.code if action.guideline else "",
            action.note,
            _iso(action.ends_at),
            action.reverses_id,
            json.dumps(action.state_before, sort_keys=True),
            json.dumps(action.state_after, sort_keys=True),
        )
    ]


class _Echo:
    """A file that hands back what is written, for csv.writer to stream."""

    def write(self, value):
        return value


@moderator_view
@require_GET
def log_csv(request):
    """The filtered record as CSV, streamed so that a long record costs no
    memory."""
    form = LogFilterForm(request.GET)
    if not form.is_valid():
        problems = " ".join(
            str(message) for errors in form.errors.values() for message in errors
        )
        return HttpResponse(
            f"The filters could not be used: {problems}",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    actions = record_selectors.record_log(**form.cleaned_data)
    writer = csv.writer(_Echo())
    rows = chain([CSV_HEADER], map(_csv_row, actions.iterator(chunk_size=2000)))
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = (
        f'attachment; filename="moderation-log-{stamp}.csv"'
    )
    return response


@moderator_view
@require_GET
def metrics(request):
    """Queue size and age, decision speed, moderators' work, appeal and report
    outcomes."""
    return render(
        request,
        "moderation/record/metrics.html",
        {"metrics": record_selectors.metrics()},
    )
