from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("author/<username:username>/", views.author, name="author"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("<slug:slug>/", views.detail, name="detail"),
]
