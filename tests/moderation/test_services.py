"""Moderation services: reports, decisions, the penalty ladder and appeals."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from comments.models import Comment
from comments.services import CommentError, like_comment, post_comment
from moderation import services
from moderation.models import (
    Appeal,
    Case,
    Guideline,
    ModerationAction,
    Notification,
    Report,
)
from moderation.services import (
    LADDER,
    SUSPENSIONS,
    AlreadyHandled,
    ModerationError,
    Step,
    active_strikes,
    add_note,
    approve,
    decide_appeal,
    file_appeal,
    hide,
    penalize,
    report_comment,
    report_user,
    suggest_penalty,
)
from tests.conftest import role
from tests.factories import PASSWORD, ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ModerationAction.Kind
WARNING, SUSPEND_24H, SUSPEND_7D, TERMINATE = LADDER


def veteran(**kwargs):
    """A reader old enough for their reports to count."""
    return UserFactory(date_joined=timezone.now() - timedelta(days=60), **kwargs)


@pytest.fixture
def spam():
    return Guideline.objects.get(code="spam")


@pytest.fixture
def harassment():
    return Guideline.objects.get(code="harassment")


@pytest.fixture
def second_moderator(db):
    user = UserFactory(
        username="moderator2", display_name="Max Moderator", is_staff=True
    )
    user.groups.add(role("Moderator"))
    return user


@pytest.fixture
def author():
    return veteran(username="author", display_name="Avery Author")


@pytest.fixture
def comment(author):
    return CommentFactory(author=author, body="Buy cheap tyres at my shop.")


def reported(comment, guideline, *, reporters=1) -> Case:
    """Report the comment by some established readers; return its case."""
    for _ in range(reporters):
        report_comment(comment=comment, reporter=veteran(), guideline=guideline)
    return Case.objects.get(
        comment=comment, kind=Case.Kind.REPORTED_COMMENT, status=Case.Status.OPEN
    )


def user_case(subject, guideline) -> Case:
    report_user(user=subject, reporter=veteran(), guideline=guideline)
    return Case.objects.get(
        subject=subject, kind=Case.Kind.REPORTED_USER, status=Case.Status.OPEN
    )


def penalized(subject, step, guideline, moderator) -> ModerationAction:
    """Penalize the account on a new report of it. The note is there because a
    step off the ladder's suggestion needs one."""
    return penalize(
        case=user_case(subject, guideline),
        moderator=moderator,
        step=step,
        guideline=guideline,
        note="Chosen by hand.",
    )


def refresh(obj):
    obj.refresh_from_db()
    return obj


# Reporting -----------------------------------------------------------------


def test_a_report_against_a_guideline_opens_a_case(comment, spam):
    case = reported(comment, spam)
    assert case.is_open
    assert case.report_count == 1
    assert case.report_weight == 1.0
    assert case.subject_id == comment.author_id
    assert case.article_id == comment.article_id


def test_i_disagree_is_recorded_but_never_queued(comment):
    report = report_comment(comment=comment, reporter=veteran(), guideline=None)
    assert report.outcome == Report.Outcome.NOT_QUEUED
    assert report.case is None
    assert report.is_disagreement
    assert not Case.objects.exists()


def test_many_disagreements_never_hide_the_comment(comment):
    for _ in range(6):
        report_comment(comment=comment, reporter=veteran(), guideline=None)
    assert refresh(comment).status == Comment.Status.VISIBLE
    assert not Case.objects.exists()


def test_a_reader_reports_a_comment_only_once(comment, spam, harassment):
    reporter = veteran()
    report_comment(comment=comment, reporter=reporter, guideline=spam)
    with pytest.raises(ModerationError) as refused:
        report_comment(comment=comment, reporter=reporter, guideline=harassment)
    assert refused.value.status_code == 409
    assert Report.objects.filter(reporter=reporter).count() == 1


def test_the_database_refuses_a_second_report_of_one_comment(comment, spam):
    reporter = veteran()
    report_comment(comment=comment, reporter=reporter, guideline=spam)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            reporter=reporter,
            comment=comment,
            guideline=None,
            weight=1,
            created_at=timezone.now(),
        )


