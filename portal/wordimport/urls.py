from django.urls import path

from .views import WordImportView

app_name = "wordimport"
urlpatterns = [path("", WordImportView.as_view(), name="import")]
