"""Moderation writes. Each decision locks what it changes and appends its row to
the record in the same transaction; limits hold in PostgreSQL under concurrency.

Lock order, everywhere: accounts, then comments, then cases.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from articles.models import Article
from comments.models import Comment

from .models import Appeal, Case, Guideline, ModerationAction, Notification, Report

Kind = ModerationAction.Kind

HIDE_AT_WEIGHT = 5.0
NEW_ACCOUNT_AGE = timedelta(hours=24)
REPORT_BURST = (2, timedelta(seconds=3))
REPORT_DAILY = (20, timedelta(days=1))
STRIKE_LIFETIME = timedelta(days=182)
PREMODERATE_UNTIL_APPROVED = 2
MAX_LINKS = 1
SUSPENSIONS = {
    "1h": timedelta(hours=1),
    "24h": timedelta(hours=24),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}


class ModerationError(Exception):
    """A refused moderation request; the message is shown as it is."""

    status_code = 400

    def __init__(self, message: str, *, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        if status_code is not None:
            self.status_code = status_code


class AlreadyHandled(ModerationError):
    status_code = 409


@dataclass(frozen=True)
class Step:
    """A rung of the penalty ladder."""

    kind: str
    duration: str | None = None

    @property
    def label(self) -> str:
        if self.kind == Kind.SUSPEND:
            return f"Suspend for {self.duration}"
        return {Kind.WARN: "Warning", Kind.TERMINATE: "Terminate"}[self.kind]


LADDER = (
    Step(Kind.WARN),
    Step(Kind.SUSPEND, "24h"),
    Step(Kind.SUSPEND, "7d"),
    Step(Kind.TERMINATE),
)


# Reading helpers that decisions rest on ------------------------------------


def report_weight(reporter: User) -> float:
    """How much a reader's report counts: nothing from day-old accounts, less
    from readers whose earlier reports were mostly rejected."""
    if reporter.date_joined > timezone.now() - NEW_ACCOUNT_AGE:
        return 0.0
    outcomes = list(
        Report.objects.filter(
            reporter=reporter,
            outcome__in=[Report.Outcome.UPHELD, Report.Outcome.REJECTED],
        ).values_list("outcome", flat=True)[:50]
    )
    if len(outcomes) < 3:
        return 1.0
    upheld = outcomes.count(Report.Outcome.UPHELD) / len(outcomes)
    return 1.0 if upheld >= 0.5 else round(max(0.25, upheld * 2), 2)


def active_strikes(subject: User, *, now=None) -> int:
    """Penalties of the last six months that no appeal overturned."""
    now = now or timezone.now()
    return (
        ModerationAction.objects.filter(
            subject=subject,
            kind__in=ModerationAction.PENALTIES,
            created_at__gte=now - STRIKE_LIFETIME,
        )
        .exclude(reversals__kind=Kind.APPEAL_GRANTED)
        .count()
    )


def suggest_penalty(*, subject: User, guideline: Guideline | None) -> Step:
    """The next rung for this account; serious guidelines skip two rungs."""
    rung = active_strikes(subject) + (2 if guideline and guideline.serious else 0)
    return LADDER[min(rung, len(LADDER) - 1)]


def hold_reason(*, author: User, body: str) -> str | None:
    """Why a new comment should wait for a moderator, or None."""
    from .models import WatchWord

    if author.is_staff:
        return None
    if author.approved_comments < PREMODERATE_UNTIL_APPROVED:
        return "New accounts are reviewed until two of their comments are approved."
    if len(re.findall(r"https?://|www\.", body, re.IGNORECASE)) > MAX_LINKS:
        return "Comments with several links are reviewed before they appear."
    words = set(re.findall(r"\w+", body.lower()))
    watched = WatchWord.objects.filter(word__in=words).values_list("word", flat=True)
    if watched[:1]:
        return "This comment contains a word that is reviewed before it appears."
    return None


# Writes --------------------------------------------------------------------


def _record(**fields) -> ModerationAction:
    fields.setdefault("created_at", timezone.now())
    return ModerationAction.objects.create(**fields)


def _notify(recipient: User, message: str, *, url="", action=None) -> None:
    Notification.objects.create(
        recipient=recipient,
        message=message,
        url=url,
        action=action,
        created_at=timezone.now(),
    )


def _comment_state(comment: Comment) -> dict:
    return {"comment_status": comment.status}


def _account_state(user: User) -> dict:
    return {
        "status": user.status,
        "suspended_until": user.suspended_until.isoformat()
        if user.suspended_until
        else None,
        "is_active": user.is_active,
    }


def _set_comment_status(comment: Comment, status: str) -> None:
    """Change a comment's status, keeping the article's count of shown ones."""
    if comment.status == status:
        return
    counted = Comment.Status.VISIBLE
    delta = (status == counted) - (comment.status == counted)
    comment.status = status
    comment.save(update_fields=["status"])
    if delta:
        Article.objects.filter(pk=comment.article_id).update(
            comment_count=F("comment_count") + delta
        )


def hold_comment(*, comment: Comment, reason: str) -> Case:
    """Open a held-comment case for a comment posted as pending."""
    case = Case.objects.create(
        kind=Case.Kind.HELD_COMMENT,
        comment=comment,
        subject_id=comment.author_id,
        article_id=comment.article_id,
        opened_at=timezone.now(),
    )
    _record(
        kind=Kind.HOLD,
        case=case,
        comment=comment,
        subject_id=comment.author_id,
        note=reason,
        state_after=_comment_state(comment),
    )
    return case


def _check_can_report(reporter: User) -> None:
    if not reporter.can_participate:
        raise ModerationError(
            "Your account cannot send reports while it is suspended.",
            status_code=403,
        )
    now = timezone.now()
    for limit, window in (REPORT_BURST, REPORT_DAILY):
        recent = Report.objects.filter(
            reporter=reporter, created_at__gte=now - window
        ).count()
        if recent >= limit:
            raise ModerationError(
                "You have sent many reports in a short time. Please try again "
                + (
                    "in a few seconds."
                    if window < timedelta(minutes=1)
                    else "tomorrow."
                ),
                status_code=429,
            )


@transaction.atomic
def report_comment(
    *, comment: Comment, reporter: User, guideline: Guideline | None, details=""
) -> Report:
    """File a reader's report. Reports against a guideline go to the queue, and
    enough weight hides the comment until a moderator looks at it."""
    reporter = User.objects.select_for_update().get(pk=reporter.pk)
    _check_can_report(reporter)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id == reporter.pk:
        raise ModerationError("You cannot report your own comment.", status_code=403)
    if comment.status not in (Comment.Status.VISIBLE, Comment.Status.HIDDEN):
        raise ModerationError("This comment is no longer shown.", status_code=409)
    if Report.objects.filter(reporter=reporter, comment=comment).exists():
        raise ModerationError(
            "You have already reported this comment. Thank you.", status_code=409
        )
    now = timezone.now()
    report = Report(
        reporter=reporter,
        comment=comment,
        guideline=guideline,
        details=details.strip(),
        weight=report_weight(reporter),
        created_at=now,
    )
    if guideline is None:
        report.outcome = Report.Outcome.NOT_QUEUED
        report.save()
        return report
    case = (
        Case.objects.select_for_update()
        .filter(
            kind=Case.Kind.REPORTED_COMMENT, comment=comment, status=Case.Status.OPEN
        )
        .first()
    )
    if case is None:
        case = Case.objects.create(
            kind=Case.Kind.REPORTED_COMMENT,
            comment=comment,
            subject_id=comment.author_id,
            article_id=comment.article_id,
            opened_at=now,
        )
    report.case = case
    report.save()
    case.report_weight += report.weight
    case.report_count += 1
    case.save(update_fields=["report_weight", "report_count"])
    if (
        case.report_weight >= HIDE_AT_WEIGHT
        and comment.status == Comment.Status.VISIBLE
    ):
        before = _comment_state(comment)
        _set_comment_status(comment, Comment.Status.HIDDEN)
        _record(
            kind=Kind.AUTO_HIDE,
            case=case,
            comment=comment,
            subject_id=comment.author_id,
            note=f"Hidden until reviewed: reports weigh {case.report_weight:g}.",
            state_before=before,
            state_after=_comment_state(comment),
        )
    return report


@transaction.atomic
def report_user(
    *, user: User, reporter: User, guideline: Guideline, details=""
) -> Report:
    """File a reader's report about an account as a whole."""
    reporter = User.objects.select_for_update().get(pk=reporter.pk)
    _check_can_report(reporter)
    if user.pk == reporter.pk:
        raise ModerationError("You cannot report yourself.", status_code=403)
    if Report.objects.filter(reporter=reporter, reported_user=user).exists():
        raise ModerationError(
            "You have already reported this account. Thank you.", status_code=409
        )
    now = timezone.now()
    case = (
        Case.objects.select_for_update()
        .filter(kind=Case.Kind.REPORTED_USER, subject=user, status=Case.Status.OPEN)
        .first()
    )
    if case is None:
        case = Case.objects.create(
            kind=Case.Kind.REPORTED_USER, subject=user, opened_at=now
        )
    report = Report.objects.create(
        reporter=reporter,
        reported_user=user,
        guideline=guideline,
        details=details.strip(),
        weight=report_weight(reporter),
        case=case,
        created_at=now,
    )
    case.report_weight += report.weight
    case.report_count += 1
    case.save(update_fields=["report_weight", "report_count"])
    return report