def test_a_third_report_within_three_seconds_is_refused(spam):
    reporter = veteran()
    comments = CommentFactory.create_batch(3)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        report_comment(comment=comments[0], reporter=reporter, guideline=spam)
        report_comment(comment=comments[1], reporter=reporter, guideline=spam)
        with pytest.raises(ModerationError) as refused:
            report_comment(comment=comments[2], reporter=reporter, guideline=spam)
        assert refused.value.status_code == 429
        assert "few seconds" in refused.value.message
        traveller.shift(timedelta(seconds=4))
        report_comment(comment=comments[2], reporter=reporter, guideline=spam)
    assert Report.objects.filter(reporter=reporter).count() == 3


def test_a_reader_sends_at_most_twenty_reports_a_day(spam):
    reporter = veteran()
    comments = CommentFactory.create_batch(21)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for comment in comments[:20]:
            report_comment(comment=comment, reporter=reporter, guideline=spam)
            traveller.shift(timedelta(minutes=1))
        with pytest.raises(ModerationError) as refused:
            report_comment(comment=comments[20], reporter=reporter, guideline=spam)
    assert refused.value.status_code == 429
    assert "tomorrow" in refused.value.message


def test_readers_cannot_report_their_own_comment(comment, author, spam):
    with pytest.raises(ModerationError) as refused:
        report_comment(comment=comment, reporter=author, guideline=spam)
    assert refused.value.status_code == 403


def test_report_details_are_capped_at_500_characters(comment, spam):
    with pytest.raises(ModerationError, match="500"):
        report_comment(
            comment=comment, reporter=veteran(), guideline=spam, details="x" * 501
        )
    report = report_comment(
        comment=comment, reporter=veteran(), guideline=spam, details="x" * 500
    )
    assert len(report.details) == 500


def test_a_nul_character_in_details_is_refused_with_a_message(comment, spam):
    with pytest.raises(ModerationError, match="not allowed"):
        report_comment(
            comment=comment, reporter=veteran(), guideline=spam, details="a\x00b"
        )


def test_an_inactive_guideline_cannot_be_chosen(comment, spam):
    spam.active = False
    spam.save()
    with pytest.raises(ModerationError, match="no longer in use"):
        report_comment(comment=comment, reporter=veteran(), guideline=spam)


def test_reports_from_accounts_younger_than_a_day_weigh_nothing(comment, spam):
    report = report_comment(comment=comment, reporter=UserFactory(), guideline=spam)
    assert report.weight == 0
    assert refresh(report.case).report_weight == 0


def test_reporters_whose_reports_were_mostly_rejected_weigh_less(spam):
    reporter = veteran()
    for outcome in ["rejected", "rejected", "rejected", "upheld"]:
        Report.objects.create(
            reporter=reporter,
            comment=CommentFactory(),
            guideline=spam,
            weight=1,
            outcome=outcome,
            created_at=timezone.now() - timedelta(days=2),
        )
    assert services.report_weight(reporter) == 0.5
    assert services.report_weight(veteran()) == 1.0


def test_five_weighted_reports_hide_the_comment_once(comment, spam):
    article = comment.article
    case = reported(comment, spam, reporters=4)
    assert refresh(comment).status == Comment.Status.VISIBLE
    reported(comment, spam, reporters=2)
    assert refresh(comment).status == Comment.Status.HIDDEN
    assert ModerationAction.objects.filter(kind=Kind.AUTO_HIDE).count() == 1
    assert refresh(article).comment_count == 0
    assert refresh(case).is_open
    assert refresh(case).report_count == 6


def test_reports_that_weigh_nothing_do_not_hide(comment, spam):
    for _ in range(6):
        report_comment(comment=comment, reporter=UserFactory(), guideline=spam)
    assert refresh(comment).status == Comment.Status.VISIBLE


def test_a_comment_a_moderator_removed_takes_no_more_reports(comment, spam, moderator):
    hide(case=reported(comment, spam), moderator=moderator, guideline=spam)
    with pytest.raises(ModerationError, match="already removed"):
        report_comment(comment=comment, reporter=veteran(), guideline=spam)


def test_a_reader_can_report_an_account(author, spam):
    case = user_case(author, spam)
    assert case.report_count == 1
    assert case.comment is None


