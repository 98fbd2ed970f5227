import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.html import escape

from bench import measure, w1


class Command(BaseCommand):
    help = (
        "Load the W1 data set (1,000 comments) and print measurement (a) of "
        "shared/bench/W1.md as JSON: the whole thread on one page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", type=Path, default=w1.DEFAULT_PATH)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, data, runs, **options):
        if not data.exists():
            raise CommandError(f"W1 data not found at {data}.")
        dataset = w1.read(data)
        article = w1.load(dataset)
        # The production page, with a page size that holds every thread.
        with override_settings(COMMENTS_PAGE_SIZE=len(dataset["comments"])):
            figures, response = measure.measure_get(
                article.get_absolute_url(), runs=runs
            )
        check_order(response.content.decode(), dataset)
        figures["comments"] = len(dataset["comments"])
        self.stdout.write(json.dumps(figures, indent=2))


def check_order(page: str, dataset: dict) -> None:
    """Every body is on the page, in the data set's display order."""
    position = -1
    for index in dataset["display_order"]:
        body = escape(dataset["comments"][index]["body"])
        found = page.find(body, position + 1)
        if found < 0:
            raise CommandError(f"Comment {index} is missing or out of order.")
        position = found
