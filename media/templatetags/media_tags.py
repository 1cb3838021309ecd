from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..models import web_address

register = template.Library()


@register.simple_tag
def photo_credit(credit):
    """“(Photo: Photographer/Source)”, linked to the source when it has an address."""
    if credit is None:
        return ""
    if url := web_address(credit.url):
        return format_html('(Photo: <a href="{}" rel="nofollow noopener">{}</a>)', url, str(credit))
    return format_html("(Photo: {})", str(credit))


@register.simple_tag
def picture(photo, slot="lead", sizes="100vw", lead=False, css_class="", alt=None):
    """<picture> with AVIF, WebP and JPEG srcsets of a slot. `lead=True` for the one photo at the
    top of the page: loaded at once with high priority; every other photo loads lazily.

    Built in Python, not with a template: it runs for every card, and as an inclusion tag it was
    about 40% of a listing page's rendering time.
    """
    alt = photo.alt_text if alt is None else alt
    loading = mark_safe(' fetchpriority="high"' if lead else ' loading="lazy"')
    css = format_html(' class="{}"', css_class) if css_class else ""
    sources, fallback = photo.sources(slot)
    if not fallback:
        size = format_html(' width="{}" height="{}"', photo.width, photo.height) if photo.width else ""
        return format_html('<img src="{}" alt="{}"{}{} decoding="async"{}>', photo.url, alt, size, loading, css)
    others = format_html_join(
        "\n  ",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((kind, srcset, sizes) for kind, srcset in sources if kind != "image/jpeg"),
    )
    jpeg = format_html_join(
        "", ' srcset="{}" sizes="{}"', ((srcset, sizes) for kind, srcset in sources if kind == "image/jpeg")
    )
    return format_html(
        '<picture>\n  {}\n  <img src="{}"{} width="{}" height="{}" alt="{}"{} decoding="async"{}>\n</picture>',
        others,
        fallback["url"],
        jpeg,
        fallback["width"],
        fallback["height"],
        alt,
        loading,
        css,
    )
