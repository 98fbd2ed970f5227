"""The record of moderation: the log, its CSV export, and metrics."""

from django.http import Http404


def log(request):
    raise Http404


def log_csv(request):
    raise Http404


def metrics(request):
    raise Http404
