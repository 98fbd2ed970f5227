"""The moderators' queue and case pages.

Every view needs the moderation.moderate permission, checked here on the
server: an anonymous visitor is sent to sign in, anyone else gets the 403 page.
Decisions go through moderation.services, which lock the case, so that two
moderators acting at once leave one record, and the second is told who won.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User

from .. import selectors, services
from ..models import Case
from ..queue_forms import (
    DURATIONS,
    PENALTIES,
    BulkForm,
    CaseActionForm,
    NoteForm,
)


def moderator_view(view):
    return login_required(
        permission_required("moderation.moderate", raise_exception=True)(view)
    )


def _error(request, message: str, status: int):
    return render(
        request, "moderation/queue/error.html", {"message": message}, status=status
    )


def _queue_url(queue_filter: selectors.QueueFilter, **changes) -> str:
    query = queue_filter.query(**changes)
    return reverse("moderation:queue") + (f"?{query}" if query else "")


def _case_url(case_pk: int, queue_filter: selectors.QueueFilter) -> str:
    return reverse("moderation:case", kwargs={"pk": case_pk}) + (
        f"?{queue_filter.query()}"
    )


def _filter_for(data, case: Case | None = None) -> selectors.QueueFilter:
    """The list the moderator came from; by default the case's own tab."""
    default_tab = None
    if case is not None:
        default_tab = case.kind if case.is_open else selectors.DECIDED
    return selectors.QueueFilter.from_data(data, default_tab=default_tab)


def _lenient_filter(data, case: Case | None = None) -> selectors.QueueFilter:
    """For decisions: a garbled list filter must not cost the decision."""
    try:
        return _filter_for(data, case)
    except selectors.BadFilter:
        return _filter_for({}, case)


# The queue -------------------------------------------------------------------


def _render_queue(
    request,
    queue_filter,
    guidelines,
    *,
    page_number=1,
    bulk_form=None,
    status=200,
):
    page = selectors.queue_page(
        queue_filter,
        viewer=request.user,
        page_number=page_number,
        guidelines=guidelines,
    )
    bulk_form = bulk_form or BulkForm(guidelines=guidelines, auto_id="bulk-%s")
    context = {
        "queue": page,
        "filter": queue_filter,
        "bulk_form": bulk_form,
        "selected": set(bulk_form.case_ids),
        "guidelines": [guideline for guideline in guidelines if guideline.active],
    }
    return render(request, "moderation/queue/queue.html", context, status=status)


@moderator_view
@require_GET
def queue(request):
    guidelines = selectors.all_guidelines()
    try:
        queue_filter = _filter_for(request.GET)
        return _render_queue(
            request,
            queue_filter,
            guidelines,
            page_number=request.GET.get("page") or 1,
        )
    except selectors.BadFilter as error:
        return _error(request, error.message, 400)


# A case ------------------------------------------------------------------------

PANELS = {
    "approve": "approve",
    "dismiss": "approve",
    "hide": "hide",
    "warn": "penalty",
    "suspend": "penalty",
    "terminate": "penalty",
    "grant": "appeal",
    "deny": "appeal",
}


def _panel_forms(case, detail, guidelines, bound=None) -> dict:
    """One form per panel of the case page; a refused one comes back filled in."""
    top = detail.top_guideline.pk if detail.top_guideline else None
    suggestion = detail.suggestion
    initial = {
        "approve": {"action": "dismiss" if case.kind == "user" else "approve"},
        "hide": {"action": "hide", "guideline": top},
        "penalty": {
            "action": suggestion.kind if suggestion else "warn",
            "duration": (suggestion.duration if suggestion else None) or "24h",
            "guideline": top,
        },
        "appeal": {},
    }
    forms = {
        panel: CaseActionForm(
            initial=values, case=case, guidelines=guidelines, auto_id=f"{panel}-%s"
        )
        for panel, values in initial.items()
    }
    if bound is not None:
        forms[PANELS.get(bound.data.get("action"), "approve")] = bound
    return forms


