from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from moderation.views.reader import terminated_sign_in

from .forms import SignupForm
from .models import User

# A new account never went through authenticate(), so login() must be told
# which backend vouches for it; AUTHENTICATION_BACKENDS lists two.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next_url(request) -> str:
    """The `next` URL from the request if it stays on this site, else "".

    The header links to sign in and sign up carry the current page as `next`,
    so those links on the sign-in and sign-up pages themselves nest one `next`
    inside another; the innermost page is where the reader was going.
    """
    url = request.POST.get("next", request.GET.get("next", ""))
    auth_pages = {reverse("accounts:login"), reverse("accounts:signup")}
    for _ in range(5):
        if not url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return ""
        parts = urlsplit(url)
        if parts.path not in auth_pages:
            return url
        url = QueryDict(parts.query).get("next", "")
    return ""


@sensitive_post_parameters("password1", "password2")
@never_cache
def signup(request):
    next_url = safe_next_url(request)
    if request.user.is_authenticated:
        messages.info(request, "You are already signed in.")
        return HttpResponseRedirect(next_url or reverse("articles:home"))

    form = SignupForm(request.POST) if request.method == "POST" else SignupForm()
    if form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # Another sign-up took the name between validation and saving.
            form.add_error(
                None,
                "That username or e-mail address was taken a moment ago. "
                "Choose another one and try again.",
            )
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request, f"Welcome to Autoblog, {user.display_name}. You are signed in."
            )
            return HttpResponseRedirect(next_url or reverse("articles:home"))
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def get_redirect_url(self, request=None):
        return safe_next_url(request or self.request)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"Welcome back, {form.get_user()}.")
        return response

    def form_invalid(self, form):
        # A terminated account may still appeal its termination, but cannot
        # sign in to do it. Once authentication has failed (and been counted by
        # django-axes), the right password for a terminated account shows the
        # decision instead of the generic error. Never while axes has locked
        # the name out: the page would confirm guesses that axes refuses.
        # cleaned_data, not the raw POST: a field that failed validation (a
        # NUL character, say) must not reach the database.
        username = form.cleaned_data.get("username")
        password = form.cleaned_data.get("password")
        if (
            username
            and password
            and not getattr(self.request, "axes_locked_out", False)
        ):
            user = User.objects.filter(
                username=username, status=User.Status.TERMINATED
            ).first()
            if user is not None and user.check_password(password):
                return terminated_sign_in(self.request, user)
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You have signed out.")
        return response


def profile(request, username):
    # Terminated accounts are inactive but keep a profile: their comments
    # still link to it.
    shown = User.objects.filter(Q(is_active=True) | Q(status=User.Status.TERMINATED))
    member = get_object_or_404(shown, username=username)
    return render(request, "accounts/profile.html", {"member": member})
