from django.conf import settings
from django.contrib import admin
from django.contrib.flatpages import views as flatpage_views
from django.http import Http404
from django.urls import include, path, re_path, register_converter
from django.views.static import serve as static_serve

from accounts.converters import UsernameConverter

admin.site.site_header = "Autoblog newsroom"
admin.site.site_title = "Autoblog newsroom"
admin.site.index_title = "Stories and readers"

register_converter(UsernameConverter, "username")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path(
        "community-guidelines/",
        flatpage_views.flatpage,
        {"url": "/community-guidelines/"},
        name="community-guidelines",
    ),
    path("comments/", include("comments.urls")),
    path("moderation/", include("moderation.urls")),
    path("", include("articles.urls")),
]

handler400 = "autoblog.views.bad_request"
handler403 = "autoblog.views.permission_denied"
handler404 = "autoblog.views.page_not_found"
handler500 = "autoblog.views.server_error"


def serve_media(request, path):
    # Settings are read per request so that tests can switch this on and point
    # MEDIA_ROOT at a fresh folder.
    if not settings.SERVE_MEDIA:
        raise Http404
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_media)]
