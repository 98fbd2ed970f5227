import gc
import json
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from bench import measure, synthetic
from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Print how the default first page of comments and posting a reply scale "
        "with the size of one article's discussion."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default="100,1000,10000,100000", help="Comma-separated."
        )
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--posts", type=int, default=10)

    def handle(self, *args, sizes, runs, posts, **options):
        rows = []
        sizes = [int(s) for s in sizes.split(",")]
        articles = {size: synthetic.generate(size) for size in sizes}
        # Building a large discussion leaves many objects for the collector to
        # walk later; measure from a clean heap.
        gc.collect()
        for size, article in articles.items():
            page, _ = measure.measure_get(article.get_absolute_url(), runs=runs)
            rows.append(
                {"comments": size, "first_page": page, **_posting(article, posts, size)}
            )
            self.stderr.write(f"{size:>7,} comments measured")
        self.stdout.write(json.dumps(rows, indent=2))
        self.stdout.write(_table(rows))


def _posting(article, posts: int, size: int) -> dict:
    """Replies to a first-page comment, each by a different reader so that the
    flood limit does not interfere; the query count of the last one."""
    parent = Comment.objects.filter(article=article, root__isnull=True).earliest(
        "created_at"
    )
    url = reverse("comments:post", args=[article.pk])
    readers = User.objects.filter(username__startswith=f"synth{size}-")[:posts]
    client = Client()
    timings, queries = [], 0
    for n, reader in enumerate(readers):
        client.force_login(reader)
        data = {"body": f"Reply number {n} {time.time()}", "parent": parent.pk}
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.post(url, data, secure=True)
            timings.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 302:
            raise RuntimeError(f"Posting answered {response.status_code}")
        queries = measure.count_queries(captured)
    return {
        "reply": {
            "median_ms": round(statistics.median(timings), 2),
            "queries": queries,
        }
    }


def _table(rows) -> str:
    lines = [
        "",
        "| comments | first page median ms | p90 ms | queries | bytes "
        "| reply median ms | reply queries |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        p, w = r["first_page"], r["reply"]
        lines.append(
            f"| {r['comments']:,} | {p['median_ms']} | {p['p90_ms']} | {p['queries']} "
            f"| {p['bytes']:,} | {w['median_ms']} | {w['queries']} |"
        )
    return "\n".join(lines)
