import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.web_addresses import web_address

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
    about 40% of a listing page's rendering time. f-strings with escape() rather than format_html(),
    which was still a third of a card's time.
    """
    alt = escape(photo.alt_text if alt is None else alt)
    loading = ' fetchpriority="high"' if lead else ' loading="lazy"'
    css = f' class="{escape(css_class)}"' if css_class else ""
    sources, fallback = photo.sources(slot)
    if not fallback:
        size = f' width="{escape(photo.width)}" height="{escape(photo.height)}"' if photo.width else ""
        return SafeString(f'<img src="{escape(photo.url)}" alt="{alt}"{size}{loading} decoding="async"{css}>')
    sizes = escape(sizes)
    others = "\n  ".join(
        f'<source type="{kind}" srcset="{escape(srcset)}" sizes="{sizes}">'
        for kind, srcset in sources
        if kind != "image/jpeg"
    )
    jpeg = "".join(f' srcset="{escape(srcset)}" sizes="{sizes}"' for kind, srcset in sources if kind == "image/jpeg")
    return SafeString(
        f"<picture>\n  {others}\n"
        f'  <img src="{escape(fallback["url"])}"{jpeg} width="{escape(fallback["width"])}"'
        f' height="{escape(fallback["height"])}" alt="{alt}"{loading} decoding="async"{css}>\n</picture>'
    )


def escape(value):
    """conditional_escape() without its lazy-string checks, for tags that build a lot of HTML: what is
    already HTML passes unchanged, anything else is escaped exactly as Django's escape() does it."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
