"""The metrics page: figures computed by PostgreSQL from a known history."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from moderation.models import Case, ModerationAction, Report
from moderation.record_selectors import format_duration, metrics
from tests.conftest import role
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ModerationAction.Kind
NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)
METRICS_URL = reverse("moderation:metrics")


def open_case(kind, age, subject):
    return Case.objects.create(kind=kind, subject=subject, opened_at=NOW - age)


def decided_case(opened_ago, subject, acts, *, kind=Case.Kind.REPORTED_COMMENT):
    """A decided case and its acts: (kind, moderator or None, delay after
    opening). It was decided at its last act."""
    opened = NOW - opened_ago
    last = max((delay for _, _, delay in acts), default=2 * H)
    case = Case.objects.create(
        kind=kind,
        subject=subject,
        opened_at=opened,
        status=Case.Status.DECIDED,
        decided_at=opened + last,
    )
    for act_kind, moderator, delay in acts:
        ModerationAction.objects.create(
            kind=act_kind,
            moderator=moderator,
            case=case,
            subject=subject,
            created_at=opened + delay,
        )
    return case


def reports(reporter, upheld, rejected, *, pending=0, disagreements=0):
    outcomes = (
        ["upheld"] * upheld
        + ["rejected"] * rejected
        + ["pending"] * pending
        + ["not_queued"] * disagreements
    )
    for outcome in outcomes:
        Report.objects.create(
            reporter=reporter,
            comment=CommentFactory(),
            guideline=None,
            weight=1,
            outcome=outcome,
            created_at=NOW - D,
        )


@pytest.fixture
def history():
    subject = UserFactory(display_name="Sam Subject")
    first = UserFactory(display_name="Ann First", is_staff=True)
    second = UserFactory(display_name="Ben Second", is_staff=True)
    for moderator in (first, second):
        moderator.groups.add(role("Moderator"))

    # Open: three reported comments, one held comment, two appeals.
    for age in (1 * H, 2 * H, 9 * H):
        open_case(Case.Kind.REPORTED_COMMENT, age, subject)
    open_case(Case.Kind.HELD_COMMENT, H / 2, subject)
    for age in (1 * D, 3 * D):
        open_case(Case.Kind.APPEAL, age, subject)

    # Decided in the last 30 days; first decisions after 1 h, 3 h, 5 h, 11 d,
    # 2 h (a case closed without an act of its own) and 2 h (an appeal).
    decided_case(10 * D, subject, [(Kind.APPROVE, first, 1 * H)])
    decided_case(
        5 * D,
        subject,
        [
            (Kind.HOLD, None, timedelta(0)),
            (Kind.NOTE, first, H / 6),
            (Kind.HIDE, first, 3 * H),
        ],
    )
    decided_case(
        2 * D,
        subject,
        [
            (Kind.AUTO_HIDE, None, H / 12),
            (Kind.HIDE, second, 5 * H),
            (Kind.WARN, second, 5 * H),
        ],
    )
    decided_case(40 * D, subject, [(Kind.APPROVE, second, 11 * D)])
    decided_case(3 * D, subject, [])
    decided_case(
        1 * D + 2 * H,
        subject,
        [(Kind.APPEAL_GRANTED, second, 2 * H)],
        kind=Case.Kind.APPEAL,
    )
    # Older: outside the 30 days, but appeals and reports count for all time.
    decided_case(60 * D, subject, [(Kind.HIDE, first, 1 * D)])
    for _ in range(2):
        decided_case(
            41 * D, subject, [(Kind.APPEAL_DENIED, first, 1 * D)], kind="appeal"
        )

    reports(UserFactory(display_name="Rae Reliable"), 3, 1, pending=2)
    reports(UserFactory(display_name="Hal Half"), 1, 1, disagreements=3)
    reports(UserFactory(display_name="Wes Wrong"), 0, 2)
    return {"first": first, "second": second}


def test_queue_size_and_age_per_list(history):
    figures = metrics(now=NOW)
    by_kind = {line.kind: line for line in figures.queue}
    assert [line.kind for line in figures.queue] == [
        "comment",
        "held",
        "user",
        "appeal",
    ]
    assert by_kind["comment"].open == 3
    assert by_kind["comment"].oldest == 9 * H
    assert by_kind["comment"].median == 2 * H
    assert by_kind["held"].open == 1
    assert by_kind["held"].median == H / 2
    assert by_kind["user"].open == 0
    assert by_kind["user"].oldest is None
    assert by_kind["appeal"].open == 2
    assert by_kind["appeal"].median == 2 * D
    assert figures.queue_total.open == 6
    assert figures.queue_total.oldest == 3 * D
    # Ages 0.5, 1, 2, 9, 24 and 72 hours.
    assert figures.queue_total.median == timedelta(hours=5.5)


def test_median_time_to_first_decision_over_the_last_30_days(history):
    figures = metrics(now=NOW)
    # 1 h, 2 h, 2 h, 3 h, 5 h and 11 d; holds, notes and automatic hides are no
    # decision, and the cases first decided before the window are left out.
    assert figures.first_decision_cases == 6
    assert figures.first_decision_median == timedelta(hours=2.5)
    assert figures.first_decision_label == "2 h 30 min"


def test_decisions_per_moderator_over_the_last_30_days(history):
    rows = metrics(now=NOW).moderators
    assert [row["moderator__display_name"] for row in rows] == [
        "Ben Second",
        "Ann First",
    ]
    second, first = rows
    assert second["cases"] == 3
    assert second["decisions"] == 4
    assert (second["kept"], second["removals"], second["penalties"]) == (1, 1, 1)
    assert second["appeals"] == 1
    assert first["cases"] == 2
    assert first["decisions"] == 2
    assert first["notes"] == 1
    assert first["appeals"] == 0  # its denials are older than 30 days


def test_appeal_reversal_rate_is_granted_over_decided(history):
    figures = metrics(now=NOW)
    assert figures.appeals_decided == 3
    assert figures.appeals_granted == 1
    assert figures.appeal_reversal_rate == pytest.approx(1 / 3)
    assert figures.appeal_reversal_label == "33%"


def test_reporter_accuracy_overall_and_for_the_top_reporters(history):
    figures = metrics(now=NOW)
    # Pending reports and disagreements are not decided, so they do not count.
    assert figures.reports_decided == 8
    assert figures.reports_upheld == 4
    assert figures.reporter_accuracy == 0.5
    top = [
        (row["reporter__display_name"], row["decided"], row["accuracy_label"])
        for row in figures.top_reporters
    ]
    assert top == [
        ("Rae Reliable", 4, "75%"),
        ("Hal Half", 2, "50%"),
        ("Wes Wrong", 2, "0%"),
    ]


def test_an_empty_history_has_no_rates_rather_than_a_division_by_zero(db):
    figures = metrics(now=NOW)
    assert figures.queue_total.open == 0
    assert figures.first_decision_median is None
    assert figures.appeal_reversal_rate is None
    assert figures.reporter_accuracy is None
    assert figures.appeal_reversal_label == "—"


@pytest.mark.parametrize("seeded", [False, True])
def test_metrics_cost_seven_queries_whatever_the_history(
    request, django_assert_num_queries, seeded
):
    if seeded:
        request.getfixturevalue("history")
    else:
        request.getfixturevalue("db")
    with django_assert_num_queries(7):
        metrics(now=NOW)


def test_the_metrics_page_shows_the_figures(client, moderator, history):
    client.force_login(moderator)
    with time_machine.travel(NOW, tick=False):
        response = client.get(METRICS_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 h 30 min" in html
    assert "33%" in html
    assert "Rae Reliable" in html
    assert "Ben Second" in html
    assert 'href="/moderation/"' in html


@pytest.mark.parametrize("user", ["reader", "journalist"])
def test_only_moderators_see_the_metrics(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(METRICS_URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(METRICS_URL).status_code == 302


@pytest.mark.parametrize(
    ("span", "label"),
    [
        (None, "—"),
        (timedelta(seconds=40), "40 s"),
        (timedelta(minutes=5, seconds=3), "5 min"),
        (timedelta(hours=2, minutes=5), "2 h 5 min"),
        (timedelta(hours=8, seconds=4), "8 h"),
        (timedelta(days=3, hours=4, minutes=9), "3 d 4 h"),
    ],
)
def test_durations_read_as_people_say_them(span, label):
    assert format_duration(span) == label