def _lock_case(case_id: int) -> tuple[Case, Comment | None]:
    case = Case.objects.get(pk=case_id)
    comment = (
        Comment.objects.select_for_update().get(pk=case.comment_id)
        if case.comment_id
        else None
    )
    case = Case.objects.select_for_update().select_related("decided_by").get(pk=case_id)
    if not case.is_open:
        who = case.decided_by.display_name if case.decided_by else "someone else"
        raise AlreadyHandled(f"This case was already handled by {who}.")
    return case, comment


def _close(case: Case, moderator: User, *, outcome: str) -> None:
    case.status = Case.Status.DECIDED
    case.decided_at = timezone.now()
    case.decided_by = moderator
    case.save(update_fields=["status", "decided_at", "decided_by"])
    reports = list(case.reports.select_related("reporter"))
    Report.objects.filter(case=case).update(outcome=outcome)
    message = (
        "Thank you for your report. We reviewed it and removed the content."
        if outcome == Report.Outcome.UPHELD
        else "Thank you for your report. We reviewed it and found no violation."
    )
    for report in reports:
        _notify(report.reporter, message)


def _check_moderator(moderator: User) -> None:
    if not moderator.has_perm("moderation.moderate"):
        raise ModerationError("Only moderators can do this.", status_code=403)


