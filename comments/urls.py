from django.urls import path

from moderation.views import reader

from . import views

app_name = "comments"

urlpatterns = [
    path("article/<int:article_id>/", views.thread_page, name="page"),
    path("article/<int:article_id>/post/", views.post, name="post"),
    path("<int:pk>/", views.permalink, name="permalink"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/like/", views.like, name="like"),
    path("<int:pk>/unlike/", views.unlike, name="unlike"),
    # Reporting belongs to moderation; the path sits with the comment's others.
    path("<int:pk>/report/", reader.report_comment, name="report"),
]