def test_a_second_report_of_an_account_joins_its_open_case(author, spam):
    user_case(author, spam)
    report_user(user=author, reporter=veteran(), guideline=spam)
    assert Case.objects.get(kind=Case.Kind.REPORTED_USER).report_count == 2


def test_readers_cannot_report_themselves(author, spam):
    with pytest.raises(ModerationError) as refused:
        report_user(user=author, reporter=author, guideline=spam)
    assert refused.value.status_code == 403


def test_a_report_of_an_account_needs_a_guideline(author):
    with pytest.raises(ModerationError, match="guideline"):
        report_user(user=author, reporter=veteran(), guideline=None)


# Decisions -----------------------------------------------------------------


def test_approve_shows_the_comment_again_and_closes_the_reports(
    comment, spam, moderator
):
    case = reported(comment, spam, reporters=5)
    assert refresh(comment).status == Comment.Status.HIDDEN
    action = approve(case=case, moderator=moderator, note="Fair criticism.")
    assert refresh(comment).status == Comment.Status.VISIBLE
    assert refresh(comment.article).comment_count == 1
    case = refresh(case)
    assert not case.is_open
    assert case.decided_by == moderator
    assert case.decided_at is not None
    assert action.kind == Kind.APPROVE
    assert action.state_before == {"comment_status": "hidden"}
    assert action.state_after == {"comment_status": "visible"}
    assert set(case.reports.values_list("outcome", flat=True)) == {"rejected"}


def test_reporters_hear_no_violation_when_a_comment_is_kept(comment, spam, moderator):
    case = reported(comment, spam, reporters=2)
    approve(case=case, moderator=moderator)
    notices = Notification.objects.filter(recipient__in=case.reports.values("reporter"))
    assert notices.count() == 2
    assert all("no violation" in n.message for n in notices)


def test_hide_keeps_the_comment_and_its_text(comment, spam, moderator):
    case = reported(comment, spam)
    action = hide(case=case, moderator=moderator, guideline=spam, note="An advert.")
    comment = Comment.objects.get(pk=comment.pk)
    assert comment.status == Comment.Status.HIDDEN
    assert comment.body == "Buy cheap tyres at my shop."
    assert action.kind == Kind.HIDE
    assert action.guideline == spam
    assert action.note == "An advert."
    assert action.moderator == moderator
    assert refresh(comment.article).comment_count == 0


def test_hide_tells_the_reporters_and_the_author(comment, author, spam, moderator):
    case = reported(comment, spam)
    hide(case=case, moderator=moderator, guideline=spam)
    reporter = case.reports.get().reporter
    assert "removed the comment" in Notification.objects.get(recipient=reporter).message
    notice = Notification.objects.get(recipient=author)
    assert spam.title in notice.message
    assert "appeal" in notice.message
    assert case.reports.get().outcome == Report.Outcome.UPHELD


def test_hide_needs_a_guideline(comment, spam, moderator):
    with pytest.raises(ModerationError, match="guideline"):
        hide(case=reported(comment, spam), moderator=moderator, guideline=None)


def test_warn_records_a_strike_and_leaves_the_account_active(
    comment, author, spam, moderator
):
    action = penalize(
        case=reported(comment, spam), moderator=moderator, step=WARNING, guideline=spam
    )
    author = refresh(author)
    assert action.kind == Kind.WARN
    assert author.status == User.Status.ACTIVE
    assert author.can_participate
    assert active_strikes(author) == 1
    # On a comment case the comment goes too, as a decision of its own.
    assert refresh(comment).status == Comment.Status.HIDDEN
    assert ModerationAction.objects.filter(kind=Kind.HIDE, comment=comment).exists()
    warning = Notification.objects.get(recipient=author, action=action)
    assert "warning" in warning.message
    assert spam.title in warning.message


