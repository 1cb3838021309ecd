from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=20_000)
def _page_address(view_name, slug, script_prefix):
    return reverse(view_name, kwargs={"slug": slug})


def page_address(view_name, slug):
    """reverse() of a page addressed by its slug, remembered: a listing page shows about fifty such
    addresses, and reversing each was a tenth of its time. The script prefix that reverse() puts in
    front is part of the key."""
    return _page_address(view_name, slug, get_script_prefix())


def _forget_page_addresses(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _page_address.cache_clear()


setting_changed.connect(_forget_page_addresses)
