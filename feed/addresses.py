from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import get_script_prefix, reverse
from django.utils import translation

from common.editions import locale_of


@lru_cache(maxsize=20_000)
def _page_address(view_name, slug, script_prefix, locale):
    with translation.override(locale):
        return reverse(view_name, kwargs={"slug": slug})


def page_address(view_name, slug, edition=None):
    """reverse() of a page addressed by its slug, remembered: a listing page shows about fifty such
    addresses, and reversing each was a tenth of its time. The script prefix that reverse() puts in
    front is part of the key, and so is the language, which puts "/uk/" in front: `edition`'s ("en",
    "uk"; a story's own), or the page's."""
    locale = locale_of(edition) if edition else translation.get_language()
    return _page_address(view_name, slug, get_script_prefix(), locale)


def story_address(slug, live_coverage, edition=None):
    """A story's address: its live page for live coverage, else its article page; in `edition` or the page's."""
    return page_address("live:story" if live_coverage else "feed:article", slug, edition)


def _forget_page_addresses(setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES"):
        _page_address.cache_clear()


setting_changed.connect(_forget_page_addresses)
