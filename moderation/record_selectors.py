"""Reads of the record: the log of moderation acts and the metrics page.

Every number on the metrics page is computed by PostgreSQL from the record and
the cases, in one aggregate query each, so that the page costs the same few
queries after ten decisions or ten million.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone

from accounts.models import User

from .models import Case, Guideline, ModerationAction, Report

Kind = ModerationAction.Kind

LOG_PAGE_SIZE = 50
METRICS_WINDOW = timedelta(days=30)
TOP_REPORTERS = 10

# Acts by which a moderator settles a case. Holds and automatic hides are the
# system's, and a note decides nothing.
DECISIONS = (
    Kind.APPROVE,
    Kind.HIDE,
    Kind.WARN,
    Kind.SUSPEND,
    Kind.TERMINATE,
    Kind.DISMISS,
    Kind.APPEAL_GRANTED,
    Kind.APPEAL_DENIED,
)


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median of numbers or intervals."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    arity = 1


def _ratio(part, whole):
    """part / whole as a float in SQL; NULL when there is nothing to divide."""
    return Cast(part, FloatField()) / NullIf(Cast(whole, FloatField()), 0.0)


# The log ---------------------------------------------------------------------


def moderators_on_record() -> QuerySet[User]:
    """Everyone who ever decided something, including former moderators."""
    return User.objects.filter(
        Exists(ModerationAction.objects.filter(moderator=OuterRef("pk")))
    ).order_by("display_name", "pk")


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def record_log(
    *,
    moderator: User | None = None,
    kind: str = "",
    guideline: Guideline | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[ModerationAction]:
    """The record, newest first, filtered; dates are whole local days."""
    actions = ModerationAction.objects.select_related(
        "moderator", "subject", "guideline"
    ).order_by("-created_at", "-pk")
    if moderator is not None:
        actions = actions.filter(moderator=moderator)
    if kind:
        actions = actions.filter(kind=kind)
    if guideline is not None:
        actions = actions.filter(guideline=guideline)
    if date_from is not None:
        actions = actions.filter(created_at__gte=_day_start(date_from))
    if date_to is not None:
        actions = actions.filter(created_at__lt=_day_start(date_to + timedelta(days=1)))
    return actions


# Metrics ---------------------------------------------------------------------


def format_duration(value: timedelta | None) -> str:
    """A span of time as people say it: "3 d 4 h", "2 h 5 min", "40 s"."""
    if value is None:
        return "—"
    seconds = max(0, int(value.total_seconds()))
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"


def format_share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


@dataclass
class QueueLine:
    kind: str
    label: str
    open: int = 0
    oldest: timedelta | None = None
    median: timedelta | None = None

    @property
    def oldest_label(self) -> str:
        return format_duration(self.oldest)

    @property
    def median_label(self) -> str:
        return format_duration(self.median)


@dataclass
class Metrics:
    now: datetime
    since: datetime
    queue: list[QueueLine]
    queue_total: QueueLine
    first_decision_median: timedelta | None
    first_decision_cases: int
    moderators: list[dict]
    appeals_decided: int
    appeals_granted: int
    appeal_reversal_rate: float | None
    reports_decided: int
    reports_upheld: int
    reporter_accuracy: float | None
    top_reporters: list[dict] = field(default_factory=list)

    @property
    def first_decision_label(self) -> str:
        return format_duration(self.first_decision_median)

    @property
    def appeal_reversal_label(self) -> str:
        return format_share(self.appeal_reversal_rate)

    @property
    def reporter_accuracy_label(self) -> str:
        return format_share(self.reporter_accuracy)


def _queue(now: datetime) -> tuple[list[QueueLine], QueueLine]:
    age = Value(now) - F("opened_at")
    open_cases = Case.objects.filter(status=Case.Status.OPEN)
    figures = {
        "open": Count("pk"),
        "oldest": Max(age, output_field=DurationField()),
        "median": Median(age, output_field=DurationField()),
    }
    by_kind = {
        row["kind"]: row
        for row in open_cases.values("kind").annotate(**figures).order_by()
    }
    lines = [
        QueueLine(kind=kind, label=label, **_without(by_kind.get(kind, {}), "kind"))
        for kind, label in Case.Kind.choices
    ]
    total = QueueLine(
        kind="", label="All open cases", **open_cases.aggregate(**figures)
    )
    return lines, total


def _without(row: dict, key: str) -> dict:
    return {k: v for k, v in row.items() if k != key}


def _first_decisions(now: datetime, since: datetime) -> dict:
    """Median time from a case's opening to its first decision, for cases first
    decided in the window. A case closed without an act of its own (none today)
    counts from its closing time."""
    first_act = (
        ModerationAction.objects.filter(case=OuterRef("pk"), kind__in=DECISIONS)
        .order_by("created_at", "pk")
        .values("created_at")[:1]
    )
    return (
        Case.objects.annotate(
            first_decision=Coalesce(Subquery(first_act), F("decided_at"))
        )
        .filter(first_decision__gte=since, first_decision__lte=now)
        .aggregate(
            cases=Count("pk"),
            median=Median(
                F("first_decision") - F("opened_at"), output_field=DurationField()
            ),
        )
    )


def _moderators(since: datetime) -> list[dict]:
    decisions = Q(kind__in=DECISIONS)
    return list(
        ModerationAction.objects.filter(moderator__isnull=False, created_at__gte=since)
        .values("moderator", "moderator__display_name", "moderator__username")
        .annotate(
            cases=Count("case", distinct=True, filter=decisions),
            decisions=Count("pk", filter=decisions),
            removals=Count("pk", filter=Q(kind=Kind.HIDE)),
            penalties=Count("pk", filter=Q(kind__in=ModerationAction.PENALTIES)),
            kept=Count("pk", filter=Q(kind__in=[Kind.APPROVE, Kind.DISMISS])),
            appeals=Count(
                "pk", filter=Q(kind__in=[Kind.APPEAL_GRANTED, Kind.APPEAL_DENIED])
            ),
            notes=Count("pk", filter=Q(kind=Kind.NOTE)),
        )
        .order_by("-cases", "-decisions", "moderator__display_name")
    )


def _appeals() -> dict:
    granted = Count("pk", filter=Q(kind=Kind.APPEAL_GRANTED))
    decided = Count("pk")
    return ModerationAction.objects.filter(
        kind__in=[Kind.APPEAL_GRANTED, Kind.APPEAL_DENIED]
    ).aggregate(granted=granted, decided=decided, rate=_ratio(granted, decided))


DECIDED_REPORTS = Q(outcome__in=[Report.Outcome.UPHELD, Report.Outcome.REJECTED])


def _reporters() -> tuple[dict, list[dict]]:
    upheld = Count("pk", filter=Q(outcome=Report.Outcome.UPHELD))
    decided = Count("pk")
    reports = Report.objects.filter(DECIDED_REPORTS)
    overall = reports.aggregate(
        upheld=upheld, decided=decided, accuracy=_ratio(upheld, decided)
    )
    top = list(
        reports.values("reporter", "reporter__display_name", "reporter__username")
        .annotate(upheld=upheld, decided=decided, accuracy=_ratio(upheld, decided))
        .order_by("-decided", "-accuracy", "reporter__display_name")[:TOP_REPORTERS]
    )
    for row in top:
        row["accuracy_label"] = format_share(row["accuracy"])
    return overall, top


def metrics(*, now: datetime | None = None) -> Metrics:
    """The figures of the metrics page, seven queries in all."""
    now = now or timezone.now()
    since = now - METRICS_WINDOW
    queue, total = _queue(now)
    first = _first_decisions(now, since)
    appeals = _appeals()
    reporters, top = _reporters()
    return Metrics(
        now=now,
        since=since,
        queue=queue,
        queue_total=total,
        first_decision_median=first["median"],
        first_decision_cases=first["cases"],
        moderators=_moderators(since),
        appeals_decided=appeals["decided"],
        appeals_granted=appeals["granted"],
        appeal_reversal_rate=appeals["rate"],
        reports_decided=reporters["decided"],
        reports_upheld=reporters["upheld"],
        reporter_accuracy=reporters["accuracy"],
        top_reporters=top,
    )
