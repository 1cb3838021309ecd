"""The reader-page cache: whole responses in Django's cache, thrown away at once when content changes.

Every cached page is stored under the current *content generation*, a token kept in the cache.
Any save or delete of something a page shows (feed/signals.py) drops the token, so the next request
makes a new one and every older page is simply never read again (the cache evicts it in time).

Scheduled stories go live by the clock, with no save to announce them. So the generation also
records when the next scheduled story is due (one indexed query per generation); the first request
after that moment starts a new generation. Nothing cached can outlive a story's publication time.

Only anonymous GET/HEAD requests are cached; staff (with a session cookie) always get a fresh page.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag

STATE_KEY = "newsroom:generation"


@dataclass(frozen=True)
class Generation:
    token: str
    # When the next scheduled story goes live, as a Unix time; None if none is scheduled.
    next_publication: float | None

    def is_current(self, now):
        return self.next_publication is None or now < self.next_publication


def _next_publication():
    from .models import Article

    # article_feed_idx, read backwards: the earliest published_at after now among live stories.
    upcoming = (
        Article.objects.filter(
            status=Article.Status.PUBLISHED, deleted_at__isnull=True, published_at__gt=timezone.now()
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else None


def current_generation():
    """The generation cached pages are read and written under; a new one after a change or when a
    scheduled story has come due."""
    now = timezone.now().timestamp()
    state = cache.get(STATE_KEY)
    if state is None or not state.is_current(now):
        state = Generation(token=f"{time.time_ns():x}", next_publication=_next_publication())
        cache.set(STATE_KEY, state, settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return state


def content_changed():
    """Ends the current generation: now, and again when the transaction commits, so that a page made
    from the old rows in between cannot stay in the cache either."""
    cache.delete(STATE_KEY)
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


def _cacheable_request(request):
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _page_key(generation, request):
    # The host and scheme are part of the page (canonical and Open Graph addresses are absolute).
    address = request.build_absolute_uri()
    return f"newsroom:page:{generation.token}:{hashlib.sha256(address.encode()).hexdigest()}"


def _seconds_left(generation, now):
    seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS
    if generation.next_publication is not None:
        seconds = min(seconds, max(0, int(generation.next_publication - now)))
    return seconds


def cached_reader_page(view):
    """Caches a public page for anonymous readers and tells CDNs and browsers how long they may keep it.

    Responses other than 200 and those that set a cookie are never stored. For logged-in staff the
    page is made fresh and marked private.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0:
            response = view(request, *args, **kwargs)
            return _public(response, settings.NEWSROOM_CDN_MAX_AGE)
        now = timezone.now().timestamp()
        generation = current_generation()
        seconds = _seconds_left(generation, now)
        key = _page_key(generation, request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and seconds > 0:
                set_response_etag(response)
                cache.set(key, response, seconds)
        return _public(response, seconds)

    return wrapper


def _public(response, seconds):
    if response.status_code == 200:
        patch_cache_control(
            response,
            public=True,
            max_age=min(settings.NEWSROOM_BROWSER_MAX_AGE, seconds),
            s_maxage=min(settings.NEWSROOM_CDN_MAX_AGE, seconds),
        )
    return response
