from django.http import HttpResponse


def home(request):
    return HttpResponse("TODO")


section = author = preview = detail = home
