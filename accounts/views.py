from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import User

LoginView = auth_views.LoginView
LogoutView = auth_views.LogoutView


def signup(request):
    return HttpResponse("TODO")


def profile(request, username):
    member = get_object_or_404(User, username=username, is_active=True)
    return render(request, "accounts/profile.html", {"member": member})
