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


@register.inclusion_tag("media/_picture.html")
def picture(photo, slot="lead", sizes="100vw", lead=False, css_class="", alt=None):
    """<picture> with AVIF, WebP and JPEG srcsets of a slot. `lead=True` for the one photo at the
    top of the page: loaded at once with high priority; every other photo loads lazily."""
    sources, fallback = photo.sources(slot)
    return {
        "photo": photo,
        "sources": sources,
        "fallback": fallback,
        "sizes": sizes,
        "lead": lead,
        "css_class": css_class,
        "alt": photo.alt_text if alt is None else alt,
    }
