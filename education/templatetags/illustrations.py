"""`{{ scar_type.key|scar_illustration }}`: the drawings of a scar key (education/illustrations.py).

A filter rather than view context, so the scar guide, the scar pages and the intake's
step 2 (each with its own view) find the same drawings and words from one registry."""

from django import template

from education.illustrations import illustration_for, treatment_illustration_for

register = template.Library()


@register.filter
def scar_illustration(key):
    return illustration_for(key)


@register.filter
def treatment_illustration(key):
    return treatment_illustration_for(key)
