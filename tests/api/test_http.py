"""The API over HTTP as the reader pages are: the page cache with its ETag, 304 and Cache-Control,
invalidated by the same content generation; a request budget per client (429 with Retry-After); the
OpenAPI 3.1 document and a docs page that needs nothing from the internet."""

import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import make_article

pytestmark = pytest.mark.django_db

WRITE_ACTIONS = ["submit", "publish", "schedule", "unpublish", "kill", "corrections", "translate"]


def test_a_story_list_is_cached_with_an_etag_and_answers_304(client, django_assert_num_queries):
    make_article(headline="Bridge reopens")
    first = client.get("/api/stories/")
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = client.get("/api/stories/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_an_edit_ends_the_cached_answer(client):
    story = make_article(headline="Bridge reopens")
    first = client.get(f"/api/stories/{story.pk}/")
    story.headline = "Bridge reopens to traffic"
    story.save()
    changed = client.get(f"/api/stories/{story.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["headline"] == "Bridge reopens to traffic"
    assert client.get("/api/stories/").json()["items"][0]["headline"] == "Bridge reopens to traffic"


def test_each_filter_and_cursor_is_its_own_cached_answer(client):
    make_article(tags=["Kyiv"])
    make_article(tags=["Lviv"])
    assert len(client.get("/api/stories/").json()["items"]) == 2
    assert len(client.get("/api/stories/?tag=kyiv").json()["items"]) == 1
    assert len(client.get("/api/stories/?limit=1").json()["items"]) == 1


def test_staff_get_a_fresh_private_answer(admin_client):
    make_article()
    response = admin_client.get("/api/stories/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_over_the_budget_a_client_gets_429_with_retry_after(client, settings):
    settings.NEWSROOM_API_RATE = "3/min"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    make_article()
    urls = ["/api/stories/", "/api/sections/", "/api/tags/"]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    refused = client.get("/api/authors/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Too many requests."}
    assert client.get("/api/stories/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_forged_forwarded_for_does_not_escape_the_budget(client, settings):
    settings.NEWSROOM_API_RATE = "1/min"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    assert client.get("/api/sections/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get("/api/sections/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


def test_behind_a_proxy_the_client_is_the_proxy_s_header(client, settings):
    settings.NEWSROOM_API_RATE = "1/min"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    assert client.get("/api/sections/", HTTP_X_REAL_IP="198.51.100.1").status_code == 200
    assert client.get("/api/sections/", HTTP_X_REAL_IP="198.51.100.2").status_code == 200
    assert client.get("/api/sections/", HTTP_X_REAL_IP="198.51.100.1").status_code == 429


def test_the_schema_is_openapi_3_1_and_lists_every_endpoint(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) == {
        "/api/stories/",
        "/api/stories/{story_id}/",
        "/api/changes/",
        "/api/sections/",
        "/api/tags/",
        "/api/authors/",
        "/api/authors/{slug}/",
        "/api/photos/",
        *(f"/api/stories/{{story_id}}/{action}/" for action in WRITE_ACTIONS),
    }


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe" not in script_src and "'unsafe-inline'" in policy
    # collectstatic gathers them with the site's own files (no internet at run time).
    assert finders.find("ninja/swagger-ui-bundle.js")
    assert finders.find("ninja/swagger-ui.css")


def test_head_is_answered_as_get(client):
    make_article()
    response = client.head("/api/stories/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == b""
    assert len(client.get("/api/stories/").json()["items"]) == 1  # the page the HEAD cached has its body
    assert client.head("/api/stories/999999/").status_code == 404