@pytest.mark.parametrize("duration", sorted(SUSPENSIONS))
def test_suspend_lasts_the_chosen_time(comment, author, spam, moderator, duration):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        action = penalize(
            case=reported(comment, spam),
            moderator=moderator,
            step=Step(Kind.SUSPEND, duration),
            guideline=spam,
            note="Chosen by hand.",
        )
    author = refresh(author)
    assert action.kind == Kind.SUSPEND
    assert action.ends_at == now + SUSPENSIONS[duration]
    assert author.status == User.Status.SUSPENDED
    assert author.suspended_until == now + SUSPENSIONS[duration]
    assert action.state_before["status"] == "active"
    assert action.state_after["status"] == "suspended"
    notice = Notification.objects.get(recipient=author, action=action)
    assert "suspended until" in notice.message
    assert spam.title in notice.message


def test_an_unknown_suspension_length_is_refused(comment, spam, moderator):
    with pytest.raises(ModerationError, match="suspension"):
        penalize(
            case=reported(comment, spam),
            moderator=moderator,
            step=Step(Kind.SUSPEND, "2h"),
            guideline=spam,
            note="Two hours.",
        )


def test_terminate_closes_the_account(comment, author, spam, moderator):
    action = penalize(
        case=reported(comment, spam),
        moderator=moderator,
        step=TERMINATE,
        guideline=spam,
        note="A spam bot.",
    )
    author = refresh(author)
    assert action.kind == Kind.TERMINATE
    assert author.is_terminated
    assert not author.is_active
    assert Comment.objects.filter(author=author).exists()


def test_a_terminated_account_cannot_be_penalized_again(
    comment, author, spam, moderator
):
    penalized(author, TERMINATE, spam, moderator)
    with pytest.raises(ModerationError, match="already been terminated"):
        penalize(
            case=reported(comment, spam),
            moderator=moderator,
            step=Step(Kind.SUSPEND, "24h"),
            guideline=spam,
            note="More.",
        )
    assert refresh(author).is_terminated


def test_a_longer_suspension_is_not_shortened(author, spam, moderator):
    penalized(author, Step(Kind.SUSPEND, "30d"), spam, moderator)
    until = refresh(author).suspended_until
    penalized(author, Step(Kind.SUSPEND, "1h"), spam, moderator)
    assert refresh(author).suspended_until == until


def test_add_note_records_a_note_and_decides_nothing(comment, author, spam, moderator):
    case = reported(comment, spam)
    action = add_note(
        subject=author, moderator=moderator, note="Watch this one.", case=case
    )
    assert action.kind == Kind.NOTE
    assert action.subject == author
    assert refresh(case).is_open
    assert active_strikes(author) == 0


def test_an_empty_note_is_refused(author, moderator):
    with pytest.raises(ModerationError, match="Write the note"):
        add_note(subject=author, moderator=moderator, note="   ")


def test_approving_a_reported_account_dismisses_the_case(author, spam, moderator):
    case = user_case(author, spam)
    action = approve(case=case, moderator=moderator)
    assert action.kind == Kind.DISMISS
    assert action.comment is None
    assert not refresh(case).is_open
    assert case.reports.get().outcome == Report.Outcome.REJECTED
    reporter = case.reports.get().reporter
    assert "no violation" in Notification.objects.get(recipient=reporter).message


def test_penalizing_a_reported_account_upholds_its_reports(author, spam, moderator):
    case = user_case(author, spam)
    penalize(case=case, moderator=moderator, step=WARNING, guideline=spam)
    report = case.reports.get()
    assert report.outcome == Report.Outcome.UPHELD
    assert "took action" in Notification.objects.get(recipient=report.reporter).message


def test_hiding_needs_a_comment(author, spam, moderator):
    with pytest.raises(ModerationError, match="Only comments"):
        hide(case=user_case(author, spam), moderator=moderator, guideline=spam)


def test_a_second_decision_on_a_case_is_already_handled(comment, spam, moderator):
    case = reported(comment, spam)
    other = UserFactory(display_name="Other Moderator", is_superuser=True)
    approve(case=case, moderator=moderator)
    with pytest.raises(AlreadyHandled) as refused:
        hide(case=case, moderator=other, guideline=spam)
    assert refused.value.status_code == 409
    assert refused.value.message == "This case was already handled by Mo Moderator."
    assert ModerationAction.objects.filter(case=case).count() == 1


