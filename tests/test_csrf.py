"""Every URL the site has, walked from the URL resolver (so new ones are covered), refuses a POST
without a CSRF token, even from a logged-in superuser. The JSON API (/api/) takes no session, only a
bearer token, so a POST a signed-in browser was tricked into sending is refused there too: 401, 403 or
405 where nothing is written."""

import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from tests.factories import make_user

pytestmark = pytest.mark.django_db

# Arguments whose pattern limits their values; any other takes "1" (the middleware refuses the
# POST before a view would look anything up).
KNOWN_VALUES = {"app_label": "feed", "section": "authors"}
ROUTE_ARGUMENT = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def every_url(patterns=None, prefix=""):
    """A concrete address for each URL pattern of the project, arguments filled in."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern).removeprefix("^").removesuffix("$")
        if isinstance(pattern, URLResolver):
            yield from every_url(pattern.url_patterns, prefix + route)
        else:
            filled = lambda match: KNOWN_VALUES.get(match["name"], "1")  # noqa: E731
            yield "/" + ROUTE_ARGUMENT.sub(filled, REGEX_GROUP.sub(filled, prefix + route))


def test_every_url_refuses_a_post_without_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(None, is_superuser=True))
    urls = list(every_url())
    assert len(urls) > 60
    assert not [url for url in urls if re.search(r"[<>()?*\\]", url)], "an address was not filled in"
    answered = {url: client.post(url, {"headline": "x", "post": "yes"}).status_code for url in urls}
    api = {url: status for url, status in answered.items() if url.startswith("/api/")}
    assert api and set(api.values()) <= {401, 403, 405}
    assert {url: status for url, status in answered.items() if status != 403 and url not in api} == {}
