"""The reader-page cache: whole responses in Django's cache, thrown away at once when content changes.

Every cached page is stored with the *content generation* it was made in, a token kept in the cache.
Any save or delete of something a page shows (feed/signals.py) drops the token, so the next request
makes a new one and every older page is simply never served again (it is overwritten, or the cache
evicts it in time). A request reads the token and its page in one round trip (get_many).

Scheduled stories go live by the clock, with no save to announce them. So the generation also
records when the next scheduled story is due (one indexed query per generation); the first request
after that moment starts a new generation. Nothing cached can outlive a story's publication time.

Only anonymous GET/HEAD requests are cached; staff (with a signed-in session) always get a fresh page.
Hits are served by ReaderPageCacheMiddleware, early, before any user or CSRF work; only Django's
cache API is used (get_many, set, delete), so any cache backend will do.

A page is keyed on what it is made from and nothing a client can vary at will: the address Django
routed (script prefix and path), the host, the language (which the address chooses: "/uk/…"), and the
one query parameter reader pages read. A response that sets or deletes a cookie, or varies on Cookie,
is never stored.
"""

import hashlib
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import has_vary_header, patch_cache_control, set_response_etag

STATE_KEY = "newsroom:generation"
# The only query parameter a cached reader page reads ("Show More"'s cursor). Any other
# (?utm_source=…) makes the same page, so it is left out of the key.
KEYED_PARAMETERS = ("before",)


@dataclass(frozen=True)
class Generation:
    token: str
    # When the next scheduled story goes live, as a Unix time; None if none is scheduled.
    next_publication: float | None

    def is_current(self, now):
        return self.next_publication is None or now < self.next_publication

    def seconds_left(self, now, seconds):
        """How long, at most `seconds`, what is made in this generation may be kept: until the next
        scheduled story is due."""
        if self.next_publication is not None:
            seconds = min(seconds, max(0, int(self.next_publication - now)))
        return seconds


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


# Inside changes_announced_once(): whether content_changed() was called there; None outside.
_changes_held = ContextVar("changes_held", default=None)


def content_changed():
    """Ends the current generation: now, and again when the transaction commits, so that a page made
    from the old rows in between cannot stay in the cache either."""
    if (held := _changes_held.get()) is not None:
        held.append(True)
        return
    cache.delete(STATE_KEY)
    transaction.on_commit(lambda: cache.delete(STATE_KEY))


@contextmanager
def changes_announced_once():
    """For many writes in a row (an import): content_changed() within ends the generation once, on
    leaving, instead of twice for each save. Wrap the transaction, so that leaving follows its commit:
    no page made before the commit outlives it."""
    token = _changes_held.set([])
    try:
        yield
    finally:
        changed = bool(_changes_held.get())
        _changes_held.reset(token)
        if changed:
            content_changed()


def _signed_in(request):
    """Whether the request carries the session of a signed-in user. A junk or expired session cookie
    costs one lookup, and the reader still gets the cached page. The middleware runs before
    SessionMiddleware, so it opens the session as Django's documentation shows for code outside views."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    if not hasattr(request, "session"):
        return SESSION_KEY in import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return SESSION_KEY in request.session


def _cacheable_request(request):
    return request.method in ("GET", "HEAD") and not _signed_in(request)


def _page_key(request, keyed_parameters):
    # The host and scheme are part of the page (canonical and Open Graph addresses are absolute). The
    # script prefix (in request.path) is too, and the path that was routed: a SCRIPT_NAME a client
    # slipped in can then only ever reach its own entry.
    parameters = [(name, value) for name in keyed_parameters for value in request.GET.getlist(name)]
    # The language too, though the address says it ("/uk/…"): a page is made in the one active.
    language = translation.get_language()
    address = repr((request.scheme, request.get_host(), request.path, request.path_info, language, parameters))
    return f"newsroom:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _storable(response):
    return not response.cookies and not has_vary_header(response, "Cookie")


@dataclass
class Lookup:
    """What one cache round trip found for a request: the current generation and its page, if any."""

    key: str
    generation: Generation
    seconds: int
    response: object


def _look_up(request, keyed_parameters):
    """One round trip: the generation and the page together. A page is stored with the token of the
    generation it was made in, and only a page of the current generation counts."""
    now = timezone.now().timestamp()
    key = _page_key(request, keyed_parameters)
    found = cache.get_many([STATE_KEY, key])
    state = current_generation(found.get(STATE_KEY), now)
    token, response = found.get(key) or (None, None)
    seconds = state.seconds_left(now, settings.NEWSROOM_PAGE_CACHE_SECONDS)
    return Lookup(key, state, seconds, response if token == state.token else None)


def current_generation(state, now):
    """`state`, the generation read from the cache, if it is still current; else a new one, stored.
    The shared blocks' fragments (feed/fragments.py) are kept under it too."""
    if state is None or not state.is_current(now):
        state = Generation(token=f"{time.time_ns():x}", next_publication=_next_publication())
        cache.set(STATE_KEY, state, max(settings.NEWSROOM_PAGE_CACHE_SECONDS, settings.NEWSROOM_FRAGMENT_CACHE_SECONDS))
    return state