@transaction.atomic
def approve(*, case: Case, moderator: User, note: str = "") -> ModerationAction:
    """Keep the comment (or account): shown again, reports closed as no violation.
    A held comment's approval counts towards its author's trust."""
    _check_moderator(moderator)
    case, comment = _lock_case(case.pk)
    before = _comment_state(comment) if comment else {}
    if comment and comment.status in (Comment.Status.HIDDEN, Comment.Status.PENDING):
        _set_comment_status(comment, Comment.Status.VISIBLE)
    if case.kind == Case.Kind.HELD_COMMENT:
        User.objects.filter(pk=case.subject_id).update(
            approved_comments=F("approved_comments") + 1
        )
    action = _record(
        kind=Kind.APPROVE if comment else Kind.DISMISS,
        moderator=moderator,
        case=case,
        comment=comment,
        subject_id=case.subject_id,
        note=note,
        state_before=before,
        state_after=_comment_state(comment) if comment else {},
    )
    _close(case, moderator, outcome=Report.Outcome.REJECTED)
    return action


@transaction.atomic
def hide(
    *, case: Case, moderator: User, guideline: Guideline, note: str = ""
) -> ModerationAction:
    """Hide the comment from readers for breaking a guideline; it stays on
    record, and its author may appeal."""
    _check_moderator(moderator)
    case, comment = _lock_case(case.pk)
    if comment is None:
        raise ModerationError("Only comments can be hidden.")
    action = _hide(case, comment, moderator, guideline, note)
    _close(case, moderator, outcome=Report.Outcome.UPHELD)
    return action


def _hide(case, comment, moderator, guideline, note) -> ModerationAction:
    before = _comment_state(comment)
    _set_comment_status(comment, Comment.Status.HIDDEN)
    action = _record(
        kind=Kind.HIDE,
        moderator=moderator,
        case=case,
        comment=comment,
        subject_id=comment.author_id,
        guideline=guideline,
        note=note,
        state_before=before,
        state_after=_comment_state(comment),
    )
    _notify(
        comment.author,
        f"Your comment was removed for breaking the guideline “{guideline.title}”. "
        "You can appeal this decision once.",
        url=reverse("moderation:notices"),
        action=action,
    )
    return action


@transaction.atomic
def penalize(
    *,
    case: Case,
    moderator: User,
    step: Step,
    guideline: Guideline,
    note: str = "",
) -> ModerationAction:
    """Warn, suspend or terminate the account in question. On a comment case
    the comment is hidden too. Departing from the suggested rung needs a note."""
    _check_moderator(moderator)
    case, comment = _lock_case(case.pk)
    subject = User.objects.select_for_update().get(pk=case.subject_id)
    suggested = suggest_penalty(subject=subject, guideline=guideline)
    if step != suggested and not note.strip():
        raise ModerationError(
            f"The suggested step is “{suggested.label}”. Add a note that says why "
            "you chose otherwise."
        )
    if step.kind == Kind.SUSPEND and step.duration not in SUSPENSIONS:
        raise ModerationError("Choose a suspension of 1 hour, 24 hours, 7 or 30 days.")
    if comment and comment.status != Comment.Status.HIDDEN:
        _hide(case, comment, moderator, guideline, note)
    action = _apply_penalty(subject, step, moderator, guideline, note, case=case)
    _close(case, moderator, outcome=Report.Outcome.UPHELD)
    return action


