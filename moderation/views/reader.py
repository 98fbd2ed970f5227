"""Readers' side of moderation: reports, notices and appeals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.models import User

from .. import reader_selectors, services
from ..forms import AppealForm, ReportForm

REPORT_RECEIVED = (
    "Thank you. Your report was received. A moderator will review it, and you "
    "will find the outcome in your notices."
)
DISAGREEMENT_RECORDED = (
    "Thank you. Your disagreement was recorded as feedback for the author. "
    "Disagreeing is not a reason to remove a comment, so moderators will not "
    "review it."
)
APPEAL_SENT = (
    "Your appeal was sent. A moderator who did not make the original decision "
    "will review it, and you will find the outcome here."
)
TERMINATED_APPEAL_SENT = (
    "Your appeal was received. A moderator who did not make the original "
    "decision will review it. Your account cannot receive notices while it is "
    "closed: sign in here again later to see the outcome."
)
LINK_EXPIRED = "This link has expired. Sign in again to get a new one."

# A terminated account cannot sign in, so the sign-in page hands it a signed
# link instead of a session; it names the decision and the account, and lasts
# an hour so that a leaked link soon stops working.
TERMINATED_APPEAL_SALT = "autoblog.terminated-appeal"
TERMINATED_APPEAL_MAX_AGE = 60 * 60  # seconds


def _sign_in_first(request):
    url = reverse("accounts:login") + "?" + urlencode({"next": request.path})
    # A script fetching the dialog would follow a plain redirect and get the
    # sign-in page as the dialog's content; HX-Redirect moves the whole window.
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _report_response(request, template, context, *, status=200, retry_after=None):
    """The report form: the whole page, or for moderation.js only the part
    shown in the dialog."""
    if request.htmx:
        template = f"{template}#dialog"
    response = render(request, template, context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _report(request, *, template, context, refusal, allow_disagree, send):
    """Show the report form, or send it with `send(guideline, details)`.
    A refusal known before sending is shown instead of the form on GET, and
    with it on POST. Returns (response, None), or on success (None, the report)."""
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        guidelines=reader_selectors.active_guidelines(),
        allow_disagree=allow_disagree,
    )
    context = {**context, "form": form, "refusal": None, "in_dialog": request.htmx}
    if request.method == "GET":
        if refusal:
            context["refusal"] = refusal.message
        status = refusal.status_code if refusal else 200
        return _report_response(request, template, context, status=status), None
    if refusal:
        # The form again, with what the reader wrote, as after any refusal.
        form.add_error(None, refusal.message)
        return _report_response(
            request, template, context, status=refusal.status_code
        ), None
    if not form.is_valid():
        return _report_response(request, template, context, status=400), None
    try:
        report = send(form.guideline, form.cleaned_data["details"])
    except services.ModerationError as error:
        form.add_error(None, error.message)
        retry_after = None
        if error.status_code == 429:
            retry_after = reader_selectors.report_retry_after(request.user)
        response = _report_response(
            request,
            template,
            context,
            status=error.status_code,
            retry_after=retry_after,
        )
        return response, None
    return None, report


def _acknowledge(request, message: str, *, title: str, next_url: str):
    if request.htmx:
        return render(
            request,
            "moderation/reader/_report_done.html",
            {"title": title, "message": message},
        )
    messages.success(request, message)
    return redirect(next_url)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def report_comment(request, pk):
    """The "I'm reporting this comment as:" form: a page of its own, or the
    content of the dialog that moderation.js opens from the Report link."""
    comment = reader_selectors.comment_to_report(pk=pk, viewer=request.user)
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    refusal = reader_selectors.comment_report_refusal(
        comment=comment, reporter=request.user
    )

    def send(guideline, details):
        return services.report_comment(
            comment=comment, reporter=request.user, guideline=guideline, details=details
        )

    response, report = _report(
        request,
        template="moderation/reader/report_comment.html",
        context={"comment": comment},
        refusal=refusal,
        allow_disagree=True,
        send=send,
    )
    if response is not None:
        return response
    if report.is_disagreement:
        return _acknowledge(
            request,
            DISAGREEMENT_RECORDED,
            title="Disagreement recorded",
            next_url=comment.get_absolute_url(),
        )
    return _acknowledge(
        request,
        REPORT_RECEIVED,
        title="Report received",
        next_url=comment.get_absolute_url(),
    )


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def report_user(request, username):
    """Report an account as a whole, from its public profile."""
    member = get_object_or_404(User, username=username, is_active=True)
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    refusal = reader_selectors.user_report_refusal(member=member, reporter=request.user)

    def send(guideline, details):
        return services.report_user(
            user=member, reporter=request.user, guideline=guideline, details=details
        )

    response, _ = _report(
        request,
        template="moderation/reader/report_user.html",
        context={"member": member},
        refusal=refusal,
        allow_disagree=False,
        send=send,
    )
    if response is not None:
        return response
    return _acknowledge(
        request,
        REPORT_RECEIVED,
        title="Report received",
        next_url=member.get_absolute_url(),
    )


@login_required
@require_GET
def notices(request):
    """The reader's notices (marked read as they are shown), the decisions
    about their account with a way to appeal, and their reports."""
    page = reader_selectors.notices_page(
        user=request.user,
        page=request.GET.get("page"),
        reports_page=request.GET.get("reports"),
    )
    return render(request, "moderation/reader/notices.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request, action_id):
    """Appeal a decision about one's own account, once. Suspended readers can:
    a suspension stops taking part, not answering for oneself."""
    decision = reader_selectors.appealable_decision(
        action_id=action_id, user=request.user
    )
    form = AppealForm(request.POST if request.method == "POST" else None)
    context = {"decision": decision, "form": form}
    if request.method == "GET":
        return render(request, "moderation/reader/appeal.html", context)
    if not form.is_valid():
        return render(request, "moderation/reader/appeal.html", context, status=400)
    try:
        services.file_appeal(
            action=decision.action,
            appellant=request.user,
            statement=form.cleaned_data["statement"],
        )
    except services.ModerationError as error:
        form.add_error(None, error.message)
        return render(
            request, "moderation/reader/appeal.html", context, status=error.status_code
        )
    messages.success(request, APPEAL_SENT)
    return redirect(reverse("moderation:notices") + f"#decision-{decision.action.pk}")


def terminated_sign_in(request, user: User):
    """What a terminated account sees instead of being signed in, once its
    password proved who is asking: the decision, and a way to appeal it."""
    decision = reader_selectors.termination(user)
    appeal_url = None
    if decision is not None and decision.can_appeal:
        token = signing.TimestampSigner(salt=TERMINATED_APPEAL_SALT).sign_object(
            {"action": decision.action.pk, "user": user.pk}
        )
        appeal_url = reverse("moderation:appeal-terminated", args=[token])
    return render(
        request,
        "accounts/terminated.html",
        {"decision": decision, "appeal_url": appeal_url},
        status=403,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def appeal_terminated(request, token):
    """Appeal a termination through the link from the sign-in page: the
    account cannot sign in, so the signed link stands in for the session."""
    try:
        ids = signing.TimestampSigner(salt=TERMINATED_APPEAL_SALT).unsign_object(
            token, max_age=TERMINATED_APPEAL_MAX_AGE
        )
        user = User.objects.get(
            pk=ids["user"], status=User.Status.TERMINATED, is_active=False
        )
    except (signing.BadSignature, User.DoesNotExist, KeyError, TypeError):
        return render(
            request, "400.html", {"code": 400, "reason": LINK_EXPIRED}, status=400
        )
    decision = reader_selectors.appealable_decision(action_id=ids["action"], user=user)
    form = AppealForm(request.POST if request.method == "POST" else None)
    context = {"decision": decision, "form": form, "action_url": request.path}
    if request.method == "GET":
        return render(request, "moderation/reader/appeal.html", context)
    if not form.is_valid():
        return render(request, "moderation/reader/appeal.html", context, status=400)
    try:
        services.file_appeal(
            action=decision.action,
            appellant=user,
            statement=form.cleaned_data["statement"],
        )
    except services.ModerationError as error:
        form.add_error(None, error.message)
        return render(
            request, "moderation/reader/appeal.html", context, status=error.status_code
        )
    messages.success(request, TERMINATED_APPEAL_SENT)
    return redirect("accounts:login")
