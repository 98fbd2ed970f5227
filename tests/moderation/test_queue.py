"""The moderators' queue and case pages: tabs, order, filters, every decision
through its view, bulk decisions, and the queue's fixed cost."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench.queue import open_cases
from comments.models import Comment
from comments.services import post_comment
from moderation import selectors, services
from moderation.models import Case, Guideline, ModerationAction
from moderation.views.queue import bulk_message
from tests.conftest import role
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ModerationAction.Kind
QUEUE = reverse("moderation:queue")
BULK = reverse("moderation:bulk")


def veteran(**kwargs):
    """A reader old enough for their reports to count fully."""
    return UserFactory(date_joined=timezone.now() - timedelta(days=60), **kwargs)


def report(comment, guideline, *, times=1, details=""):
    """Reports by that many different readers; returns the open case."""
    for _ in range(times):
        services.report_comment(
            comment=comment, reporter=veteran(), guideline=guideline, details=details
        )
    return Case.objects.get(
        kind=Case.Kind.REPORTED_COMMENT, comment=comment, status=Case.Status.OPEN
    )


def opened(case, ago: timedelta):
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - ago)
    case.refresh_from_db()
    return case


def case_url(case, **params):
    url = reverse("moderation:case", args=[case.pk])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def act_url(case):
    return reverse("moderation:act", args=[case.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def listed_ids(response):
    return [case.pk for case in response.context["queue"].cases]


@pytest.fixture
def spam():
    return Guideline.objects.get(code="spam")


@pytest.fixture
def off_topic():
    return Guideline.objects.get(code="off-topic")


@pytest.fixture
def harassment():
    return Guideline.objects.get(code="harassment")


@pytest.fixture
def article():
    return ArticleFactory(headline="The new hatchback, driven")


@pytest.fixture
def author():
    return veteran(username="author", display_name="Avery Author")


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def second_moderator(db):
    user = UserFactory(username="moderator2", display_name="Max Moderator")
    user.groups.add(role("Moderator"))
    return user


@pytest.fixture
def reported_case(article, author, spam):
    comment = CommentFactory(
        article=article, author=author, body="Buy cheap tyres at my shop."
    )
    return report(comment, spam, times=2, details="Advert for a tyre shop.")


# The queue page -------------------------------------------------------------


def test_reported_comments_are_ordered_by_weight_then_oldest_first(
    mod_client, article, spam
):
    light_old = opened(report(CommentFactory(article=article), spam), timedelta(days=2))
    heavy = opened(
        report(CommentFactory(article=article), spam, times=3), timedelta(hours=1)
    )
    light_new = opened(
        report(CommentFactory(article=article), spam), timedelta(minutes=5)
    )
    response = mod_client.get(QUEUE)
    assert response.status_code == 200
    assert listed_ids(response) == [heavy.pk, light_old.pk, light_new.pk]


def test_each_tab_lists_its_own_kind_with_counts(
    mod_client, moderator, second_moderator, article, author, spam
):
    reported = report(CommentFactory(article=article), spam)
    held = services.hold_comment(
        comment=CommentFactory(article=article, status=Comment.Status.PENDING),
        reason="New accounts are reviewed.",
    )
    user_case = services.report_user(user=author, reporter=veteran(), guideline=spam)
    decided = report(CommentFactory(article=article), spam)
    hidden = services.hide(case=decided, moderator=second_moderator, guideline=spam)
    appeal = services.file_appeal(
        action=hidden, appellant=decided.subject, statement="It was a joke."
    )
    appeal_case = Case.objects.get(appeal=appeal)

    expected = {
        "comment": [reported.pk],
        "held": [held.pk],
        "user": [user_case.case_id],
        "appeal": [appeal_case.pk],
        "decided": [decided.pk],
    }
    for tab, ids in expected.items():
        response = mod_client.get(QUEUE, {"tab": tab})
        assert response.status_code == 200
        assert listed_ids(response) == ids
        assert response.context["queue"].counts == {
            "comment": 1,
            "held": 1,
            "user": 1,
            "appeal": 1,
            "decided": 1,
        }
    page = mod_client.get(QUEUE).content.decode()
    assert "Reported comments" in page
    assert "Recently decided" in page


def test_appeals_against_my_own_decisions_are_left_to_other_moderators(
    client, moderator, second_moderator, article, spam
):
    case = report(CommentFactory(article=article), spam)
    hidden = services.hide(case=case, moderator=moderator, guideline=spam)
    services.file_appeal(action=hidden, appellant=case.subject, statement="Unfair.")

    client.force_login(moderator)
    mine = client.get(QUEUE, {"tab": "appeal"})
    assert listed_ids(mine) == []
    assert mine.context["queue"].counts["appeal"] == 0

    client.force_login(second_moderator)
    theirs = client.get(QUEUE, {"tab": "appeal"})
    assert len(listed_ids(theirs)) == 1
    assert theirs.context["queue"].counts["appeal"] == 1


def test_recently_decided_lists_newest_decisions_first(mod_client, moderator, spam):
    first = report(CommentFactory(), spam)
    second = report(CommentFactory(), spam)
    services.approve(case=first, moderator=moderator)
    services.hide(case=second, moderator=moderator, guideline=spam)
    response = mod_client.get(QUEUE, {"tab": "decided"})
    assert listed_ids(response) == [second.pk, first.pk]
    assert [case.decision_label for case in response.context["queue"].cases] == [
        "Hidden",
        "Approved",
    ]


def test_filter_by_article_keeps_only_its_cases(mod_client, article, spam):
    other_article = ArticleFactory(headline="Electric vans compared")
    mine = report(CommentFactory(article=article), spam)
    report(CommentFactory(article=other_article), spam)
    response = mod_client.get(QUEUE, {"article": article.pk})
    assert listed_ids(response) == [mine.pk]
    assert response.context["queue"].counts["comment"] == 1
    options = dict(response.context["queue"].articles)
    assert options == {
        article.pk: "The new hatchback, driven",
        other_article.pk: "Electric vans compared",
    }


def test_filter_by_reason_keeps_cases_reported_for_it(
    mod_client, article, spam, off_topic
):
    spammy = report(CommentFactory(article=article), spam)
    report(CommentFactory(article=article), off_topic)
    response = mod_client.get(QUEUE, {"reason": spam.pk})
    assert listed_ids(response) == [spammy.pk]


def test_unreadable_filter_is_refused_with_a_message(mod_client):
    for params in ({"tab": "nonsense"}, {"article": "abc"}, {"page": "x"}):
        response = mod_client.get(QUEUE, params)
        assert response.status_code == 400
        assert b"could not be completed" in response.content


def test_queue_is_paginated_by_25(mod_client, article, spam):
    for _ in range(27):
        report(CommentFactory(article=article), spam)
    first = mod_client.get(QUEUE)
    assert len(listed_ids(first)) == 25
    second = mod_client.get(QUEUE, {"page": 2})
    assert len(listed_ids(second)) == 2
    assert 'rel="next"' in first.content.decode()


def test_each_row_shows_excerpt_author_article_weight_and_reasons(
    mod_client, reported_case, off_topic
):
    services.report_comment(
        comment=reported_case.comment, reporter=veteran(), guideline=off_topic
    )
    page = mod_client.get(QUEUE).content.decode()
    assert "Buy cheap tyres at my shop." in page
    assert "Avery Author" in page
    assert "The new hatchback, driven" in page
    assert "3 reports" in page
    assert "Spam or advertising" in page
    assert "Off-topic" in page
    assert f'name="cases" value="{reported_case.pk}"' in page


# The case page --------------------------------------------------------------


def test_case_page_shows_the_comment_in_context_and_the_reports(
    mod_client, article, author, spam
):
    parent = CommentFactory(article=article, body="Which tyres do you recommend?")
    reply = CommentFactory(
        article=article, author=author, parent=parent, body="Mine, from my shop."
    )
    case = report(reply, spam, details="Self-promotion again.")
    page = mod_client.get(case_url(case)).content.decode()
    assert "Which tyres do you recommend?" in page
    assert "Mine, from my shop." in page
    assert article.get_absolute_url() in page
    assert "Spam or advertising" in page
    assert "Self-promotion again." in page


def test_case_page_shows_the_authors_standing_and_suggested_step(
    mod_client, moderator, article, author, spam
):
    earlier = report(CommentFactory(article=article, author=author), spam)
    services.penalize(
        case=earlier, moderator=moderator, step=services.LADDER[0], guideline=spam
    )
    services.add_note(subject=author, moderator=moderator, note="Keeps posting ads.")
    case = report(CommentFactory(article=article, author=author), spam)
    response = mod_client.get(case_url(case))
    detail = response.context["detail"]
    assert detail.strikes == 1
    assert detail.suggestion == services.Step(Kind.SUSPEND, "24h")
    page = response.content.decode()
    assert "1 active strike" in page
    assert "Keeps posting ads." in page
    assert "Suspend for 24h" in page
    assert 'value="suspend" id="penalty-suspend" checked' in page


def test_user_case_shows_the_account_and_its_latest_comments(mod_client, author, spam):
    for number in range(12):
        CommentFactory(author=author, body=f"Comment {number} of the author.")
    report_row = services.report_user(user=author, reporter=veteran(), guideline=spam)
    response = mod_client.get(case_url(report_row.case))
    assert len(response.context["detail"].recent_comments) == 10
    page = response.content.decode()
    assert "Comment 11 of the author." in page
    assert "Dismiss: no violation" in page


def test_appeal_case_shows_the_decision_and_the_statement(
    client, moderator, second_moderator, reported_case, spam
):
    hidden = services.hide(
        case=reported_case, moderator=moderator, guideline=spam, note="An advert."
    )
    appeal = services.file_appeal(
        action=hidden, appellant=reported_case.subject, statement="I was helping."
    )
    case = Case.objects.get(appeal=appeal)
    client.force_login(second_moderator)
    page = client.get(case_url(case)).content.decode()
    assert "I was helping." in page
    assert "An advert." in page
    assert "Grant: reverse the decision" in page

    client.force_login(moderator)
    own = client.get(case_url(case)).content.decode()
    assert "another moderator must decide it" in own
    assert "Grant: reverse the decision" not in own


def test_case_page_links_previous_and_next_case_without_javascript(
    mod_client, article, spam
):
    heavy = report(CommentFactory(article=article), spam, times=3)
    middle = report(CommentFactory(article=article), spam, times=2)
    light = report(CommentFactory(article=article), spam)
    page = mod_client.get(case_url(middle)).content.decode()
    assert f'rel="prev" href="/moderation/case/{heavy.pk}/?tab=comment"' in page
    assert f'rel="next" href="/moderation/case/{light.pk}/?tab=comment"' in page
    assert "js/moderation-queue.js" in page


def test_unknown_case_is_404(mod_client):
    assert mod_client.get("/moderation/case/999999/").status_code == 404


# Decisions ------------------------------------------------------------------


def test_approve_keeps_the_comment_and_moves_to_the_next_case(
    mod_client, article, spam
):
    first = report(CommentFactory(article=article), spam, times=5)
    following = report(CommentFactory(article=article), spam)
    # Five readers' reports hid it until a moderator looks.
    assert first.comment.status == Comment.Status.HIDDEN

    response = mod_client.post(act_url(first), {"action": "approve", "tab": "comment"})
    assert response.status_code == 302
    assert response.url == case_url(following, tab="comment")
    first.refresh_from_db()
    first.comment.refresh_from_db()
    assert first.status == Case.Status.DECIDED
    assert first.comment.status == Comment.Status.VISIBLE
    assert set(first.reports.values_list("outcome", flat=True)) == {"rejected"}
    assert messages_of(response) == [
        f"{first.subject.display_name}'s comment was approved; its reports were closed."
    ]


def test_hide_records_the_guideline_and_note(mod_client, reported_case, spam):
    response = mod_client.post(
        act_url(reported_case),
        {"action": "hide", "guideline": spam.pk, "note": "A plain advert."},
    )
    assert response.status_code == 302
    # Nothing else is open: back to the list.
    assert response.url == f"{QUEUE}?tab=comment"
    reported_case.comment.refresh_from_db()
    assert reported_case.comment.status == Comment.Status.HIDDEN
    action = ModerationAction.objects.get(kind=Kind.HIDE)
    assert (action.guideline, action.note) == (spam, "A plain advert.")
    assert messages_of(response) == [
        "Avery Author's comment was hidden for breaking “Spam or advertising”."
    ]


def test_suspend_with_the_suggested_step_suspends_the_author(
    mod_client, moderator, reported_case, author, spam
):
    services.penalize(
        case=report(CommentFactory(author=author), spam),
        moderator=moderator,
        step=services.LADDER[0],
        guideline=spam,
    )
    response = mod_client.post(
        act_url(reported_case),
        {"action": "suspend", "duration": "24h", "guideline": spam.pk},
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.is_suspended
    assert ModerationAction.objects.filter(kind=Kind.SUSPEND, subject=author).exists()
    assert messages_of(response) == [
        "Avery Author was suspended for 24 hours for breaking “Spam or advertising”."
    ]


def test_departing_from_the_suggestion_needs_a_note(mod_client, reported_case, spam):
    refused = mod_client.post(
        act_url(reported_case),
        {"action": "suspend", "duration": "7d", "guideline": spam.pk},
    )
    assert refused.status_code == 400
    assert "The suggested step is “Warning”." in refused.content.decode()
    assert not ModerationAction.objects.filter(kind=Kind.SUSPEND).exists()

    accepted = mod_client.post(
        act_url(reported_case),
        {
            "action": "suspend",
            "duration": "7d",
            "guideline": spam.pk,
            "note": "Third shop advert this week.",
        },
    )
    assert accepted.status_code == 302
    action = ModerationAction.objects.get(kind=Kind.SUSPEND)
    assert action.note == "Third shop advert this week."
    assert action.ends_at - action.created_at == timedelta(days=7)


def test_warn_and_terminate_go_through_the_services(
    mod_client, article, author, harassment
):
    warned = report(CommentFactory(article=article, author=author), harassment)
    terminated = report(CommentFactory(article=article, author=author), harassment)
    # Harassment is serious: two rungs up from a clean record is a 7 d suspension.
    assert (
        mod_client.post(
            act_url(warned),
            {"action": "warn", "guideline": harassment.pk, "note": "First time."},
        ).status_code
        == 302
    )
    response = mod_client.post(
        act_url(terminated),
        {"action": "terminate", "guideline": harassment.pk, "note": "Threats."},
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.is_terminated
    assert not author.is_active
    assert list(
        ModerationAction.objects.filter(subject=author)
        .filter(kind__in=[Kind.WARN, Kind.TERMINATE])
        .order_by("pk")
        .values_list("kind", flat=True)
    ) == [Kind.WARN, Kind.TERMINATE]


def test_dismissing_a_user_case_records_no_violation(mod_client, author, spam):
    case = services.report_user(user=author, reporter=veteran(), guideline=spam).case
    response = mod_client.post(act_url(case), {"action": "dismiss", "tab": "user"})
    assert response.status_code == 302
    assert ModerationAction.objects.get(case=case).kind == Kind.DISMISS
    assert messages_of(response) == [
        "The reports about Avery Author were closed: no violation."
    ]


def test_suspending_from_a_user_case(mod_client, author, spam):
    case = services.report_user(user=author, reporter=veteran(), guideline=spam).case
    response = mod_client.post(
        act_url(case),
        {"action": "suspend", "duration": "1h", "guideline": spam.pk, "note": "Spam."},
    )
    assert response.status_code == 302
    author.refresh_from_db()
    assert author.is_suspended


@pytest.mark.parametrize("grant", [True, False])
def test_appeals_are_granted_or_denied_by_another_moderator(
    client, moderator, second_moderator, reported_case, spam, grant
):
    hidden = services.hide(case=reported_case, moderator=moderator, guideline=spam)
    appeal = services.file_appeal(
        action=hidden, appellant=reported_case.subject, statement="Please look again."
    )
    case = Case.objects.get(appeal=appeal)

    client.force_login(moderator)
    own = client.post(act_url(case), {"action": "grant" if grant else "deny"})
    assert own.status_code == 403
    assert "Another moderator must decide" in own.content.decode()

    client.force_login(second_moderator)
    response = client.post(act_url(case), {"action": "grant" if grant else "deny"})
    assert response.status_code == 302
    reported_case.comment.refresh_from_db()
    expected = Comment.Status.VISIBLE if grant else Comment.Status.HIDDEN
    assert reported_case.comment.status == expected
    kind = Kind.APPEAL_GRANTED if grant else Kind.APPEAL_DENIED
    assert ModerationAction.objects.filter(case=case, kind=kind).count() == 1


def test_second_moderator_is_told_who_already_handled_the_case(
    client, moderator, second_moderator, reported_case, spam
):
    client.force_login(moderator)
    first = client.post(
        act_url(reported_case), {"action": "hide", "guideline": spam.pk}
    )
    assert first.status_code == 302

    # Another browser: the first moderator's messages are theirs.
    other = Client()
    other.force_login(second_moderator)
    second = other.post(act_url(reported_case), {"action": "approve", "tab": "comment"})
    assert second.status_code == 302
    assert second.url == case_url(reported_case, tab="comment")
    assert messages_of(second) == ["This case was already handled by Mo Moderator."]
    decisions = ModerationAction.objects.filter(case=reported_case).exclude(
        moderator=None
    )
    assert list(decisions.values_list("kind", flat=True)) == [Kind.HIDE]
    reported_case.comment.refresh_from_db()
    assert reported_case.comment.status == Comment.Status.HIDDEN


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "explode"}, "That action does not exist."),
        ({}, "Choose an action."),
        ({"action": "hide", "note": "My careful note."}, "Choose the guideline"),
        ({"action": "hide", "guideline": "abc"}, "Choose one of the guidelines"),
        ({"action": "suspend", "guideline": "SPAM"}, "Choose how long"),
        (
            {"action": "suspend", "guideline": "SPAM", "duration": "99y"},
            "Choose a suspension of 1 hour",
        ),
        ({"action": "grant"}, "is not possible on a reported comment case"),
    ],
)
def test_invalid_decisions_are_refused_with_400_and_a_message(
    mod_client, reported_case, spam, data, message
):
    data = {key: spam.pk if value == "SPAM" else value for key, value in data.items()}
    response = mod_client.post(act_url(reported_case), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    reported_case.refresh_from_db()
    assert reported_case.is_open
    if "note" in data:
        # What the moderator typed is still there.
        assert "My careful note." in response.content.decode()


def test_hiding_is_refused_on_a_user_case(mod_client, author, spam):
    case = services.report_user(user=author, reporter=veteran(), guideline=spam).case
    response = mod_client.post(act_url(case), {"action": "hide", "guideline": spam.pk})
    assert response.status_code == 400
    assert "is not possible on a reported user case" in response.content.decode()


def test_approving_a_held_comment_shows_it_and_trusts_the_author(
    mod_client, article, spam
):
    newcomer = veteran(approved_comments=0)
    comment = post_comment(article=article, author=newcomer, body="Hello all.")
    case = Case.objects.get(comment=comment)
    assert case.kind == Case.Kind.HELD_COMMENT
    response = mod_client.post(act_url(case), {"action": "approve", "tab": "held"})
    assert response.status_code == 302
    comment.refresh_from_db()
    newcomer.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    assert newcomer.approved_comments == 1


# Notes ----------------------------------------------------------------------


def test_note_is_added_to_the_record_and_returns_to_the_case(
    mod_client, reported_case, author
):
    url = reverse("moderation:note", args=[author.pk])
    response = mod_client.post(
        url, {"note": "Warned by e-mail too.", "case": reported_case.pk}
    )
    assert response.status_code == 302
    assert response.url == case_url(reported_case, tab="comment")
    note = ModerationAction.objects.get(kind=Kind.NOTE)
    assert (note.subject, note.note) == (author, "Warned by e-mail too.")
    reported_case.refresh_from_db()
    assert reported_case.is_open


def test_empty_note_is_refused(mod_client, reported_case, author):
    url = reverse("moderation:note", args=[author.pk])
    response = mod_client.post(url, {"note": "  ", "case": reported_case.pk})
    assert response.status_code == 400
    assert "Write the note before saving it." in response.content.decode()
    assert not ModerationAction.objects.filter(kind=Kind.NOTE).exists()
    without_case = mod_client.post(url, {"note": ""})
    assert without_case.status_code == 400


# Bulk -------------------------------------------------------------------------


def test_bulk_approve_counts_cases_already_handled(
    mod_client, second_moderator, article, spam
):
    cases = [report(CommentFactory(article=article), spam) for _ in range(4)]
    services.hide(case=cases[0], moderator=second_moderator, guideline=spam)
    response = mod_client.post(
        BULK, {"action": "approve", "cases": [case.pk for case in cases]}
    )
    assert response.status_code == 302
    assert response.url == f"{QUEUE}?tab=comment"
    assert messages_of(response) == ["3 cases approved; 1 was already handled."]
    assert ModerationAction.objects.filter(kind=Kind.APPROVE).count() == 3
    assert (
        ModerationAction.objects.filter(case=cases[0]).exclude(moderator=None).count()
        == 1
    )


def test_bulk_hide_needs_a_reason_and_keeps_the_selection(mod_client, article, spam):
    cases = [report(CommentFactory(article=article), spam) for _ in range(2)]
    refused = mod_client.post(BULK, {"action": "hide", "cases": [cases[0].pk]})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Choose the guideline the hidden comments broke." in page
    assert f'value="{cases[0].pk}" id="select-{cases[0].pk}" checked' in page
    assert f'value="{cases[1].pk}" id="select-{cases[1].pk}">' in page

    done = mod_client.post(
        BULK,
        {"action": "hide", "guideline": spam.pk, "cases": [c.pk for c in cases]},
    )
    assert messages_of(done) == ["2 cases hidden."]
    assert set(
        Comment.objects.filter(cases__in=cases).values_list("status", flat=True)
    ) == {Comment.Status.HIDDEN}


def test_bulk_without_selection_is_refused(mod_client, reported_case):
    response = mod_client.post(BULK, {"action": "approve"})
    assert response.status_code == 400
    assert "Select at least one case" in response.content.decode()


def test_bulk_skips_what_cannot_be_decided_from_the_list(
    mod_client, moderator, second_moderator, reported_case, author, spam
):
    user_case = services.report_user(user=author, reporter=veteran(), guideline=spam)
    response = mod_client.post(
        BULK,
        {
            "action": "hide",
            "guideline": spam.pk,
            "cases": [reported_case.pk, user_case.case_id, 999999],
        },
    )
    assert messages_of(response) == [
        "1 case hidden; 2 could not be hidden from the list; open them to decide."
    ]


def test_bulk_message_reads_well():
    assert (
        bulk_message("approve", done=1, handled=2, refused=0)
        == "1 case approved; 2 were already handled."
    )
    assert bulk_message("hide", done=0, handled=1, refused=0) == (
        "No cases hidden; 1 was already handled."
    )


# The queue's cost ---------------------------------------------------------------


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured), response


# Every page's: the session, the user, their permissions (2), the navigation's
# sections, the header's unread notices. The queue's: the guidelines, the tab
# counts, the page of cases, its top reasons and the article filter's options.
# The paginator reuses the tab's count.
QUEUE_QUERIES = 11


def test_queue_costs_the_same_queries_with_10_or_10000_open_cases(mod_client, spam):
    lists = [{}, {"reason": spam.pk}, {"article": "ARTICLE", "page": 2}]
    open_cases(10)
    article = Case.objects.values_list("article_id", flat=True)[0]
    lists = [{k: article if v == "ARTICLE" else v for k, v in p.items()} for p in lists]
    small = [_queries(mod_client, QUEUE, params)[0] for params in lists]

    open_cases(9990)
    large = []
    for params in lists:
        queries, response = _queries(mod_client, QUEUE, params)
        large.append(queries)
        assert len(response.context["queue"].cases) == selectors.PAGE_SIZE
        assert response.context["queue"].counts["comment"] > 1000

    assert small == large == [QUEUE_QUERIES] * len(lists)


def test_case_page_costs_the_same_queries_with_few_or_many_reports(
    mod_client, article, author, spam, off_topic
):
    few = report(CommentFactory(article=article, author=author), spam)
    many = report(CommentFactory(article=article, author=author), spam, times=3)
    for _ in range(20):
        services.report_comment(
            comment=many.comment, reporter=veteran(), guideline=off_topic
        )
    few_queries, _ = _queries(mod_client, case_url(few), {})
    many_queries, response = _queries(mod_client, case_url(many), {})
    assert few_queries == many_queries
    assert [group.count for group in response.context["detail"].reasons] == [20, 3]
