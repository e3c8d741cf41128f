"""Plain-text e-mails read as typed: bodies and subjects rendered without HTML escaping (a citizen's
`"Hợp tác A & B"` must not arrive as `&quot;Hợp tác A &amp; B&quot;`), subjects on one line.
Every mail of the portal renders its .txt templates through here."""

from email.headerregistry import Address
from email.utils import parseaddr

from django.template import Context
from django.template.loader import get_template


def render_text(template_name: str, context: dict | None = None) -> str:
    """A .txt template rendered with autoescape off, whatever the template says."""
    template = get_template(template_name).template  # the engine's own Template, to pass a Context
    return template.render(Context(context or {}, autoescape=False))


def render_subject(template_name: str, context: dict | None = None) -> str:
    """A subject template rendered as one line (a header cannot hold a line break)."""
    return " ".join(render_text(template_name, context).split())


def sender(agency=None) -> str:
    """The From of the portal's mails: the agency's name from its details (`agency`'s, else the default
    site's), on the installation's address (DEFAULT_FROM_EMAIL), so one installation's code names no agency."""
    from django.conf import settings

    from .models import AgencySettings

    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return str(Address(display_name=(agency or AgencySettings.load()).name_vi, addr_spec=address))
