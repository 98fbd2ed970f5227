"""Reads for the readers' side of moderation: what a reader may report, their
notices, reports and the decisions about their account."""

import math
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from accounts.models import User
from articles.models import Article
from comments.models import Comment

from . import services
from .models import Appeal, Guideline, ModerationAction, Notification, Report

PAGE_SIZE = 20


def active_guidelines() -> QuerySet[Guideline]:
    return Guideline.objects.filter(active=True)


def comment_to_report(*, pk: int, viewer) -> Comment:
    """A comment on a public story that the viewer can see; 404 otherwise.
    Held comments exist only for their authors."""
    comment = get_object_or_404(
        Comment.objects.select_related("article", "author").filter(
            article__in=Article.objects.published()
        ),
        pk=pk,
    )
    if comment.status == Comment.Status.PENDING and comment.author_id != viewer.pk:
        raise Http404
    return comment


@dataclass(frozen=True)
class Refusal:
    message: str
    status_code: int


def _participation_refusal(reporter: User) -> Refusal | None:
    if not reporter.can_participate:
        return Refusal("Your account cannot send reports while it is suspended.", 403)
    return None


def comment_report_refusal(*, comment: Comment, reporter: User) -> Refusal | None:
    """Why this reader cannot report this comment at all, before any form is
    shown; services.report_comment checks again, under locks, on sending."""
    if comment.author_id == reporter.pk:
        return Refusal("You cannot report your own comment.", 403)
    if comment.status == Comment.Status.HIDDEN:
        return Refusal(
            "This comment has already been taken out of the discussion, so "
            "there is nothing left to report.",
            409,
        )
    if comment.status != Comment.Status.VISIBLE:
        return Refusal(
            "This comment is no longer shown, so there is nothing to report.", 409
        )
    if refusal := _participation_refusal(reporter):
        return refusal
    if Report.objects.filter(reporter=reporter, comment=comment).exists():
        return Refusal("You have already reported this comment. Thank you.", 409)
    return None


def user_report_refusal(*, member: User, reporter: User) -> Refusal | None:
    """Why this reader cannot report this account at all."""
    if member.pk == reporter.pk:
        return Refusal("You cannot report yourself.", 403)
    if refusal := _participation_refusal(reporter):
        return refusal
    if Report.objects.filter(reporter=reporter, reported_user=member).exists():
        return Refusal("You have already reported this account. Thank you.", 409)
    return None


def report_retry_after(reporter: User) -> int:
    """Seconds until the reader's report limits let one more through."""
    now = timezone.now()
    waits = [1.0]
    for limit, window in (services.REPORT_BURST, services.REPORT_DAILY):
        # Once the limit-th newest report leaves the window, one more fits.
        nth_newest = (
            Report.objects.filter(reporter=reporter, created_at__gte=now - window)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[limit - 1 : limit]
        )
        waits.extend((sent + window - now).total_seconds() for sent in nth_newest)
    return math.ceil(max(waits))


# Notices, reports and decisions -----------------------------------------------


def _page(queryset, number) -> Page:
    return Paginator(queryset, PAGE_SIZE).get_page(number)


def _appeal_of(action: ModerationAction) -> Appeal | None:
    # A reverse one-to-one raises when missing; templates should not have to.
    try:
        return action.appeal
    except Appeal.DoesNotExist:
        return None


@dataclass
class Decision:
    """A decision about the reader's account, and their appeal of it if any."""

    action: ModerationAction
    appeal: Appeal | None

    @property
    def can_appeal(self) -> bool:
        return self.appeal is None


@dataclass
class NoticesPage:
    notices: Page
    unread_ids: set[int]
    reports: Page
    decisions: list[Decision]

    @cached_property
    def decision_ids(self) -> set[int]:
        return {decision.action.pk for decision in self.decisions}


def appealable_decisions(user: User) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.filter(
        subject=user, kind__in=services.APPEALABLE
    ).select_related("guideline", "comment", "appeal")


def notices_page(*, user: User, page=None, reports_page=None) -> NoticesPage:
    """One page of the reader's notices, newest first, marked read as they are
    shown; their reports with outcomes; decisions about their account.
    A fixed number of queries, whatever the numbers of each."""
    notices = _page(Notification.objects.filter(recipient=user), page)
    unread_ids = {notice.pk for notice in notices if notice.read_at is None}
    if unread_ids:
        Notification.objects.filter(pk__in=unread_ids).update(read_at=timezone.now())
    reports = _page(
        Report.objects.filter(reporter=user)
        .select_related("comment__article", "reported_user", "guideline")
        .order_by("-created_at", "-pk"),
        reports_page,
    )
    decisions = [
        Decision(action=action, appeal=_appeal_of(action))
        for action in appealable_decisions(user)
    ]
    return NoticesPage(
        notices=notices, unread_ids=unread_ids, reports=reports, decisions=decisions
    )


def appealable_decision(*, action_id: int, user: User) -> Decision:
    """A decision the user may appeal: theirs, and of an appealable kind.
    Anyone else's decision is a 404, so that its existence is not revealed."""
    action = get_object_or_404(appealable_decisions(user), pk=action_id)
    return Decision(action=action, appeal=_appeal_of(action))


def current_suspension(user: User) -> Decision | None:
    """The decision behind the user's running suspension: the one that set its
    end time (a shorter later one does not shorten it). Only asked about users
    already known to be suspended, so other pages pay no query."""
    action = (
        appealable_decisions(user)
        .filter(kind=ModerationAction.Kind.SUSPEND)
        .order_by("-ends_at", "-created_at")
        .first()
    )
    if action is None:
        return None
    return Decision(action=action, appeal=_appeal_of(action))


def termination(user: User) -> Decision | None:
    """The decision that terminated the account, shown on its sign-in page:
    a terminated reader cannot sign in to read notices."""
    action = (
        appealable_decisions(user).filter(kind=ModerationAction.Kind.TERMINATE).first()
    )
    if action is None:
        return None
    return Decision(action=action, appeal=_appeal_of(action))


def notices_context(request) -> dict:
    """Context processor: the unread-notice count for the header badge, counted
    only if a template asks for it."""
    user = request.user
    if not user.is_authenticated:
        return {"unread_notices": 0}
    return {
        "unread_notices": SimpleLazyObject(
            lambda: Notification.objects.filter(
                recipient=user, read_at__isnull=True
            ).count()
        )
    }
