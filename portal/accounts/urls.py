from django.urls import path

from . import views

# Included under /admin/ by the register_admin_urls hook (wagtail_hooks.py): login is required.
urlpatterns = [
    path("second-factor/", views.verify, name="accounts_second_factor_verify"),
    path("second-factor/enrol/", views.enrol, name="accounts_second_factor_enrol"),
    path("reports/sign-in-failures/", views.SignInFailuresReport.as_view(), name="accounts_sign_in_failures"),
    path(
        "reports/sign-in-failures/results/",
        views.SignInFailuresReport.as_view(results_only=True),
        name="accounts_sign_in_failures_results",
    ),
]