class ReaderPageCacheMiddleware:
    """Serves cached reader pages before the session, authentication, CSRF and messages middleware
    run, and stores the page a @cached_reader_page view made once every middleware has added its
    headers. Goes after ConditionalGetMiddleware (which answers 304 from the page's ETag) and before
    anything that reads the database or the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.NEWSROOM_PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        # Asked last: a session cookie costs a lookup, which other pages (the admin) must not pay twice.
        if not getattr(match.func, "cached_reader_page", False) or not _cacheable_request(request):
            return self.get_response(request)
        lookup = _look_up(request, getattr(match.func, "keyed_parameters", KEYED_PARAMETERS))
        if lookup.response is not None:
            return _public(lookup.response, lookup.seconds)
        request.reader_page_lookup = lookup
        response = self.get_response(request)
        if getattr(response, "reader_page_cacheable", False) and _storable(response):
            del response.reader_page_cacheable
            cache.set(lookup.key, (lookup.generation.token, response), lookup.seconds)
        return response


def cached_reader_page(view, keyed_parameters=KEYED_PARAMETERS):
    """Marks a public page as cacheable for anonymous readers (ReaderPageCacheMiddleware serves and
    stores it) and tells CDNs and browsers how long they may keep it. `keyed_parameters`: the query
    parameters the page reads (the JSON API's filters and cursor), each value its own cached page.

    Responses other than 200 and those that set a cookie are never stored. For logged-in staff the
    page is made fresh and marked private.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        lookup = getattr(request, "reader_page_lookup", None)
        if lookup is None:
            response = view(request, *args, **kwargs)
        else:
            response = _unconditionally(view, request, *args, **kwargs)
        if not _cacheable_request(request):
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if lookup is None:  # the cache is off
            return _public(response, settings.NEWSROOM_CDN_MAX_AGE)
        if response.status_code == 200 and not response.cookies and lookup.seconds > 0:
            if not response.has_header("ETag"):  # a view's own (the live poll's) is kept
                set_response_etag(response)
            response.reader_page_cacheable = True
        return _public(response, lookup.seconds)

    wrapper.cached_reader_page = True
    wrapper.keyed_parameters = tuple(keyed_parameters)
    return wrapper


CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def _unconditionally(view, request, *args, **kwargs):
    """A miss fills the cache: the view makes the whole page even for a client that holds it (a view
    answering 304 itself, as the live poll's can, would leave nothing to store, and every poller would
    come back to the view); ConditionalGetMiddleware, outside, still answers that client 304."""
    held = {name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META}
    try:
        return view(request, *args, **kwargs)
    finally:
        request.META.update(held)


def _public(response, seconds):
    # A view that set its own (the live poll's, which a CDN must not hold for a minute) keeps it.
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(
            response,
            public=True,
            max_age=min(settings.NEWSROOM_BROWSER_MAX_AGE, seconds),
            s_maxage=min(settings.NEWSROOM_CDN_MAX_AGE, seconds),
        )
    return response
