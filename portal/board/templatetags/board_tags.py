from django import template

from ..selectors import training_record

register = template.Library()


@register.inclusion_tag("board/training_record.html")
def training_of(person, heading=True):
    """The courses `person` was registered for, and whether they attended: on their profile in the admin."""
    return {"participations": training_record(person) if person and person.pk else [], "heading": heading}
