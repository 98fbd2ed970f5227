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


def bad_request(request, exception=None):
    return render(request, "400.html", {"code": 400, "reason": ""}, status=400)


def csrf_failure(request, reason=""):
    # Usually an expired form (the page stayed open past the session) or
    # blocked cookies; the reader's text cannot be recovered from here, so say
    # how to avoid losing it.
    return render(
        request,
        "400.html",
        {
            "code": 403,
            "reason": "This form expired or your browser did not send its security "
            "cookie. Go back, copy anything you typed, reload the page and "
            "submit again. Cookies must be enabled for this site.",
        },
        status=403,
    )