def _apply_penalty(subject, step, moderator, guideline, note, *, case=None):
    now = timezone.now()
    before = _account_state(subject)
    ends_at = None
    if step.kind == Kind.SUSPEND:
        ends_at = now + SUSPENSIONS[step.duration]
        # A longer suspension already running is not shortened.
        if not (subject.is_suspended and subject.suspended_until > ends_at):
            subject.status = User.Status.SUSPENDED
            subject.suspended_until = ends_at
    elif step.kind == Kind.TERMINATE:
        subject.status = User.Status.TERMINATED
        # Inactive accounts cannot sign in, and their sessions stop working.
        subject.is_active = False
    subject.save(update_fields=["status", "suspended_until", "is_active"])
    action = _record(
        kind=step.kind,
        moderator=moderator,
        case=case,
        subject=subject,
        guideline=guideline,
        note=note,
        ends_at=ends_at,
        state_before=before,
        state_after=_account_state(subject),
        created_at=now,
    )
    notice = {
        Kind.WARN: "You have received a warning",
        Kind.SUSPEND: "Your account is suspended until "
        f"{timezone.localtime(ends_at):%b %d, %Y, %H:%M %Z}"
        if ends_at
        else "",
        Kind.TERMINATE: "Your account has been terminated",
    }[step.kind]
    _notify(
        subject,
        f"{notice} for breaking the guideline “{guideline.title}”. "
        "You can appeal this decision once.",
        url=reverse("moderation:notices"),
        action=action,
    )
    return action


@transaction.atomic
def add_note(*, subject: User, moderator: User, note: str, case=None):
    """A moderator's note on an account's standing; it decides nothing."""
    _check_moderator(moderator)
    if not note.strip():
        raise ModerationError("Write the note before saving it.")
    return _record(
        kind=Kind.NOTE, moderator=moderator, subject=subject, case=case, note=note
    )


APPEALABLE = (Kind.HIDE, Kind.WARN, Kind.SUSPEND, Kind.TERMINATE)


@transaction.atomic
def file_appeal(*, action: ModerationAction, appellant: User, statement: str) -> Appeal:
    """Appeal a decision once; a different moderator will review it."""
    if action.subject_id != appellant.pk or action.kind not in APPEALABLE:
        raise ModerationError("You cannot appeal this decision.", status_code=403)
    statement = statement.strip()
    if not statement:
        raise ModerationError("Tell us why the decision should be reconsidered.")
    if len(statement) > 2000:
        raise ModerationError("Please keep your appeal under 2,000 characters.")
    now = timezone.now()
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                action=action, appellant=appellant, statement=statement, created_at=now
            )
    except IntegrityError:
        raise ModerationError(
            "You have already appealed this decision.", status_code=409
        ) from None
    Case.objects.create(
        kind=Case.Kind.APPEAL,
        appeal=appeal,
        subject=appellant,
        comment_id=action.comment_id,
        article_id=action.case.article_id if action.case_id else None,
        opened_at=now,
    )
    return appeal


@transaction.atomic
def decide_appeal(
    *, case: Case, moderator: User, grant: bool, note: str = ""
) -> ModerationAction:
    """A different moderator's final word on an appeal. Granting it undoes the
    decision: the comment is shown again, the account restored."""
    _check_moderator(moderator)
    case, comment = _lock_case(case.pk)
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("action")
        .get(pk=case.appeal_id)
    )
    original = appeal.action
    if original.moderator_id == moderator.pk:
        raise ModerationError(
            "Another moderator must decide an appeal against your own decision.",
            status_code=403,
        )
    subject = User.objects.select_for_update().get(pk=appeal.appellant_id)
    before = {**_account_state(subject), **(_comment_state(comment) if comment else {})}
    if grant:
        if original.kind == Kind.HIDE and comment is not None:
            _set_comment_status(comment, Comment.Status.VISIBLE)
        elif original.kind in (Kind.SUSPEND, Kind.TERMINATE):
            subject.status = User.Status.ACTIVE
            subject.suspended_until = None
            subject.is_active = True
            subject.save(update_fields=["status", "suspended_until", "is_active"])
    appeal.status = Appeal.Status.GRANTED if grant else Appeal.Status.DENIED
    appeal.save(update_fields=["status"])
    action = _record(
        kind=Kind.APPEAL_GRANTED if grant else Kind.APPEAL_DENIED,
        moderator=moderator,
        case=case,
        comment=comment,
        subject=subject,
        guideline=original.guideline,
        note=note,
        reverses=original if grant else None,
        state_before=before,
        state_after={
            **_account_state(subject),
            **(_comment_state(comment) if comment else {}),
        },
    )
    case.status = Case.Status.DECIDED
    case.decided_at = timezone.now()
    case.decided_by = moderator
    case.save(update_fields=["status", "decided_at", "decided_by"])
    _notify(
        subject,
        "Your appeal was granted and the decision was reversed."
        if grant
        else "Your appeal was reviewed by another moderator and the decision stands. "
        "This outcome is final.",
        url=reverse("moderation:notices"),
        action=action,
    )
    return action
