"""Moderation writes. Each decision locks what it changes and appends its row to
the record in the same transaction; limits hold in PostgreSQL under concurrency.

Lock order, everywhere: accounts (by primary key), then comments, then cases,
then articles. Decisions lock the account in question first, because posting a
comment locks its author and then updates the article's count.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import User, format_moment
from articles.models import Article
from autoblog.errors import Refused
from comments.models import Comment

from .models import (
    Appeal,
    Case,
    Guideline,
    ModerationAction,
    Notification,
    Report,
    WatchWord,
)

Kind = ModerationAction.Kind

HIDE_AT_WEIGHT = 5.0
NEW_ACCOUNT_AGE = timedelta(hours=24)
REPORT_BURST = (2, timedelta(seconds=3))
REPORT_DAILY = (20, timedelta(days=1))
STRIKE_LIFETIME = timedelta(days=182)
PREMODERATE_UNTIL_APPROVED = 2
MAX_LINKS = 1
MAX_DETAILS = 500
MAX_NOTE = 2000
SUSPENSIONS = {
    "1h": timedelta(hours=1),
    "24h": timedelta(hours=24),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
}


class ModerationError(Refused):
    """A refused report, decision or appeal."""


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


LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

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
    # The latest fifty decided reports: a reader's judgement may improve.
    outcomes = list(
        Report.objects.filter(
            reporter=reporter,
            outcome__in=[Report.Outcome.UPHELD, Report.Outcome.REJECTED],
        )
        .order_by("-created_at")
        .values_list("outcome", flat=True)[:50]
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
    if author.is_staff:
        return None
    if author.approved_comments < PREMODERATE_UNTIL_APPROVED:
        return "New accounts are reviewed until two of their comments are approved."
    # One pattern per link, so that "https://www.example.com" counts once.
    if len(LINK.findall(body)) > MAX_LINKS:
        return "Comments with several links are reviewed before they appear."
    # The watch list is short and staff type it as they like: any case, and
    # phrases as well as single words.
    watched = [w.strip() for w in WatchWord.objects.values_list("word", flat=True)]
    watched = [re.escape(w) for w in watched if w]
    if watched and re.search(
        rf"(?<!\w)(?:{'|'.join(watched)})(?!\w)", body, re.IGNORECASE
    ):
        return "This comment contains a word that is reviewed before it appears."
    return None


# Writes --------------------------------------------------------------------


def _clean_text(text: str, *, limit: int, what: str) -> str:
    """Refuse what PostgreSQL would refuse with an error page instead."""
    if "\x00" in text:
        raise ModerationError(f"Your {what} contains a character that is not allowed.")
    text = text.strip()
    if len(text) > limit:
        raise ModerationError(
            f"Please keep your {what} under {limit:,} characters; it has {len(text):,}."
        )
    return text


def _record(**fields) -> ModerationAction:
    fields.setdefault("created_at", timezone.now())
    return ModerationAction.objects.create(**fields)


def _notify(recipient_id: int, message: str, *, url="", action=None) -> None:
    Notification.objects.create(
        recipient_id=recipient_id,
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


def _check_guideline(guideline: Guideline | None) -> None:
    if guideline is not None and not guideline.active:
        raise ModerationError(
            "That guideline is no longer in use. Choose one of the listed reasons."
        )


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
    details = _clean_text(details, limit=MAX_DETAILS, what="details")
    _check_guideline(guideline)
    reporter = User.objects.select_for_update().get(pk=reporter.pk)
    _check_can_report(reporter)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id == reporter.pk:
        raise ModerationError("You cannot report your own comment.", status_code=403)
    if comment.status not in (Comment.Status.VISIBLE, Comment.Status.HIDDEN):
        raise ModerationError("This comment is no longer shown.", status_code=409)
    case = (
        Case.objects.select_for_update()
        .filter(
            kind=Case.Kind.REPORTED_COMMENT, comment=comment, status=Case.Status.OPEN
        )
        .first()
    )
    # A hidden comment takes more reports only while it waits for review; once
    # a moderator removed it there is nothing left to report.
    if comment.status == Comment.Status.HIDDEN and case is None:
        raise ModerationError(
            "A moderator has already removed this comment.", status_code=409
        )
    if Report.objects.filter(reporter=reporter, comment=comment).exists():
        raise ModerationError(
            "You have already reported this comment. Thank you.", status_code=409
        )
    now = timezone.now()
    report = Report(
        reporter=reporter,
        comment=comment,
        guideline=guideline,
        details=details,
        weight=report_weight(reporter),
        created_at=now,
    )
    if guideline is None:
        report.outcome = Report.Outcome.NOT_QUEUED
        report.save()
        return report
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
    if guideline is None:
        raise ModerationError("Choose the guideline this account breaks.")
    _check_guideline(guideline)
    details = _clean_text(details, limit=MAX_DETAILS, what="details")
    if user.pk == reporter.pk:
        raise ModerationError("You cannot report yourself.", status_code=403)
    # Both accounts, in key order: the reported one's lock keeps two readers
    # from opening two cases at once, and the order keeps two readers who
    # report each other from deadlocking.
    locked = {
        u.pk: u
        for u in User.objects.select_for_update()
        .filter(pk__in=[reporter.pk, user.pk])
        .order_by("pk")
    }
    reporter = locked[reporter.pk]
    _check_can_report(reporter)
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
        details=details,
        weight=report_weight(reporter),
        case=case,
        created_at=now,
    )
    case.report_weight += report.weight
    case.report_count += 1
    case.save(update_fields=["report_weight", "report_count"])
    return report


def _lock_case(
    case_id: int, *, appeal: bool = False
) -> tuple[Case, Comment | None, User]:
    """Lock the account in question, the comment and the case, in that order,
    and refuse a case that another moderator closed meanwhile."""
    # Subject and comment never change, so the unlocked read is safe for them.
    case = Case.objects.get(pk=case_id)
    subject = User.objects.select_for_update().get(pk=case.subject_id)
    comment = (
        Comment.objects.select_for_update().get(pk=case.comment_id)
        if case.comment_id
        else None
    )
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join.
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("decided_by")
        .get(pk=case_id)
    )
    if not case.is_open:
        who = case.decided_by.display_name if case.decided_by else "someone else"
        raise AlreadyHandled(f"This case was already handled by {who}.")
    if appeal != (case.kind == Case.Kind.APPEAL):
        raise ModerationError(
            "Decide an appeal by granting or denying it."
            if case.kind == Case.Kind.APPEAL
            else "This case is not an appeal."
        )
    return case, comment, subject


def _close(case: Case, moderator: User, *, outcome: str) -> None:
    case.status = Case.Status.DECIDED
    case.decided_at = timezone.now()
    case.decided_by = moderator
    case.save(update_fields=["status", "decided_at", "decided_by"])
    reporter_ids = list(
        Report.objects.filter(case=case, outcome=Report.Outcome.PENDING).values_list(
            "reporter_id", flat=True
        )
    )
    if not reporter_ids:
        return
    Report.objects.filter(case=case).update(outcome=outcome)
    what = "comment" if case.kind == Case.Kind.REPORTED_COMMENT else "account"
    if outcome == Report.Outcome.UPHELD:
        verdict = (
            "removed the comment"
            if what == "comment"
            else "took action against the account"
        )
        message = f"Your report of a {what} was reviewed: we {verdict}. Thank you."
    else:
        message = (
            f"Your report of a {what} was reviewed: we found no violation of the "
            "Community Guidelines. Thank you for telling us."
        )
    url = reverse("moderation:notices")
    now = timezone.now()
    # One insert for all reporters: a much-reported comment has dozens.
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, message=message, url=url, created_at=now)
        for pk in reporter_ids
    )


def _check_reason(guideline: Guideline | None) -> None:
    if guideline is None:
        raise ModerationError("Choose the guideline that was broken.")


def _check_moderator(moderator: User) -> None:
    if not moderator.has_perm("moderation.moderate"):
        raise ModerationError("Only moderators can do this.", status_code=403)


@transaction.atomic
def approve(*, case: Case, moderator: User, note: str = "") -> ModerationAction:
    """Keep the comment (or account): shown again, reports closed as no violation.
    A held comment's approval counts towards its author's trust."""
    _check_moderator(moderator)
    note = _clean_text(note, limit=MAX_NOTE, what="note")
    case, comment, subject = _lock_case(case.pk)
    before = _comment_state(comment) if comment else {}
    if comment and comment.status in (Comment.Status.HIDDEN, Comment.Status.PENDING):
        _set_comment_status(comment, Comment.Status.VISIBLE)
    # Trust is earned by comments that go up: not by one its author withdrew.
    if case.kind == Case.Kind.HELD_COMMENT and comment.status == Comment.Status.VISIBLE:
        User.objects.filter(pk=subject.pk).update(
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
    note = _clean_text(note, limit=MAX_NOTE, what="note")
    _check_reason(guideline)
    case, comment, _subject = _lock_case(case.pk)
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
        comment.author_id,
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
    note = _clean_text(note, limit=MAX_NOTE, what="note")
    _check_reason(guideline)
    if step.kind not in ModerationAction.PENALTIES:
        raise ModerationError("Choose a warning, a suspension or termination.")
    case, comment, subject = _lock_case(case.pk)
    if subject.is_terminated:
        raise ModerationError(
            "This account has already been terminated. Hide the comment or approve "
            "it instead.",
            status_code=409,
        )
    suggested = suggest_penalty(subject=subject, guideline=guideline)
    if step != suggested and not note.strip():
        raise ModerationError(
            f"The suggested step is “{suggested.label}”. Add a note that says why "
            "you chose otherwise."
        )
    if step.kind == Kind.SUSPEND and step.duration not in SUSPENSIONS:
        raise ModerationError("Choose a suspension of 1 hour, 24 hours, 7 or 30 days.")
    # Also when the reports already hid it: that automatic hide was no
    # decision, and the author may appeal the moderator's.
    if comment is not None:
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
        Kind.SUSPEND: f"Your account is suspended until {format_moment(ends_at)}"
        if ends_at
        else "",
        Kind.TERMINATE: "Your account has been terminated",
    }[step.kind]
    _notify(
        subject.pk,
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
    note = _clean_text(note, limit=MAX_NOTE, what="note")
    if not note:
        raise ModerationError("Write the note before saving it.")
    return _record(
        kind=Kind.NOTE, moderator=moderator, subject=subject, case=case, note=note
    )


def _reverse(original: ModerationAction, *, subject: User, comment) -> None:
    """Undo what the overturned decision still holds in place, and no more: an
    author's own deletion, or a later, longer penalty, stays."""
    if original.kind == Kind.HIDE:
        if comment is not None and comment.status == Comment.Status.HIDDEN:
            _set_comment_status(comment, Comment.Status.VISIBLE)
        return
    if original.kind == Kind.SUSPEND:
        lifted = (
            subject.status == User.Status.SUSPENDED
            and subject.suspended_until == original.ends_at
        )
    else:
        lifted = original.kind == Kind.TERMINATE and subject.is_terminated
    if lifted:
        subject.status = User.Status.ACTIVE
        subject.suspended_until = None
        subject.is_active = True
        subject.save(update_fields=["status", "suspended_until", "is_active"])