def _render_case(
    request, case, queue_filter, *, bound=None, note_form=None, status=200
):
    guidelines = selectors.all_guidelines()
    detail = selectors.case_detail(case, viewer=request.user, guidelines=guidelines)
    context = {
        "detail": detail,
        "case": case,
        "filter": queue_filter,
        "forms": _panel_forms(case, detail, guidelines, bound),
        "refused": bound,
        "note_form": note_form or NoteForm(auto_id="note-%s"),
        "next_case": selectors.next_case(queue_filter, request.user, case),
        "previous_case": selectors.previous_case(queue_filter, request.user, case),
        "durations": DURATIONS,
        "tab": next(tab for tab in selectors.TABS if tab.key == queue_filter.tab),
    }
    return render(request, "moderation/queue/case.html", context, status=status)


def _get_case(pk) -> Case:
    try:
        return selectors.case_for_page(pk)
    except Case.DoesNotExist:
        raise Http404("No such case.") from None


@moderator_view
@require_GET
def case(request, pk):
    case = _get_case(pk)
    try:
        queue_filter = _filter_for(request.GET, case)
    except selectors.BadFilter as error:
        return _error(request, error.message, 400)
    return _render_case(request, case, queue_filter)


def _done_message(action: str, case: Case, form: CaseActionForm) -> str:
    name = case.subject.display_name
    guideline = form.chosen_guideline
    if action in ("approve", "dismiss"):
        if case.kind == Case.Kind.REPORTED_USER:
            return f"The reports about {name} were closed: no violation."
        if case.kind == Case.Kind.HELD_COMMENT:
            return f"{name}'s comment was approved and is now shown."
        return f"{name}'s comment was approved; its reports were closed."
    if action == "hide":
        return f"{name}'s comment was hidden for breaking “{guideline.title}”."
    if action == "warn":
        return f"{name} was warned for breaking “{guideline.title}”."
    if action == "suspend":
        duration = DURATIONS[form.cleaned_data["duration"]]
        return f"{name} was suspended for {duration} for breaking “{guideline.title}”."
    if action == "terminate":
        return f"{name}'s account was terminated for breaking “{guideline.title}”."
    if action == "grant":
        return f"{name}'s appeal was granted and the decision reversed."
    return f"{name}'s appeal was denied; the decision stands."


def _decide(case: Case, form: CaseActionForm, moderator: User):
    action = form.cleaned_data["action"]
    note = form.cleaned_data["note"]
    if action in ("approve", "dismiss"):
        return services.approve(case=case, moderator=moderator, note=note)
    if action == "hide":
        return services.hide(
            case=case, moderator=moderator, guideline=form.chosen_guideline, note=note
        )
    if action in PENALTIES:
        return services.penalize(
            case=case,
            moderator=moderator,
            step=form.step,
            guideline=form.chosen_guideline,
            note=note,
        )
    return services.decide_appeal(
        case=case, moderator=moderator, grant=action == "grant", note=note
    )


def _onward(request, case: Case, queue_filter):
    """After a decision: the next case of the same list, or the list itself."""
    following = selectors.next_case(queue_filter, request.user, case)
    if following is not None:
        return redirect(_case_url(following.pk, queue_filter))
    return redirect(_queue_url(queue_filter))


@moderator_view
@require_POST
def act(request, pk):
    case = _get_case(pk)
    queue_filter = _lenient_filter(request.POST, case)
    panel = PANELS.get(request.POST.get("action"), "approve")
    form = CaseActionForm(
        request.POST,
        case=case,
        guidelines=selectors.all_guidelines(),
        auto_id=f"{panel}-%s",
    )
    if not form.is_valid():
        return _render_case(request, case, queue_filter, bound=form, status=400)
    try:
        _decide(case, form, request.user)
    except services.AlreadyHandled as error:
        messages.warning(request, error.message)
        return redirect(_case_url(case.pk, queue_filter))
    except services.ModerationError as error:
        form.add_error(None, error.message)
        return _render_case(
            request, case, queue_filter, bound=form, status=error.status_code
        )
    messages.success(request, _done_message(form.cleaned_data["action"], case, form))
    return _onward(request, case, queue_filter)


