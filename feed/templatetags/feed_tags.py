from django import template
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString

from media.templatetags.media_tags import escape, picture

from .. import feeds
from ..models import Section

register = template.Library()

CARD_PHOTO_SIZES = "(min-width: 48rem) 13rem, 7.5rem"


@register.inclusion_tag("feed/_section_nav.html", takes_context=True)
def section_nav(context):
    """The header's section menu; pages mark their own with `current_section` (a slug)."""
    return {"sections": Section.objects.all(), "current": context.get("current_section")}


@register.filter
def duration(value):
    """A video's length as 3:45 or 1:02:03."""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


@register.filter
def machine_time(value):
    """A <time datetime> value: local time to the second. HTML allows at most three digits of a second's fraction."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def story_card(article, heading_level=2):
    """One story in a list: its photo (or video poster), section, headline, summary (or, for a search
    result, its `snippet_html`) and time. Needs the article loaded with for_listing().

    Built in Python, not with an included template, for the reason media's `picture` tag is: every
    listing page shows twenty or more cards, and as a template they were half of its rendering time.
    """
    url = escape(article.get_absolute_url())
    photo = article.card_photo
    media = ""
    if photo is not None:
        badge = ""
        if article.is_video:
            length = f" {duration(article.video_duration)}" if article.video_duration else ""
            badge = f'\n    <span class="play-badge">▶{length}</span>'
        image = picture(photo, "lead", sizes=CARD_PHOTO_SIZES, css_class="card__img")
        media = f'<a class="card__media" href="{url}" tabindex="-1" aria-hidden="true">\n    {image}{badge}\n  </a>\n  '
    snippet = getattr(article, "snippet_html", None)
    if snippet:
        summary = f'<p class="card__summary card__snippet">{escape(snippet)}</p>'
    else:
        summary = f'<p class="card__summary">{escape(article.summary)}</p>'
    level = escape(heading_level or 2)
    section = article.section
    published = timezone.localtime(article.published_at)
    return SafeString(
        f'<article class="card{" card--video" if article.is_video else ""}">\n  {media}<div class="card__text">\n'
        f'    <p class="eyebrow"><a href="{escape(section.get_absolute_url())}">{escape(section.name)}</a></p>\n'
        f'    <h{level} class="card__headline"><a href="{url}">{escape(article.headline)}</a></h{level}>\n'
        f"    {summary}\n"
        f'    <p class="card__meta"><time datetime="{published.replace(microsecond=0).isoformat()}">'
        f"{card_date(published)}</time></p>\n"
        "  </div>\n</article>"
    )


def card_date(local):
    """The `date:"j M Y, H:i"` filter's output ("9 Nov 2026, 08:05"), without its format parser."""
    return f"{local.day} {MONTHS_3[local.month].title()} {local.year:04d}, {local.hour:02d}:{local.minute:02d}"


@register.filter
def xml_safe(value):
    """Text without the characters XML 1.0 forbids, for XML written by templates (the news sitemap)."""
    return feeds.xml_safe(value)
