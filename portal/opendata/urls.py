from django.urls import path, re_path

from . import views
from .resources import RESOURCES

app_name = "opendata"

urlpatterns = [
    path("openapi.json", views.openapi, name="openapi"),
    *(
        pattern
        for resource in RESOURCES
        for pattern in (
            path(f"{resource.name}/", views.list_view(resource.name), name=f"{resource.name}-list"),
            path(f"{resource.name}/<str:ident>/", views.detail_view(resource.name), name=f"{resource.name}-detail"),
        )
    ),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
