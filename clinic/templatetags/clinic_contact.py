"""{% clinic_phone %} and {% call_the_clinic %}: the clinic's number from clinic/contact.py,
in templates that render without a request (e-mails) as in pages."""

from django import template

from clinic import contact

register = template.Library()


@register.simple_tag
def clinic_phone():
    return contact.clinic_phone()


@register.simple_tag
def call_the_clinic():
    return contact.call_the_clinic()
