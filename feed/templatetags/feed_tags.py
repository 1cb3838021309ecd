from django import template
from django.utils import timezone

from .. import feeds
from ..models import Section

register = template.Library()


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


@register.filter
def xml_safe(value):
    """Text without the characters XML 1.0 forbids, for XML written by templates (the news sitemap)."""
    return feeds.xml_safe(value)