def test_only_moderators_decide(comment, spam, reader, journalist):
    case = reported(comment, spam)
    for user in (reader, journalist):
        with pytest.raises(ModerationError) as refused:
            approve(case=case, moderator=user)
        assert refused.value.status_code == 403
    assert refresh(case).is_open


def test_content_is_never_deleted_whatever_the_decisions(
    comment, author, spam, moderator
):
    penalize(
        case=reported(comment, spam),
        moderator=moderator,
        step=TERMINATE,
        guideline=spam,
        note="Gone.",
    )
    assert Comment.objects.filter(pk=comment.pk, body=comment.body).exists()
    assert User.objects.filter(pk=author.pk).exists()


# The ladder ------------------------------------------------------------------


def strike(subject, guideline, moderator, step=None):
    """Give the account the suggested (or given) penalty on a new case."""
    case = Case.objects.create(
        kind=Case.Kind.REPORTED_USER, subject=subject, opened_at=timezone.now()
    )
    step = step or suggest_penalty(subject=subject, guideline=guideline)
    return penalize(case=case, moderator=moderator, step=step, guideline=guideline)


def test_the_ladder_goes_warning_24h_7d_termination(author, spam, moderator):
    taken = []
    for _ in range(5):
        taken.append(suggest_penalty(subject=author, guideline=spam))
        if taken[-1] == TERMINATE:
            break
        strike(author, spam, moderator)
    assert taken == [WARNING, SUSPEND_24H, SUSPEND_7D, TERMINATE]
    assert [a.kind for a in ModerationAction.objects.order_by("pk")] == [
        "warn",
        "suspend",
        "suspend",
    ]


def test_after_termination_the_suggestion_stays_termination(author, spam):
    now = timezone.now()
    for _ in range(5):
        ModerationAction.objects.create(
            kind=Kind.WARN, subject=author, guideline=spam, created_at=now
        )
    assert suggest_penalty(subject=author, guideline=spam) == TERMINATE


def test_a_serious_guideline_skips_ahead(author, harassment, spam, moderator):
    assert suggest_penalty(subject=author, guideline=harassment) == SUSPEND_7D
    strike(author, spam, moderator)
    assert suggest_penalty(subject=author, guideline=harassment) == TERMINATE


def test_strikes_older_than_six_months_no_longer_count(author, spam, moderator):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        strike(author, spam, moderator)
        traveller.shift(timedelta(days=120))
        assert suggest_penalty(subject=author, guideline=spam) == SUSPEND_24H
        traveller.shift(timedelta(days=61))
        assert active_strikes(author) == 1
        traveller.shift(timedelta(days=3))
        assert active_strikes(author) == 0
        assert suggest_penalty(subject=author, guideline=spam) == WARNING


def test_a_strike_overturned_on_appeal_no_longer_counts(
    author, spam, moderator, second_moderator
):
    action = strike(author, spam, moderator)
    file_appeal(action=action, appellant=author, statement="I was quoting.")
    decide_appeal(
        case=Case.objects.get(kind=Case.Kind.APPEAL),
        moderator=second_moderator,
        grant=True,
    )
    assert active_strikes(author) == 0
    assert suggest_penalty(subject=author, guideline=spam) == WARNING


def test_departing_from_the_suggestion_needs_a_note(comment, spam, moderator):
    case = reported(comment, spam)
    with pytest.raises(ModerationError) as refused:
        penalize(case=case, moderator=moderator, step=SUSPEND_7D, guideline=spam)
    assert "Warning" in refused.value.message
    assert "note" in refused.value.message
    assert refresh(case).is_open
    assert not ModerationAction.objects.filter(case=case).exists()
    action = penalize(
        case=case,
        moderator=moderator,
        step=SUSPEND_7D,
        guideline=spam,
        note="Threatened another reader in the same thread.",
    )
    assert action.kind == Kind.SUSPEND


def test_following_the_suggestion_needs_no_note(comment, spam, moderator):
    action = penalize(
        case=reported(comment, spam), moderator=moderator, step=WARNING, guideline=spam
    )
    assert action.note == ""


# Suspension and termination in effect -------------------------------------------


