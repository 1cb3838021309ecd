"""The Jinja2 environment of reader pages (TEMPLATES in newsroom/settings.py).

Templates render HTML; what they need from Python is here as globals and filters, each returning
text or data, never markup. Markup that repeats is a macro in an underscore partial: picture() in
media/_picture.html, story_card() in feed/_story_card.html, author_box() in authors/_author_box.html.

Every reader-facing word goes through Django's translations (jinja2.ext.i18n on django.utils.translation):
`{{ _("Show More") }}`, `{{ _("About %(name)s", name=author.name) }}` and `{% trans count=n %}…{% endtrans %}`
read the active language (docs/translations.md). Dates are written in it too, by Django's formats
(newsroom/formats/<language>/formats.py).
"""

import functools
import re

from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator, normalize_newlines
from jinja2 import ChainableUndefined, Environment
from markupsafe import Markup

from common.web_addresses import web_address
from feed.feeds import xml_safe
from feed.fragments import section_nav
from feed.metadata import json_for_script, language_links


def environment(**options):
    # As Django's template language does, and the same with DEBUG on or off: a missing variable, or
    # an attribute of one, is empty and false (e.g. `meta.description` on a page without `meta`).
    # Django's backend would print DebugUndefined's "{{ name }}" into pages in development.
    options["undefined"] = ChainableUndefined
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)
    # {{ _("…") }} in templates: Django's translations, in the language of the page's edition.
    env.install_gettext_translations(translation, newstyle=True)
    env.globals |= {
        "static": static,
        "url": url,
        "now": timezone.localtime,
        "section_nav": section_nav,
        "language_links": language_links,
    }
    env.filters |= {
        "absolute_url": absolute_url,
        "sources": sources,
        "date": date,
        "card_time": card_time,
        "machine_time": machine_time,
        "duration": duration,
        "truncatechars": truncatechars,
        "paragraphs": paragraphs,
        "web_address": web_address,
        "json_ld": json_ld,
        "xml_safe": xml_safe,
    }
    return env


def url(name, *args, **kwargs):
    """{% url %}: url("feed:tag", tag.slug)."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


# Filters rather than method calls where a page makes many: Jinja2 calls a method from a template
# through Context.call(), which costs three times what a filter call does, and a listing page
# makes about seventy (docs/performance.md).


def absolute_url(obj):
    """`obj.get_absolute_url()`: {{ article|absolute_url }}."""
    return obj.get_absolute_url()


def sources(photo, slot):
    """`photo.sources(slot)` (media.models.Photo): the <source> srcsets and fallback of a slot."""
    return photo.sources(slot)


def date(value, format_string):
    """Django's `date` filter: local time, in the active language's format of that name ("DATE_FORMAT",
    "DATETIME_FORMAT", "TIME_FORMAT", "MONTH_DAY_FORMAT") or in Django's format letters ("H:i"). Named
    formats, not letters, wherever a month is written: Ukrainian writes "2 грудня" ("j E"), English "2 December"."""
    if not value:
        return ""
    return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value, format_string)


def card_time(value):
    """A story card's <time>: its datetime value and its text as `date("DATETIME_FORMAT")` writes it
    in the active language ("9 November 2026, 08:05", "9 листопада 2026, 08:05"), from one conversion
    to local time. tests/feed/test_time_format.py holds the two to the same text."""
    local = timezone.localtime(value).replace(microsecond=0)
    return local.isoformat(), _shown_card_time(local.replace(second=0), local.utcoffset(), translation.get_language())


@functools.lru_cache(maxsize=4096)
def _shown_card_time(local_minute, utc_offset, language):
    # Twenty cards a page, mostly the same stories from one request to the next: Django's format parser
    # (three times the rest of card_time) runs once per story time and language, not once per card. The
    # offset is in the key because aware datetimes of one instant are equal whatever their time zone.
    return formats.date_format(local_minute, "DATETIME_FORMAT")


def machine_time(value):
    """A <time datetime> value: local time to the second. HTML allows at most three digits of a second's fraction."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def duration(value):
    """A video's length as 3:45 or 1:02:03."""
    total = int(value.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def truncatechars(value, length):
    """Django's `truncatechars`: at most `length` characters, the last of them "…" when cut."""
    return Truncator(value).chars(length)


def paragraphs(text):
    """Plain text as paragraphs of lines, for <p> and <br> in a template, split as Django's
    `linebreaks` splits it: blank lines part paragraphs."""
    return [paragraph.split("\n") for paragraph in re.split("\n{2,}", normalize_newlines(str(text)))]


def json_ld(data):
    """The text of a <script type="application/ld+json"> element: JSON that cannot end the element
    (feed.metadata.json_for_script). Not HTML, and not to be HTML-escaped, so passed through as it is."""
    return Markup(json_for_script(data))