APPEALABLE = (Kind.HIDE, Kind.WARN, Kind.SUSPEND, Kind.TERMINATE)


@transaction.atomic
def file_appeal(*, action: ModerationAction, appellant: User, statement: str) -> Appeal:
    """Appeal a decision once; a different moderator will review it."""
    if action.subject_id != appellant.pk or action.kind not in APPEALABLE:
        raise ModerationError("You cannot appeal this decision.", status_code=403)
    statement = _clean_text(statement, limit=MAX_NOTE, what="appeal")
    if not statement:
        raise ModerationError("Tell us why the decision should be reconsidered.")
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
    note = _clean_text(note, limit=MAX_NOTE, what="note")
    case, comment, subject = _lock_case(case.pk, appeal=True)
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
    if appeal.appellant_id == moderator.pk:
        raise ModerationError(
            "Another moderator must decide your own appeal.", status_code=403
        )
    before = {**_account_state(subject), **(_comment_state(comment) if comment else {})}
    if grant:
        _reverse(original, subject=subject, comment=comment)
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
        subject.pk,
        "Your appeal was granted and the decision was reversed."
        if grant
        else "Your appeal was reviewed by another moderator and the decision stands. "
        "This outcome is final.",
        url=reverse("moderation:notices"),
        action=action,
    )
    return action
