"""/api/: django-ninja's views, each a reader page for the page cache (feed/caching.py): anonymous
GETs are kept until content changes, with the same ETag, 304 and Cache-Control as the pages."""

from django.urls import path

from feed.caching import cached_reader_page

from .api import api

# Every query parameter an endpoint reads is part of its cache key.
KEYED_PARAMETERS = ("section", "tag", "author", "cursor", "limit", "updated_since")

# The docs page is left out: its Content-Security-Policy is the view's own, which a cached copy would lose.
NOT_CACHED = {"openapi-view"}

patterns, app_name, namespace = api.urls
urlpatterns = [
    path(
        str(pattern.pattern),
        pattern.callback if pattern.name in NOT_CACHED else cached_reader_page(pattern.callback, KEYED_PARAMETERS),
        name=pattern.name,
    )
    for pattern in patterns
]
