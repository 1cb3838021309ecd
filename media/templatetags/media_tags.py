from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def photo_credit(credit):
    """“(Photo: Photographer/Source)”, linked to the source when it has an address."""
    if credit is None:
        return ""
    if credit.url:
        return format_html('(Photo: <a href="{}" rel="nofollow noopener">{}</a>)', credit.url, str(credit))
    return format_html("(Photo: {})", str(credit))
