"""Timing in one warm process, as W1's measurement (a) prescribes."""

import statistics
import time

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure_get(url: str, *, client: Client | None = None, runs=30, warmup=3):
    """Median and p90 wall time, CPU time, queries and bytes of GETs of ``url``."""
    client = client or Client()
    anonymous = settings.SESSION_COOKIE_NAME not in client.cookies
    for _ in range(warmup):
        _get(client, url, anonymous)
    wall, cpu = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        response = _get(client, url, anonymous)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url, anonymous)
    return {
        "median_ms": round(statistics.median(wall), 2),
        "p90_ms": round(_percentile(wall, 0.9), 2),
        "cpu_ms": round(statistics.median(cpu), 2),
        "queries": count_queries(queries),
        "bytes": len(response.content),
        "status": response.status_code,
    }, response


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def count_queries(captured: CaptureQueriesContext) -> int:
    """SQL queries, not counting BEGIN, COMMIT and savepoints."""
    return sum(
        not q["sql"].lstrip().upper().startswith(TRANSACTION_CONTROL)
        for q in captured.captured_queries
    )


def _get(client: Client, url: str, anonymous: bool):
    if anonymous:
        client.cookies.clear()
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response
