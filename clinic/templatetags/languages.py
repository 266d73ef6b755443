"""{% language_links as links %}: the current page in each patient language."""

from django import template

from clinic import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    request = context.get("request")
    if request is None:
        return []
    return languages.page_language_links(request)
