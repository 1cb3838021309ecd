from datetime import timedelta

import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import User
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils import timezone

from feed import caching
from feed.models import Article, Correction
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db


def test_warm_page_costs_no_queries(client, django_assert_num_queries):
    make_article(headline="Cached story")
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert b"Cached story" in response.content


def test_an_edit_is_visible_on_the_next_request(client):
    """The page is cached; an editor's save throws it away at once."""
    article = make_article(headline="Bridge reopens")
    assert b"Bridge reopens" in client.get("/").content
    assert b"Bridge reopens" in client.get(article.get_absolute_url()).content
    article.headline = "Bridge reopens to traffic"
    article.save()
    assert b"Bridge reopens to traffic" in client.get("/").content
    assert b"Bridge reopens to traffic" in client.get(article.get_absolute_url()).content


def test_unpublishing_removes_the_story_from_cached_pages(client):
    article = make_article(headline="Short-lived story")
    client.get("/")
    assert client.get(article.get_absolute_url()).status_code == 200
    article.status = article.Status.DRAFT
    article.save()
    assert b"Short-lived story" not in client.get("/").content
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_scheduled_story_appears_when_its_time_comes(client, monkeypatch):
    """No save happens at publication time: the warm cache still must not hide the story."""
    make_article(headline="Already out")
    make_article(headline="Scheduled story", published_at=timezone.now() + timedelta(minutes=10))
    page = client.get("/")
    assert b"Scheduled story" not in page.content
    assert int(page["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 600
    assert b"Scheduled story" not in client.get("/").content
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert b"Scheduled story" in client.get("/").content


@pytest.mark.parametrize(
    "change",
    ["author name", "photo credit", "correction", "tag", "section name", "photo alt text"],
)
def test_changes_to_what_a_page_shows_end_its_cache(client, change):
    author = make_author(name="Olena Kovalenko", slug="olena")
    section = make_section(name="Politics", slug="politics")
    photo = make_photo(alt_text="Old alt text")
    article = make_article(authors=[author], section=section, lead_photo=photo, tags=["Kyiv"])
    url = article.get_absolute_url()
    before = client.get(url).content
    assert client.get(url).content == before  # served from the cache
    if change == "author name":
        author.name, expected = "Olena Kovalenko-Shevchuk", b"Olena Kovalenko-Shevchuk"
        author.save()
    elif change == "photo credit":
        photo.credit.photographer, expected = "Renamed Photographer", b"Renamed Photographer"
        photo.credit.save()
    elif change == "correction":
        Correction.objects.create(article=article, text="The bridge is in Podil."), None
        expected = b"The bridge is in Podil."
    elif change == "tag":
        article.tags.add("Lviv")
        expected = b"Lviv"
    elif change == "section name":
        section.name, expected = "Politics and Power", b"Politics and Power"
        section.save()
    else:
        photo.alt_text, expected = "New alt text", b"New alt text"
        photo.save()
    assert expected not in before
    assert expected in client.get(url).content


def test_cache_headers_for_cdns_and_conditional_requests(client, settings):
    settings.NEWSROOM_BROWSER_MAX_AGE, settings.NEWSROOM_CDN_MAX_AGE = 30, 60
    article = make_article()
    for url in ["/", article.get_absolute_url()]:
        response = client.get(url)
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=30", "s-maxage=60"}
        assert response["ETag"]
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304
        assert again.content == b""


def test_staff_get_fresh_private_pages(client):
    make_article(headline="First version")
    client.force_login(User.objects.create_user("editor", is_staff=True))
    client.get("/")
    make_article(headline="Second story")
    response = client.get("/")
    assert b"Second story" in response.content
    assert "private" in response["Cache-Control"]


def test_a_404_is_not_cached(client):
    assert client.get("/news/coming-soon/").status_code == 404
    make_article(slug="coming-soon")
    assert client.get("/news/coming-soon/").status_code == 200


def test_preview_and_search_are_never_cached(client):
    article = make_article(status="draft", published_at=None)
    user = User.objects.create_superuser("chief", password="x")
    client.force_login(user)
    assert "no-store" in client.get(f"/preview/{article.pk}/")["Cache-Control"]
    client.logout()
    response = client.get("/search/?q=story")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


class CountingCache:
    """Django's cache, counting the calls that reach it (each is one round trip to Redis)."""

    def __init__(self, real):
        self.real = real
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


def test_a_hit_is_one_cache_round_trip(client, monkeypatch):
    make_article(headline="Cached story")
    client.get("/")
    counting = CountingCache(caching.cache)
    monkeypatch.setattr(caching, "cache", counting)
    response = client.get("/")
    assert b"Cached story" in response.content
    assert counting.calls == ["get_many"]


def test_a_hit_is_served_before_the_session_and_user_are_looked_at(client, monkeypatch):
    """The early middleware answers; the inner middleware's headers were stored with the page."""
    make_article(headline="Cached story")
    first = client.get("/")

    def refuse(self, request):
        raise AssertionError("the inner middleware ran for a cached page")

    monkeypatch.setattr(AuthenticationMiddleware, "process_request", refuse)
    monkeypatch.setattr(SessionMiddleware, "process_request", refuse)
    again = client.get("/")
    assert again.content == first.content
    assert again["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"


def test_staff_pages_are_not_stored_for_readers(client, django_assert_max_num_queries):
    make_article(headline="Story")
    client.force_login(User.objects.create_user("editor", is_staff=True))
    client.get("/")
    client.logout()
    with django_assert_max_num_queries(10) as captured:
        client.get("/")
    assert len(captured) > 0, "the reader got a page stored from a staff request"


def test_a_page_of_an_older_generation_is_not_served(client):
    article = make_article(headline="Before")
    client.get("/")
    Article.objects.filter(pk=article.pk).update(headline="After")  # no signal: the page is stale
    assert b"Before" in client.get("/").content
    caching.content_changed()
    assert b"After" in client.get("/").content


def test_changes_announced_once_end_the_generation_on_leaving_only(client):
    article = make_article(headline="Before")
    client.get("/")
    with caching.changes_announced_once():
        Article.objects.filter(pk=article.pk).update(headline="After")
        caching.content_changed()
        caching.content_changed()
        assert b"Before" in client.get("/").content  # an import's batch: told when it is committed
    assert b"After" in client.get("/").content
    Article.objects.filter(pk=article.pk).update(headline="Later")
    with caching.changes_announced_once():
        pass  # nothing changed inside: the generation goes on
    assert b"After" in client.get("/").content


def test_with_the_cache_off_nothing_is_stored(client, settings, django_assert_max_num_queries):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    make_article(headline="Story")
    client.get("/")
    with django_assert_max_num_queries(10) as captured:
        response = client.get("/")
    assert len(captured) > 0
    assert "public" in response["Cache-Control"]
