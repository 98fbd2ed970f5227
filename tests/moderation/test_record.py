"""The record: append-only in the database, read-only in the admin, and the
moderators' log page with its CSV export."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation.models import Guideline, ModerationAction, WatchWord
from moderation.views.record import csv_cell
from tests.conftest import role
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = ModerationAction.Kind
LOG_URL = reverse("moderation:log")
CSV_URL = reverse("moderation:log-csv")


def act(**fields) -> ModerationAction:
    fields.setdefault("kind", Kind.NOTE)
    fields.setdefault("created_at", timezone.now())
    return ModerationAction.objects.create(**fields)


# The database refuses changes ------------------------------------------------


@pytest.fixture
def recorded(moderator):
    return act(kind=Kind.WARN, moderator=moderator, note="Original note.")


def refused(statement):
    """Run the statement in a savepoint; return whether PostgreSQL refused it."""
    try:
        with transaction.atomic():
            statement()
    except DatabaseError as error:
        assert "append-only" in str(error)
        return True
    return False


def test_the_database_refuses_a_raw_update(recorded):
    def update():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE moderation_moderationaction SET note = 'Rewritten.' "
                "WHERE id = %s",
                [recorded.pk],
            )

    assert refused(update)
    recorded.refresh_from_db()
    assert recorded.note == "Original note."


def test_the_database_refuses_a_raw_delete(recorded):
    def delete():
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM moderation_moderationaction WHERE id = %s", [recorded.pk]
            )

    assert refused(delete)
    assert ModerationAction.objects.filter(pk=recorded.pk).exists()


def test_the_database_refuses_an_orm_update(recorded):
    assert refused(
        lambda: ModerationAction.objects.filter(pk=recorded.pk).update(note="Changed.")
    )
    recorded.note = "Changed again."
    assert refused(recorded.save)
    assert ModerationAction.objects.get(pk=recorded.pk).note == "Original note."


def test_the_database_refuses_an_orm_delete(recorded):
    assert refused(ModerationAction.objects.filter(pk=recorded.pk).delete)
    assert refused(recorded.delete)
    assert ModerationAction.objects.filter(pk=recorded.pk).exists()


def test_the_database_still_takes_new_acts(recorded):
    act(kind=Kind.NOTE, note="Another.")
    assert ModerationAction.objects.count() == 2


# The admin ------------------------------------------------------------------


def test_the_admin_shows_the_record_without_change_or_delete(admin_client, recorded):
    listing = admin_client.get(reverse("admin:moderation_moderationaction_changelist"))
    assert listing.status_code == 200
    assert "Original note." in listing.content.decode()
    assert "delete_selected" not in listing.content.decode()
    assert not listing.context["cl"].model_admin.get_actions(listing.wsgi_request)

    url = reverse("admin:moderation_moderationaction_change", args=[recorded.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html
    assert "deletelink" not in html
    assert page.context["has_change_permission"] is False
    assert page.context["has_delete_permission"] is False


def test_the_admin_refuses_to_add_change_or_delete_an_act(admin_client, recorded):
    change = reverse("admin:moderation_moderationaction_change", args=[recorded.pk])
    delete = reverse("admin:moderation_moderationaction_delete", args=[recorded.pk])
    add = reverse("admin:moderation_moderationaction_add")
    assert admin_client.post(change, {"note": "Rewritten."}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.get(add).status_code == 403
    recorded.refresh_from_db()
    assert recorded.note == "Original note."


def test_the_admin_filters_the_record(admin_client, moderator, recorded):
    act(kind=Kind.APPROVE, moderator=moderator, note="Kept it.")
    listing = admin_client.get(
        reverse("admin:moderation_moderationaction_changelist"), {"kind": "approve"}
    )
    html = listing.content.decode()
    assert "Kept it." in html
    assert "Original note." not in html


def test_moderators_edit_guidelines_in_the_admin(client, moderator):
    spam = Guideline.objects.get(code="spam")
    client.force_login(moderator)
    listing = client.get(reverse("admin:moderation_guideline_changelist"))
    assert listing.status_code == 200
    response = client.post(
        reverse("admin:moderation_guideline_change", args=[spam.pk]),
        {
            "title": "Spam and advertising",
            "description": "Selling anything.",
            "serious": "on",
            "position": "9",
            "active": "on",
        },
    )
    assert response.status_code == 302
    spam.refresh_from_db()
    assert spam.title == "Spam and advertising"
    assert spam.serious
    assert spam.position == 9
    assert spam.code == "spam"  # other rows name it by its code


def test_moderators_cannot_delete_guidelines(client, moderator):
    spam = Guideline.objects.get(code="spam")
    client.force_login(moderator)
    url = reverse("admin:moderation_guideline_delete", args=[spam.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Guideline.objects.filter(pk=spam.pk).exists()


def test_moderators_add_watch_words_once_whatever_the_case(client, moderator):
    client.force_login(moderator)
    url = reverse("admin:moderation_watchword_add")
    assert client.post(url, {"word": "  Scam  "}).status_code == 302
    assert WatchWord.objects.get().word == "Scam"
    again = client.post(url, {"word": "scam"})
    assert again.status_code == 200
    assert "already on the watch list" in again.content.decode()
    assert WatchWord.objects.count() == 1


def test_moderators_do_not_see_the_record_in_the_admin(client, moderator):
    client.force_login(moderator)
    url = reverse("admin:moderation_moderationaction_changelist")
    assert client.get(url).status_code == 403


# The log page -------------------------------------------------------------------


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.mark.parametrize("url", [LOG_URL, CSV_URL])
def test_readers_and_journalists_may_not_read_the_log(client, reader, journalist, url):
    for user in (reader, journalist):
        client.force_login(user)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [LOG_URL, CSV_URL])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", [LOG_URL, CSV_URL])
def test_the_log_is_read_only(mod_client, url):
    assert mod_client.post(url).status_code == 405


def test_the_log_lists_the_record_newest_first(mod_client, moderator):
    start = timezone.now() - timedelta(hours=3)
    for hours, note in enumerate(["First.", "Second.", "Third."]):
        act(moderator=moderator, note=note, created_at=start + timedelta(hours=hours))
    response = mod_client.get(LOG_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Third.") < html.index("Second.") < html.index("First.")
    assert 'href="/moderation/"' in html


def test_automatic_acts_show_as_automatic(mod_client):
    comment = CommentFactory()
    act(kind=Kind.AUTO_HIDE, comment=comment, subject=comment.author, note="Auto.")
    html = mod_client.get(LOG_URL).content.decode()
    assert "Automatic" in html
    assert "Hidden automatically" in html


@pytest.fixture
def history(moderator):
    """Three acts: two by the moderator, one by another, across days."""
    other = UserFactory(display_name="Other Moderator", is_staff=True)
    other.groups.add(role("Moderator"))
    spam = Guideline.objects.get(code="spam")
    hate = Guideline.objects.get(code="hate")
    tz = timezone.get_current_timezone()
    act(
        kind=Kind.HIDE,
        moderator=moderator,
        guideline=spam,
        note="Hid the advert.",
        created_at=datetime(2026, 3, 1, 10, tzinfo=tz),
    )
    act(
        kind=Kind.WARN,
        moderator=moderator,
        guideline=hate,
        note="Warned for slurs.",
        created_at=datetime(2026, 3, 2, 23, 59, tzinfo=tz),
    )
    act(
        kind=Kind.APPROVE,
        moderator=other,
        note="Kept the review.",
        created_at=datetime(2026, 3, 3, 0, 1, tzinfo=tz),
    )
    return {"other": other, "spam": spam, "hate": hate}


def notes_in(response) -> set[str]:
    html = response.content.decode()
    notes = {"Hid the advert.", "Warned for slurs.", "Kept the review."}
    return {note for note in notes if note in html}


def test_the_log_filters_by_moderator(mod_client, history):
    response = mod_client.get(LOG_URL, {"moderator": history["other"].pk})
    assert notes_in(response) == {"Kept the review."}


def test_the_log_filters_by_action(mod_client, history):
    assert notes_in(mod_client.get(LOG_URL, {"kind": "warn"})) == {"Warned for slurs."}


def test_the_log_filters_by_guideline(mod_client, history):
    response = mod_client.get(LOG_URL, {"guideline": history["spam"].pk})
    assert notes_in(response) == {"Hid the advert."}


def test_the_log_filters_by_whole_days(mod_client, history):
    response = mod_client.get(
        LOG_URL, {"date_from": "2026-03-02", "date_to": "2026-03-02"}
    )
    assert notes_in(response) == {"Warned for slurs."}
    response = mod_client.get(LOG_URL, {"date_from": "2026-03-02"})
    assert notes_in(response) == {"Warned for slurs.", "Kept the review."}
    response = mod_client.get(LOG_URL, {"date_to": "2026-03-01"})
    assert notes_in(response) == {"Hid the advert."}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "2026-13-45"}, "Enter the start date as YYYY-MM-DD."),
        ({"date_to": "yesterday"}, "Enter the end date as YYYY-MM-DD."),
        (
            {"date_from": "2026-03-05", "date_to": "2026-03-01"},
            "The end date must be on or after the start date.",
        ),
        ({"moderator": "abc"}, "Choose a moderator from the list."),
        ({"moderator": "999999"}, "Choose a moderator from the list."),
        ({"kind": "explode"}, "Choose an action from the list."),
        ({"guideline": "0"}, "Choose a guideline from the list."),
    ],
)
def test_bad_filters_are_explained_not_crashed_on(mod_client, history, query, message):
    response = mod_client.get(LOG_URL, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    # Dates the moderator typed stay in the form (a choice not on the list
    # cannot be shown selected).
    for name in ("date_from", "date_to"):
        if name in query:
            assert f'value="{query[name]}"' in html
    csv_response = mod_client.get(CSV_URL, query)
    assert csv_response.status_code == 400
    assert message in csv_response.content.decode()


def test_the_log_pages_fifty_acts_and_keeps_the_filters(mod_client, moderator):
    now = timezone.now()
    for i in range(51):
        act(
            kind=Kind.NOTE,
            moderator=moderator,
            note=f"Note {i:03}.",
            created_at=now - timedelta(minutes=i),
        )
    first = mod_client.get(LOG_URL, {"kind": "note"})
    assert len(first.context["page_obj"].object_list) == 50
    assert "?kind=note&amp;page=2" in first.content.decode()
    second = mod_client.get(LOG_URL, {"kind": "note", "page": "2"})
    assert [a.note for a in second.context["page_obj"]] == ["Note 050."]
    # A page number out of range shows the last page rather than failing.
    assert mod_client.get(LOG_URL, {"page": "99"}).status_code == 200
    assert mod_client.get(LOG_URL, {"page": "x"}).status_code == 200


def _seed(count, moderator, spam):
    comment = CommentFactory()
    now = timezone.now()
    ModerationAction.objects.bulk_create(
        ModerationAction(
            kind=Kind.HIDE,
            moderator=moderator,
            subject=comment.author,
            comment=comment,
            guideline=spam,
            note=f"Act {i}.",
            state_before={"comment_status": "visible"},
            state_after={"comment_status": "hidden"},
            created_at=now - timedelta(seconds=i),
        )
        for i in range(count)
    )


def _queries_for(client, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LOG_URL, query)
    assert response.status_code == 200
    return len(queries)


def test_the_log_costs_the_same_queries_whatever_its_length(mod_client, moderator):
    """The page's own share is the count, the page, the chosen guideline and
    the two lists of choices; the rest is the site's (session, user,
    permissions, navigation), which the page does not control."""
    spam = Guideline.objects.get(code="spam")
    _seed(1, moderator, spam)
    mod_client.get(LOG_URL)  # warm the session and permission caches
    short = _queries_for(mod_client, {"guideline": spam.pk})
    _seed(120, moderator, spam)
    assert _queries_for(mod_client, {"guideline": spam.pk}) == short
    assert _queries_for(mod_client, {"guideline": spam.pk, "page": "3"}) == short
    assert short <= 12


# The CSV export ------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_the_csv_export_has_a_header_and_the_filtered_rows(mod_client, history):
    rows = read_csv(mod_client.get(CSV_URL, {"moderator": history["other"].pk}))
    header, *data = rows
    assert header[:4] == ["id", "time (UTC)", "action", "moderator"]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["action"] == "Approved"
    assert row["moderator"] == "Other Moderator"
    assert row["note"] == "Kept the review."
    assert row["time (UTC)"].startswith("2026-03-0")


def test_the_csv_export_lists_everything_newest_first(mod_client, history):
    rows = read_csv(mod_client.get(CSV_URL))
    notes = [row[10] for row in rows[1:]]
    assert notes == ["Kept the review.", "Warned for slurs.", "Hid the advert."]


def test_the_csv_export_defuses_formulas(mod_client, moderator):
    act(moderator=moderator, note='=HYPERLINK("http://evil.example","x")')
    act(moderator=moderator, note="@SUM(A1)")
    evil = UserFactory(display_name="+cmd|' /C calc'!A0")
    act(moderator=moderator, subject=evil, note="-2+3")
    rows = read_csv(mod_client.get(CSV_URL))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert "'@SUM(A1)" in cells
    assert "'-2+3" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (12, "12"),
    ],
)
def test_csv_cells_that_look_like_formulas_become_text(value, cell):
    assert csv_cell(value) == cell


def test_the_csv_export_streams_times_in_utc(mod_client, moderator):
    with time_machine.travel(datetime(2026, 5, 1, 12, tzinfo=UTC)):
        act(moderator=moderator, note="Noon.")
    rows = read_csv(mod_client.get(CSV_URL))
    assert rows[1][1] == "2026-05-01T12:00:00+00:00"
