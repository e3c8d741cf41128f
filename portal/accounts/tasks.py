"""Background tasks of staff accounts (django_tasks): run by the worker of `manage.py run_scheduler`."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation
from django_tasks import task

from portal.operations.task_queue import BACKGROUND

from . import services


@task(backend=BACKGROUND)  # never in the request: a known address must not answer later than an unknown one
def send_password_reset_task(*, email: str, domain: str, use_https: bool, language: str) -> None:
    """Wagtail's password reset mail to the active staff with that address, if any (Django's form does the rest)."""
    form = PasswordResetForm(data={"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=services.PASSWORD_RESET_SUBJECT_TEMPLATE,
            email_template_name=services.PASSWORD_RESET_EMAIL_TEMPLATE,
        )
