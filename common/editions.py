"""The site's editions: English at the addresses it always had, Ukrainian under /uk/
(docs/reader-site.md, "Two editions").

An edition is a story's `language` ("en", "uk"). The language Django has active while a reader page is
made is the edition's *locale*: settings.LANGUAGE_CODE ("en-gb") for English, which is the language
i18n_patterns(prefix_default_language=False) writes no prefix for, and "uk" for Ukrainian.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db.models import Q
from django.utils import translation

# The edition of an address with no language prefix.
DEFAULT_EDITION = "en"
# Open Graph's og:locale of each edition.
OG_LOCALES = {"en": "en_GB", "uk": "uk_UA"}


def editions():
    return [code for code, _name in settings.LANGUAGES]


def locale_of(edition):
    """The language to activate for `edition`: its prefix in the addresses, its interface."""
    return settings.LANGUAGE_CODE if edition == DEFAULT_EDITION else edition


def current_edition():
    """The edition of the page being made: the active language's, English if it is no edition's."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in editions() else DEFAULT_EDITION


def other_editions(edition):
    return [code for code in editions() if code != edition]


def translated_fields(*fields):
    """The fields django-modeltranslation keeps for `fields`, one per language: ["name_en", "name_uk", …]."""
    return [f"{field}_{language}" for field in fields for language in settings.MODELTRANSLATION_LANGUAGES]


def translated_columns(path, *fields):
    """translated_fields() of the row at `path` ("section"): ["section__name_en", "section__name_uk", …],
    for values() and only()."""
    return [f"{path}__{field}" for field in translated_fields(*fields)]


def other_edition(edition):
    """The edition a story in `edition` is translated into: with two editions, the other one."""
    return other_editions(edition)[0]


@contextmanager
def in_edition(edition):
    """Addresses reversed (and text translated) inside are `edition`'s."""
    with translation.override(locale_of(edition)):
        yield


def edition_from_path(path):
    """The edition an address is in: the prefix of an edition other than English ("/uk/…"), else English.
    Nothing else chooses it (no Accept-Language, no cookie): readers choose by the address."""
    first = path.lstrip("/").partition("/")[0]
    return first if first in other_editions(DEFAULT_EDITION) else DEFAULT_EDITION


def slug_lookup(slug, edition=None):
    """Q for the row (a section, an author: django-modeltranslation's slug_en, slug_uk) at whose address
    in `edition` (the page's) `slug` is: its own slug in that edition, or, having none there yet, its
    English one, which is the address its fallback name is shown at."""
    edition = edition or current_edition()
    if edition == DEFAULT_EDITION:
        return Q(**{f"slug_{DEFAULT_EDITION}": slug})
    return Q(**{f"slug_{edition}": slug}) | Q(**{f"slug_{edition}__isnull": True, f"slug_{DEFAULT_EDITION}": slug})
