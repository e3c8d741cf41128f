from django.urls import path

from . import admin_views

app_name = "applications_admin"

urlpatterns = [
    path("", admin_views.WorkQueueView.as_view(), name="queue"),
    path("results/", admin_views.WorkQueueView.as_view(results_only=True), name="queue_results"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/files/<int:upload_id>/", admin_views.staff_upload, name="upload"),
    path("<int:pk>/result/", admin_views.staff_result, name="result"),
]
