"""Redirects (feed.models.Redirect): old addresses answering 301, asked only when nothing else answers."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed import workflow
from feed.models import Article, Redirect
from tests.factories import make_article, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def queries_for(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    return response, [query["sql"] for query in captured.captured_queries if "feed_redirect" in query["sql"]]


def test_a_redirect_to_a_path_or_a_story(client):
    story = make_ready_article(slug="now-here")
    Redirect.objects.create(old_path="/old/about/", target_path="/about/")
    Redirect.objects.create(old_path="/2019/05/04/then/", article=story)
    assert client.get("/old/about/")["Location"] == "/about/"
    response = client.get("/2019/05/04/then/")
    assert response.status_code == 301 and response["Location"] == "/news/now-here/"


def test_one_query_on_a_miss_and_none_on_a_hit(client):
    story = make_ready_article(slug="present")
    Redirect.objects.create(old_path="/news/present/", target_path="/elsewhere/")  # shadowed by the story
    response, redirect_queries = queries_for(client, "/news/present/")
    assert response.status_code == 200 and redirect_queries == []
    response, redirect_queries = queries_for(client, "/no/such/page/")
    assert response.status_code == 404 and len(redirect_queries) == 1
    response, redirect_queries = queries_for(client, "/?q=1")
    assert response.status_code == 200 and redirect_queries == []
    assert story.get_absolute_url() == "/news/present/"


def test_wordpress_short_links_match_path_and_p(client):
    story = make_ready_article(slug="short")
    Redirect.objects.create(old_path="/?p=123", article=story)
    Redirect.objects.create(old_path="/blog/?p=7", target_path="/about/")
    assert client.get("/?p=123")["Location"] == "/news/short/"
    assert client.get("/?p=123&utm_source=x")["Location"] == "/news/short/"
    assert client.get("/?p=124").status_code == 200  # the home page
    assert client.get("/blog/?p=7")["Location"] == "/about/"
    assert client.get("/blog/?p=8").status_code == 404


@pytest.mark.parametrize("status", ["draft", "review", "scheduled", "trashed"])
def test_a_redirect_to_a_story_readers_may_not_see_is_not_followed(client, status):
    if status == "scheduled":
        story = make_ready_article(published_at=timezone.now() + timedelta(days=1))
    elif status == "trashed":
        story = make_ready_article(deleted_at=timezone.now())
    else:
        story = make_article(status=status, published_at=None)
    Redirect.objects.create(old_path="/old/story/", article=story)
    response = client.get("/old/story/")
    assert response.status_code == 404
    assert story.slug.encode() not in response.content


def test_a_redirect_to_a_killed_story_leads_to_its_410(client):
    story = make_ready_article(slug="withdrawn")
    Redirect.objects.create(old_path="/old/withdrawn/", article=story)
    workflow.kill(article=Article.objects.get(pk=story.pk), user=make_user("Editor"), notice="Withdrawn.")
    response = client.get("/old/withdrawn/", follow=True)
    assert response.redirect_chain == [("/news/withdrawn/", 301)]
    assert response.status_code == 410


@pytest.mark.parametrize(
    "fields",
    [
        {"old_path": "old", "target_path": "/new/"},
        {"old_path": "/old/", "target_path": "https://evil.example/"},
        {"old_path": "/old/", "target_path": "//evil.example/"},
        {"old_path": "/old/", "target_path": "/\\evil.example/"},
        {"old_path": "/old/", "target_path": ""},
    ],
)
def test_a_redirect_leads_only_to_this_site(fields):
    with pytest.raises(ValidationError):
        Redirect(**fields).full_clean()


def test_editors_keep_redirects_in_the_admin(client):
    story = make_ready_article(slug="kept")
    client.force_login(make_user("Editor"))
    response = client.post(
        "/admin/feed/redirect/add/", {"old_path": "/2018/01/01/kept/", "article": story.pk, "target_path": ""}
    )
    assert response.status_code == 302
    refused = client.post("/admin/feed/redirect/add/", {"old_path": "/x/", "target_path": "https://evil.example/"})
    assert refused.status_code == 200 and b"starting with a single /" in refused.content
    client.logout()
    assert client.get("/2018/01/01/kept/")["Location"] == "/news/kept/"
    client.force_login(make_user("Reporter"))
    assert client.get("/admin/feed/redirect/").status_code == 403
