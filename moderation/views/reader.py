"""Readers' side of moderation: reports, notices and appeals."""

from django.http import Http404


def report_comment(request, pk):
    raise Http404


def report_user(request, username):
    raise Http404


def notices(request):
    raise Http404


def appeal(request, action_id):
    raise Http404