def test_a_suspended_account_can_read_but_not_take_part_until_the_end(
    client, author, spam, moderator
):
    article = ArticleFactory()
    others = CommentFactory(article=article)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        penalized(author, SUSPEND_24H, spam, moderator)
        author = refresh(author)
        client.force_login(author)
        assert client.get(article.get_absolute_url()).status_code == 200
        with pytest.raises(CommentError, match="suspended until"):
            post_comment(article=article, author=author, body="Hello again.")
        with pytest.raises(CommentError, match="suspended until"):
            post_comment(article=article, author=author, body="Hi.", parent=others)
        with pytest.raises(CommentError):
            like_comment(comment=others, user=author)
        with pytest.raises(ModerationError) as refused:
            report_comment(comment=others, reporter=author, guideline=spam)
        assert refused.value.status_code == 403

        traveller.shift(timedelta(hours=24, seconds=1))
        assert author.can_participate
        post_comment(article=article, author=author, body="Back, and polite.")
        traveller.shift(timedelta(seconds=10))  # past the flood interval
        post_comment(article=article, author=author, body="Agreed.", parent=others)
        like_comment(comment=others, user=author)
        report_comment(comment=others, reporter=author, guideline=spam)


def signs_in(client, username) -> bool:
    """Sign in through the login page, as a person would (django-axes needs the
    request that client.login() does not pass)."""
    client.logout()
    client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    return "_auth_user_id" in client.session


def test_a_terminated_account_cannot_sign_in(client, author, spam, moderator):
    assert signs_in(client, "author")
    penalized(author, TERMINATE, spam, moderator)
    assert not signs_in(client, "author")


def test_termination_ends_an_open_session_at_once(client, author, spam, moderator):
    client.force_login(author)
    page = client.get(reverse("articles:home"))
    assert page.context["user"] == author
    penalized(author, TERMINATE, spam, moderator)
    page = client.get(reverse("articles:home"))
    assert not page.context["user"].is_authenticated


# Appeals -----------------------------------------------------------------------


@pytest.fixture
def hidden(comment, spam, moderator):
    """The moderator's hide of the reported comment."""
    return hide(case=reported(comment, spam), moderator=moderator, guideline=spam)


def appeal_case() -> Case:
    return Case.objects.get(kind=Case.Kind.APPEAL, status=Case.Status.OPEN)


def test_the_author_appeals_a_hide_into_the_queue(hidden, author):
    appeal = file_appeal(action=hidden, appellant=author, statement=" Not spam. ")
    assert appeal.statement == "Not spam."
    assert appeal.status == Appeal.Status.PENDING
    case = appeal_case()
    assert case.appeal == appeal
    assert case.comment_id == hidden.comment_id
    assert case.subject == author


def test_only_the_subject_may_appeal(hidden, reader):
    with pytest.raises(ModerationError) as refused:
        file_appeal(action=hidden, appellant=reader, statement="Unfair.")
    assert refused.value.status_code == 403
    assert not Appeal.objects.exists()


def test_a_decision_is_appealed_only_once(hidden, author):
    file_appeal(action=hidden, appellant=author, statement="Not spam.")
    with pytest.raises(ModerationError) as refused:
        file_appeal(action=hidden, appellant=author, statement="Really not.")
    assert refused.value.status_code == 409
    assert Appeal.objects.count() == 1


def test_an_approval_cannot_be_appealed(comment, author, spam, moderator):
    kept = approve(case=reported(comment, spam), moderator=moderator)
    with pytest.raises(ModerationError):
        file_appeal(action=kept, appellant=author, statement="Why look at it?")


def test_an_appeal_needs_a_statement(hidden, author):
    with pytest.raises(ModerationError, match="why"):
        file_appeal(action=hidden, appellant=author, statement="  ")


def test_the_moderator_who_decided_cannot_decide_the_appeal(hidden, author, moderator):
    file_appeal(action=hidden, appellant=author, statement="Not spam.")
    with pytest.raises(ModerationError) as refused:
        decide_appeal(case=appeal_case(), moderator=moderator, grant=True)
    assert refused.value.status_code == 403
    assert appeal_case().is_open


