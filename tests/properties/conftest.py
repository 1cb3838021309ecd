"""A small world built once per test, and a request helper that rolls each example back."""

from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import transaction

from feed.pagination import encode_cursor
from tests.factories import make_article, make_author, make_photo, make_section, make_user

# What a reader or an editor may get back for hostile input; anything else (a 500 above all) fails.
CLIENT_ERRORS = {400, 403, 404, 405, 410, 429}
SUCCESSES = {200, 301, 302, 304}


@dataclass
class World:
    section: object
    author: object
    tag: str
    articles: list
    draft: object
    photo: object
    editor: object

    @property
    def cursors(self):
        return [encode_cursor(article) for article in self.articles]


@pytest.fixture
def world(db, settings):
    """Five published stories (pages of two, so "Show More" has somewhere to go), a draft, a tagged
    story with a photo, an author, a section and an editor. Page caching is off: every example runs
    the view itself."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    settings.NEWSROOM_FEED_PAGE_SIZE = 2
    section = make_section(name="Politics", slug="politics")
    author = make_author(name="Olena Kovalenko", slug="olena-kovalenko")
    photo = make_photo()
    articles = [
        make_article(section=section, authors=[author], tags=["Kyiv", "київ"], lead_photo=photo) for _ in range(5)
    ]
    draft = make_article(section=section, status="draft", published_at=None)
    return World(section, author, "kyiv", articles, draft, photo, make_user("Editor"))


@contextmanager
def rolled_back():
    """Each example leaves the database as it found it, even when the view failed halfway."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def check(response, allowed=SUCCESSES | CLIENT_ERRORS):
    assert response.status_code < 500, response.content[:2000]
    assert response.status_code in allowed, (response.status_code, response.content[:2000])
    return response


def expected_for(url, allowed):
    """A NUL anywhere in the address (%00, as the strategies encode every byte) is a 400 before any
    view runs (newsroom.middleware.RefuseNulMiddleware); anything else gets what the test allows.

    Only the path and query the test client sends count: it reads an address that starts with "//"
    as a host name ("//%00" requests "/"), so a NUL there never reaches the site."""
    sent = urlsplit(url)
    return {400} if "%00" in sent.path + sent.query else allowed


def get(client, url, allowed=SUCCESSES | CLIENT_ERRORS):
    with rolled_back():
        return check(client.get(url), expected_for(url, allowed))


def post_form(client, url, body, allowed=SUCCESSES | CLIENT_ERRORS):
    """POST an already encoded application/x-www-form-urlencoded body."""
    with rolled_back():
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        return check(response, expected_for(url, allowed))
