from django.urls import URLPattern, re_path

from .api import api
from .http import api_view, not_found

app_name = "opendata"

urlpatterns = [
    # django-ninja's views, each wrapped in the API's HTTP side (http.py); its root page is not used.
    *(
        URLPattern(pattern.pattern, api_view(pattern.callback), pattern.default_args, pattern.name)
        for pattern in api.urls[0]
        if pattern.name != "api-root"
    ),
    re_path(r"^(?P<rest>.*)$", not_found),
]