def test_moderators_cannot_decide_their_own_appeal(
    comment, spam, moderator, second_moderator
):
    own = CommentFactory(author=second_moderator)
    hidden = hide(case=reported(own, spam), moderator=moderator, guideline=spam)
    file_appeal(action=hidden, appellant=second_moderator, statement="Satire.")
    with pytest.raises(ModerationError, match="your own appeal"):
        decide_appeal(case=appeal_case(), moderator=second_moderator, grant=True)
    assert appeal_case().is_open


def test_an_appeal_is_decided_only_through_decide_appeal(hidden, author, moderator):
    file_appeal(action=hidden, appellant=author, statement="Not spam.")
    with pytest.raises(ModerationError, match="granting or denying"):
        approve(case=appeal_case(), moderator=moderator)


def test_granting_an_appeal_shows_the_hidden_comment_again(
    hidden, comment, author, second_moderator
):
    file_appeal(action=hidden, appellant=author, statement="Not spam.")
    action = decide_appeal(
        case=appeal_case(), moderator=second_moderator, grant=True, note="Fair."
    )
    assert action.kind == Kind.APPEAL_GRANTED
    assert action.reverses == hidden
    assert refresh(comment).status == Comment.Status.VISIBLE
    assert refresh(comment.article).comment_count == 1
    assert Appeal.objects.get().status == Appeal.Status.GRANTED
    notice = Notification.objects.get(recipient=author, action=action)
    assert "granted" in notice.message


def test_denying_an_appeal_keeps_the_decision(
    hidden, comment, author, second_moderator
):
    file_appeal(action=hidden, appellant=author, statement="Not spam.")
    action = decide_appeal(case=appeal_case(), moderator=second_moderator, grant=False)
    assert action.kind == Kind.APPEAL_DENIED
    assert action.reverses is None
    assert refresh(comment).status == Comment.Status.HIDDEN
    assert Appeal.objects.get().status == Appeal.Status.DENIED
    notice = Notification.objects.get(recipient=author, action=action)
    assert "final" in notice.message


def test_an_appeal_is_decided_once(hidden, author, second_moderator, moderator):
    file_appeal(action=hidden, appellant=author, statement="Not spam.")
    case = appeal_case()
    decide_appeal(case=case, moderator=second_moderator, grant=False)
    third = UserFactory(display_name="Third Moderator", is_superuser=True)
    with pytest.raises(AlreadyHandled, match="Max Moderator"):
        decide_appeal(case=case, moderator=third, grant=True)


def test_granting_an_appeal_lifts_a_suspension(
    author, spam, moderator, second_moderator
):
    suspension = penalized(author, SUSPEND_7D, spam, moderator)
    assert not refresh(author).can_participate
    file_appeal(action=suspension, appellant=author, statement="First time.")
    decide_appeal(case=appeal_case(), moderator=second_moderator, grant=True)
    author = refresh(author)
    assert author.status == User.Status.ACTIVE
    assert author.suspended_until is None
    assert author.can_participate


def test_granting_an_appeal_restores_a_terminated_account(
    client, author, spam, moderator, second_moderator
):
    termination = penalized(author, TERMINATE, spam, moderator)
    # A terminated account cannot sign in; its appeal is taken on its behalf.
    file_appeal(action=termination, appellant=author, statement="Hacked account.")
    decide_appeal(case=appeal_case(), moderator=second_moderator, grant=True)
    author = refresh(author)
    assert author.is_active
    assert not author.is_terminated
    assert signs_in(client, "author")


def test_denying_an_appeal_keeps_the_suspension(
    author, spam, moderator, second_moderator
):
    suspension = penalized(author, SUSPEND_7D, spam, moderator)
    file_appeal(action=suspension, appellant=author, statement="First time.")
    decide_appeal(case=appeal_case(), moderator=second_moderator, grant=False)
    assert refresh(author).is_suspended


def test_granting_an_old_suspension_does_not_lift_a_later_termination(
    author, spam, moderator, second_moderator
):
    suspension = penalized(author, SUSPEND_24H, spam, moderator)
    penalized(author, TERMINATE, spam, moderator)
    file_appeal(action=suspension, appellant=author, statement="That one was wrong.")
    decide_appeal(case=appeal_case(), moderator=second_moderator, grant=True)
    author = refresh(author)
    assert author.is_terminated
    assert not author.is_active
