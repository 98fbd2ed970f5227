"""Reads for the moderators' queue and case pages.

The queue costs the same few queries with ten open cases or ten thousand: one
aggregate for every tab's count, one for the article filter's options, one for
the page of cases, one for the page's top reasons. The paginator reuses the
tab's count instead of counting again.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from accounts.models import User
from comments.models import Comment

from . import services
from .models import Case, Guideline, ModerationAction, Report

PAGE_SIZE = 25
RECENTLY = timedelta(days=7)
ARTICLE_OPTIONS = 50
TOP_REASONS = 3
REPORTS_SHOWN = 100
RECORD_SHOWN = 15
RECENT_COMMENTS = 10

DECIDED = "decided"


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    empty: str


TABS = (
    Tab(
        Case.Kind.REPORTED_COMMENT,
        "Reported comments",
        "No reported comments are waiting. Well done.",
    ),
    Tab(Case.Kind.HELD_COMMENT, "Held comments", "No comments are held for review."),
    Tab(Case.Kind.REPORTED_USER, "Reported users", "No accounts are reported."),
    Tab(Case.Kind.APPEAL, "Appeals", "No appeals are waiting for you."),
    Tab(DECIDED, "Recently decided", "Nothing was decided in the last seven days."),
)
TAB_KEYS = tuple(tab.key for tab in TABS)


class BadFilter(ValueError):
    """A queue filter that cannot be read; the message is shown as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _positive_int(value, message: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadFilter(message) from None
    if number < 1:
        raise BadFilter(message)
    return number


@dataclass(frozen=True)
class QueueFilter:
    """Which list a moderator works through: a tab, narrowed by article and
    reason. Case pages carry it along so that next/previous and the redirect
    after a decision stay in the same list."""

    tab: str = Case.Kind.REPORTED_COMMENT
    article: int | None = None
    reason: int | None = None

    @classmethod
    def from_data(cls, data, *, default_tab: str | None = None) -> "QueueFilter":
        tab = data.get("tab") or default_tab or Case.Kind.REPORTED_COMMENT
        if tab not in TAB_KEYS:
            raise BadFilter("There is no such tab in the queue.")
        return cls(
            tab=tab,
            article=_positive_int(
                data.get("article"), "Choose an article from the list."
            ),
            reason=_positive_int(data.get("reason"), "Choose a reason from the list."),
        )

    @property
    def is_decided(self) -> bool:
        return self.tab == DECIDED

    @property
    def is_narrowed(self) -> bool:
        return bool(self.article or self.reason)

    def params(self, **changes) -> dict:
        values = {"tab": self.tab, "article": self.article, "reason": self.reason}
        values.update(changes)
        return {key: value for key, value in values.items() if value}

    def query(self, **changes) -> str:
        return urlencode(self.params(**changes))

    def narrowing(self) -> Q:
        """The article and reason filters, valid on every tab."""
        condition = Q()
        if self.article:
            condition &= Q(article_id=self.article)
        if self.reason:
            reported = Report.objects.filter(case=OuterRef("pk"), guideline=self.reason)
            # An appeal's reason is the guideline of the decision it contests.
            condition &= Q(Exists(reported)) | Q(appeal__action__guideline=self.reason)
        return condition


def _recent_since():
    return timezone.now() - RECENTLY


def _tab_condition(tab: str, viewer: User, since) -> Q:
    if tab == DECIDED:
        return Q(status=Case.Status.DECIDED, decided_at__gte=since)
    condition = Q(status=Case.Status.OPEN, kind=tab)
    if tab == Case.Kind.APPEAL:
        # An appeal against a moderator's own decision goes to someone else.
        condition &= ~Q(appeal__action__moderator=viewer)
    return condition


def tab_cases(queue_filter: QueueFilter, viewer: User, *, since=None) -> QuerySet:
    """The cases of a tab, narrowed by the filter, in working order."""
    since = since or _recent_since()
    cases = Case.objects.filter(
        _tab_condition(queue_filter.tab, viewer, since), queue_filter.narrowing()
    )
    if queue_filter.is_decided:
        return cases.order_by("-decided_at", "-pk")
    return cases.order_by("-report_weight", "opened_at", "pk")


def tab_counts(queue_filter: QueueFilter, viewer: User, *, since=None) -> dict:
    """Every tab's count under the current narrowing, in a single query."""
    since = since or _recent_since()
    return Case.objects.filter(
        Q(status=Case.Status.OPEN) | Q(decided_at__gte=since),
        queue_filter.narrowing(),
    ).aggregate(
        **{
            tab: Count("pk", filter=_tab_condition(tab, viewer, since))
            for tab in TAB_KEYS
        }
    )


def article_options(queue_filter: QueueFilter, viewer: User) -> list[tuple[int, str]]:
    """The articles with the most cases in this tab, for the filter's select.

    A GROUP BY over the open cases, capped: an article outside the top few is
    still reachable through the article link of any of its cases."""
    unnarrowed = QueueFilter(tab=queue_filter.tab, reason=queue_filter.reason)
    rows = (
        tab_cases(unnarrowed, viewer)
        .filter(article__isnull=False)
        .order_by()
        .values("article_id", "article__headline")
        .annotate(cases=Count("pk"))
        .order_by("-cases", "article_id")[:ARTICLE_OPTIONS]
    )
    return [(row["article_id"], row["article__headline"]) for row in rows]


def _decision_kind():
    """The kind of the last decision on a case, for the Recently decided tab."""
    return Subquery(
        ModerationAction.objects.filter(case=OuterRef("pk"))
        .exclude(kind=ModerationAction.Kind.NOTE)
        .exclude(moderator=None)
        .order_by("-pk")
        .values("kind")[:1]
    )


def weight_level(weight: float) -> str:
    """A Bootstrap colour for a weight of reports: red once it hides a comment."""
    if weight >= services.HIDE_AT_WEIGHT:
        return "danger"
    if weight >= services.HIDE_AT_WEIGHT / 2:
        return "warning"
    return "secondary"


@dataclass
class Reason:
    title: str
    serious: bool
    count: int
    weight: float


def top_reasons(case_ids: list[int]) -> dict[int, list[Reason]]:
    """The most-reported guidelines of each case, for a page of cases."""
    rows = (
        Report.objects.filter(case__in=case_ids, guideline__isnull=False)
        .values("case_id", "guideline__title", "guideline__serious")
        .annotate(count=Count("pk"), weight=Sum("weight"))
        .order_by("case_id", "-weight", "-count", "guideline__title")
    )
    reasons = defaultdict(list)
    for row in rows:
        if len(reasons[row["case_id"]]) < TOP_REASONS:
            reasons[row["case_id"]].append(
                Reason(
                    row["guideline__title"],
                    row["guideline__serious"],
                    row["count"],
                    row["weight"],
                )
            )
    return reasons


@dataclass
class QueuePage:
    filter: QueueFilter
    counts: dict
    page: Page
    cases: list[Case]
    articles: list[tuple[int, str]]
    guidelines: list[Guideline]

    @property
    def tabs(self):
        """Each tab with its count and the query that opens it, filters kept."""
        return [
            (tab, self.counts[tab.key], self.filter.query(tab=tab.key)) for tab in TABS
        ]

    @property
    def tab(self) -> Tab:
        return next(tab for tab in TABS if tab.key == self.filter.tab)


def queue_page(
    queue_filter: QueueFilter,
    *,
    viewer: User,
    page_number=1,
    guidelines: list[Guideline],
) -> QueuePage:
    """A page of the queue; raises BadFilter for a page that does not exist."""
    since = _recent_since()
    counts = tab_counts(queue_filter, viewer, since=since)
    cases = tab_cases(queue_filter, viewer, since=since).select_related(
        "comment",
        "subject",
        "article",
        "appeal__action__guideline",
        "decided_by",
    )
    if queue_filter.is_decided:
        cases = cases.annotate(decision=_decision_kind())
    paginator = Paginator(cases, PAGE_SIZE, allow_empty_first_page=True)
    # The tab's count was just taken with the same conditions; counting again
    # would cost a second scan of the open cases.
    paginator.count = counts[queue_filter.tab]
    try:
        number = paginator.validate_number(page_number)
    except PageNotAnInteger:
        raise BadFilter("There is no such page in this list.") from None
    except EmptyPage:
        # Cases decided meanwhile can shorten the list under a moderator.
        number = paginator.num_pages
    page = paginator.page(number)
    rows = list(page.object_list)
    reasons = top_reasons([case.pk for case in rows])
    decision_labels = dict(ModerationAction.Kind.choices)
    for case in rows:
        case.top_reasons = reasons.get(case.pk, [])
        case.weight_level = weight_level(case.report_weight)
        if queue_filter.is_decided:
            case.decision_label = decision_labels.get(case.decision, "Decided")
    articles = article_options(queue_filter, viewer)
    if queue_filter.article and all(pk != queue_filter.article for pk, _ in articles):
        headline = rows[0].article.headline if rows and rows[0].article else None
        articles.append((queue_filter.article, headline or "The chosen article"))
    return QueuePage(
        filter=queue_filter,
        counts=counts,
        page=page,
        cases=rows,
        articles=articles,
        guidelines=guidelines,
    )


def all_guidelines() -> list[Guideline]:
    """Every guideline, retired ones too, in the staff's order."""
    return list(Guideline.objects.all())


# The case page ---------------------------------------------------------------


@dataclass
class ReasonGroup:
    guideline: Guideline | None
    count: int
    weight: float
    reports: list[Report] = field(default_factory=list)


@dataclass
class CaseDetail:
    case: Case
    comment: Comment | None
    reasons: list[ReasonGroup]
    strikes: int
    record: list[ModerationAction]
    history: list[ModerationAction]
    top_guideline: Guideline | None
    suggestion: services.Step | None
    recent_comments: list[Comment]
    original: ModerationAction | None
    own_decision_appealed: bool

    @property
    def subject(self) -> User:
        return self.case.subject

    @property
    def weight_level(self) -> str:
        return weight_level(self.case.report_weight)

    @property
    def shown_reports(self) -> int:
        return sum(len(group.reports) for group in self.reasons)


def case_for_page(pk: int) -> Case:
    """The case with everything its page shows about it, in one query."""
    return Case.objects.select_related(
        "comment__parent__author",
        "comment__article",
        "subject",
        "article",
        "decided_by",
        "appeal__action__guideline",
        "appeal__action__moderator",
        "appeal__action__comment",
    ).get(pk=pk)


def _reason_groups(case: Case, guidelines: dict[int, Guideline]) -> list[ReasonGroup]:
    totals = (
        Report.objects.filter(case=case)
        .values("guideline_id")
        .annotate(count=Count("pk"), weight=Sum("weight"))
        .order_by("-weight", "-count", "guideline_id")
    )
    groups = {
        row["guideline_id"]: ReasonGroup(
            guideline=guidelines.get(row["guideline_id"]),
            count=row["count"],
            weight=row["weight"] or 0,
        )
        for row in totals
    }
    reports = (
        Report.objects.filter(case=case)
        .select_related("reporter")
        .order_by("-created_at", "-pk")[:REPORTS_SHOWN]
    )
    for report in reports:
        groups[report.guideline_id].reports.append(report)
    return list(groups.values())


def case_detail(case: Case, *, viewer: User, guidelines: list[Guideline]) -> CaseDetail:
    """What a moderator needs to decide a case, in a fixed number of queries.

    ``guidelines`` are all of them, retired ones too: old reports name those."""
    subject = case.subject
    by_pk = {guideline.pk: guideline for guideline in guidelines}
    reasons = _reason_groups(case, by_pk) if case.kind != Case.Kind.APPEAL else []
    original = case.appeal.action if case.appeal_id else None
    top_guideline = next(
        (group.guideline for group in reasons if group.guideline is not None),
        original.guideline if original else None,
    )
    strikes = services.active_strikes(subject)
    record = list(
        ModerationAction.objects.filter(subject=subject)
        .exclude(case=case)
        .exclude(kind__in=[ModerationAction.Kind.HOLD, ModerationAction.Kind.APPROVE])
        .select_related("moderator", "guideline", "comment")
        .order_by("-created_at", "-pk")[:RECORD_SHOWN]
    )
    history = list(
        ModerationAction.objects.filter(case=case)
        .select_related("moderator", "guideline")
        .order_by("created_at", "pk")
    )
    recent_comments = []
    if case.kind == Case.Kind.REPORTED_USER:
        recent_comments = list(
            Comment.objects.filter(author=subject)
            .select_related("article")
            .order_by("-created_at", "-pk")[:RECENT_COMMENTS]
        )
    suggestion = None
    if case.is_open and case.kind != Case.Kind.APPEAL:
        suggestion = services.suggest_penalty(subject=subject, guideline=top_guideline)
    return CaseDetail(
        case=case,
        comment=case.comment,
        reasons=reasons,
        strikes=strikes,
        record=record,
        history=history,
        top_guideline=top_guideline,
        suggestion=suggestion,
        recent_comments=recent_comments,
        original=original,
        own_decision_appealed=bool(original and original.moderator_id == viewer.pk),
    )


def _neighbour(queue_filter: QueueFilter, viewer: User, case: Case, *, after: bool):
    cases = tab_cases(queue_filter, viewer).exclude(pk=case.pk)
    if queue_filter.is_decided:
        if case.decided_at is None:
            return None
        key, pk = case.decided_at, case.pk
        if after:
            position = Q(decided_at__lt=key) | Q(decided_at=key, pk__lt=pk)
        else:
            position = Q(decided_at__gt=key) | Q(decided_at=key, pk__gt=pk)
            cases = cases.reverse()
    else:
        weight, opened, pk = case.report_weight, case.opened_at, case.pk
        if after:
            position = (
                Q(report_weight__lt=weight)
                | Q(report_weight=weight, opened_at__gt=opened)
                | Q(report_weight=weight, opened_at=opened, pk__gt=pk)
            )
        else:
            position = (
                Q(report_weight__gt=weight)
                | Q(report_weight=weight, opened_at__lt=opened)
                | Q(report_weight=weight, opened_at=opened, pk__lt=pk)
            )
            cases = cases.reverse()
    return cases.filter(position).only("pk").first()


def next_case(queue_filter: QueueFilter, viewer: User, case: Case) -> Case | None:
    """The case after this one in the moderator's list (one query)."""
    return _neighbour(queue_filter, viewer, case, after=True)


def previous_case(queue_filter: QueueFilter, viewer: User, case: Case) -> Case | None:
    return _neighbour(queue_filter, viewer, case, after=False)
