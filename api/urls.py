"""/api/: django-ninja's views, each a reader page for the page cache (feed/caching.py): anonymous
GETs are kept until content changes, with the same ETag, 304 and Cache-Control as the pages."""

from functools import wraps

from django.urls import path

from feed.caching import cached_reader_page

from .api import api

# Every query parameter an endpoint reads is part of its cache key.
KEYED_PARAMETERS = ("section", "tag", "author", "cursor", "limit", "updated_since")
# The docs page is left out: its Content-Security-Policy is the view's own, which a cached copy would lose.
NOT_CACHED = {"openapi-view"}


def answering_head(view):
    """HEAD answered as GET, as Django's own views do (the server sends no body); the schema lists GET."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"

    return wrapper


patterns, app_name, namespace = api.urls
urlpatterns = [
    path(
        str(pattern.pattern),
        pattern.callback
        if pattern.name in NOT_CACHED
        else cached_reader_page(answering_head(pattern.callback), KEYED_PARAMETERS),
        name=pattern.name,
    )
    for pattern in patterns
]