# Several cases at once -----------------------------------------------------------

BULK_KINDS = {
    "approve": {
        Case.Kind.REPORTED_COMMENT,
        Case.Kind.HELD_COMMENT,
        Case.Kind.REPORTED_USER,
    },
    "hide": {Case.Kind.REPORTED_COMMENT, Case.Kind.HELD_COMMENT},
}


def _cases(number: int) -> str:
    return f"{number} case{'s' if number != 1 else ''}"


def bulk_message(action: str, *, done: int, handled: int, refused: int) -> str:
    """ "3 cases approved; 1 was already handled." """
    verb = "approved" if action == "approve" else "hidden"
    parts = [f"{_cases(done)} {verb}" if done else f"No cases {verb}"]
    if handled:
        parts.append(f"{handled} {'was' if handled == 1 else 'were'} already handled")
    if refused:
        parts.append(
            f"{refused} could not be {verb} from the list; open "
            f"{'it' if refused == 1 else 'them'} to decide"
        )
    return "; ".join(parts) + "."


@moderator_view
@require_POST
def bulk(request):
    guidelines = selectors.all_guidelines()
    queue_filter = _lenient_filter(request.POST)
    page_number = request.POST.get("page", "")
    page_number = int(page_number) if page_number.isdigit() else 1
    form = BulkForm(request.POST, guidelines=guidelines, auto_id="bulk-%s")
    if not form.is_valid():
        try:
            return _render_queue(
                request,
                queue_filter,
                guidelines,
                page_number=page_number,
                bulk_form=form,
                status=400,
            )
        except selectors.BadFilter:
            return _render_queue(
                request, queue_filter, guidelines, bulk_form=form, status=400
            )
    action = form.cleaned_data["action"]
    guideline = form.chosen_guideline
    cases = list(Case.objects.filter(pk__in=form.case_ids).order_by("pk"))
    done = handled = 0
    refused = len(form.case_ids) - len(cases)
    for case in cases:
        if case.kind not in BULK_KINDS[action]:
            refused += 1
            continue
        try:
            if action == "approve":
                services.approve(case=case, moderator=request.user)
            else:
                services.hide(case=case, moderator=request.user, guideline=guideline)
        except services.AlreadyHandled:
            handled += 1
        except services.ModerationError:
            refused += 1
        else:
            done += 1
    message = bulk_message(action, done=done, handled=handled, refused=refused)
    (messages.success if done else messages.warning)(request, message)
    return redirect(
        _queue_url(queue_filter, page=page_number if page_number > 1 else None)
    )


# Notes -----------------------------------------------------------------------------


@moderator_view
@require_POST
def note(request, pk):
    subject = get_object_or_404(User, pk=pk)
    form = NoteForm(request.POST, auto_id="note-%s")
    case = None
    case_pk = request.POST.get("case")
    if case_pk and str(case_pk).isdigit():
        case = Case.objects.filter(pk=case_pk, subject=subject).first()
    if not form.is_valid():
        if case is not None:
            case = selectors.case_for_page(case.pk)
            queue_filter = _lenient_filter(request.POST, case)
            return _render_case(request, case, queue_filter, note_form=form, status=400)
        return _error(request, " ".join(form.errors["note"]), 400)
    try:
        services.add_note(
            subject=subject,
            moderator=request.user,
            note=form.cleaned_data["note"],
            case=case,
        )
    except services.ModerationError as error:
        return _error(request, error.message, error.status_code)
    messages.success(
        request, f"Your note was added to {subject.display_name}'s record."
    )
    if case is not None:
        return redirect(_case_url(case.pk, _lenient_filter(request.POST, case)))
    return redirect(reverse("moderation:queue"))
