from django.urls import path

from .views import queue, reader, record

app_name = "moderation"

urlpatterns = [
    # Readers
    path("report/user/<username:username>/", reader.report_user, name="report-user"),
    path("notices/", reader.notices, name="notices"),
    path("appeal/<int:action_id>/", reader.appeal, name="appeal"),
    path(
        "appeal/terminated/<str:token>/",
        reader.appeal_terminated,
        name="appeal-terminated",
    ),
    # Moderators
    path("", queue.queue, name="queue"),
    path("case/<int:pk>/", queue.case, name="case"),
    path("case/<int:pk>/act/", queue.act, name="act"),
    path("bulk/", queue.bulk, name="bulk"),
    path("user/<int:pk>/note/", queue.note, name="note"),
    path("log/", record.log, name="log"),
    path("log.csv", record.log_csv, name="log-csv"),
    path("metrics/", record.metrics, name="metrics"),
]
