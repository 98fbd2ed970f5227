"""The moderators' queue and case pages."""

from django.http import Http404


def queue(request):
    raise Http404


def case(request, pk):
    raise Http404


def act(request, pk):
    raise Http404


def bulk(request):
    raise Http404


def note(request, pk):
    raise Http404
