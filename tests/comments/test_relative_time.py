from datetime import UTC, datetime, timedelta

import pytest

from comments.templatetags.comment_tags import ago

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("age", "text"),
    [
        (timedelta(0), "1 second ago"),
        (timedelta(seconds=1), "1 second ago"),
        (timedelta(seconds=59), "59 seconds ago"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(hours=2, minutes=59), "2 hours ago"),
        (timedelta(days=1), "1 day ago"),
        (timedelta(days=13), "1 week ago"),
        (timedelta(days=45), "1 month ago"),
        (timedelta(days=400), "1 year ago"),
        (timedelta(days=800), "2 years ago"),
    ],
)
def test_relative_time_names_one_unit(age, text):
    assert ago(NOW - age, NOW) == text
