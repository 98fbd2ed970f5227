"""Error pages in the site's look.

Django's defaults would do, but they render bare HTML; these render the site's
templates. The 500 view keeps to a static template with no context processors,
because whatever broke the request may break them too.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())
