import json

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.test import Client

from accounts.models import User
from bench import measure, queue
from moderation.models import Case


class Command(BaseCommand):
    help = (
        "Print the moderation queue's cost (median and p90 ms, queries, bytes) "
        "with 10 and with 10,000 open cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, runs, **options):
        moderator, _ = User.objects.get_or_create(
            username="bench-moderator",
            defaults={"display_name": "Bench Moderator", "is_staff": True},
        )
        moderator.groups.add(Group.objects.get(name="Moderator"))
        client = Client()
        client.force_login(moderator)
        rows = []
        for open_cases, urls in (
            (10, ["/moderation/"]),
            (10_000, ["/moderation/", "/moderation/?tab=comment&page=200"]),
        ):
            missing = open_cases - Case.objects.filter(status=Case.Status.OPEN).count()
            if missing < 0:
                self.stderr.write(
                    f"More than {open_cases:,} cases are open already; skipped. "
                    "Use a fresh database (make bench makes one)."
                )
                continue
            queue.open_cases(missing)
            for url in urls:
                figures, _ = measure.measure_get(url, client=client, runs=runs)
                rows.append({"open_cases": open_cases, "url": url, **figures})
        self.stdout.write(json.dumps(rows, indent=2))
