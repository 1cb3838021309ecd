"""The API's answers run a fixed number of queries, whatever they list."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feed.models import Correction
from live.models import LiveUpdate
from tests.factories import make_article, make_author, make_photo, make_related_link, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Count what the endpoints cost; the page cache's own cost is tests/feed/test_page_cache.py's."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


def make_stories(count, section, writer=None):
    poster = make_photo()
    for n in range(count):
        video = {"video_url": "https://vimeo.com/1", "video_poster": poster} if n % 2 else {}
        make_article(
            section=section,
            lead_photo=make_photo(),
            authors=[writer or make_author(), make_author()],
            tags=["Kyiv", f"Topic {n}"],
            published_at=timezone.now() - timedelta(minutes=n + 1),
            **video,
        )


@pytest.mark.parametrize("query", ["", "section=world&", "tag=kyiv&", "author=writer&"])
def test_the_story_list_runs_as_many_queries_for_1_story_as_for_50(client, query, django_assert_num_queries):
    section, writer = make_section(slug="world"), make_author(slug="writer")
    make_article(section=section, tags=["Kyiv"], authors=[writer], lead_photo=make_photo())
    # 2 queries, and 1 more to find the section, topic or author filtered on: the stories with their
    # section, lead photo, poster and credits; their bylines with authors and their tags, in one.
    expected = 2 + bool(query)
    with django_assert_num_queries(expected):
        few, page = queries_for(client, f"/api/stories/?{query}limit=50")
    assert len(page["items"]) == 1
    make_stories(49, section, writer)
    with django_assert_num_queries(expected):
        many, page = queries_for(client, f"/api/stories/?{query}limit=50")
    assert len(page["items"]) == 50
    assert few == many


def test_a_later_page_and_the_change_feed_run_the_same_queries(client, django_assert_num_queries):
    make_stories(3, make_section())
    _, first = queries_for(client, "/api/stories/?limit=1")
    with django_assert_num_queries(2):
        queries_for(client, first["next"])
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+", "%2B")
    # The same two, and one for the tombstones.
    with django_assert_num_queries(3):
        queries_for(client, f"/api/changes/?updated_since={since}&limit=50")


def detail_with(count):
    """A story with `count` authors (with avatars), tags, corrections and related stories."""
    story = make_article(lead_photo=make_photo(), authors=[make_author(avatar=make_photo()) for _ in range(count)])
    for n in range(count):
        story.tags.add(f"Topic {n}")
        Correction.objects.create(article=story, text=f"Correction {n}.")
        make_related_link(article=story, target=make_article())
    return story


def test_a_story_in_full_runs_as_many_queries_with_1_of_everything_as_with_10(client, django_assert_num_queries):
    # 5 queries: the story with section, photos and credits; bylines with authors and avatars; tags;
    # corrections; related links with their published targets.
    one, many = detail_with(1), detail_with(10)
    with django_assert_num_queries(5):
        queries_for(client, f"/api/stories/{one.pk}/")
    with django_assert_num_queries(5):
        _, detail = queries_for(client, f"/api/stories/{many.pk}/")
    assert len(detail["authors"]) == len(detail["related"]) == 10


def test_a_live_story_runs_as_many_queries_for_1_update_as_for_20(client, django_assert_num_queries):
    story = make_article(live_coverage=True, lead_photo=make_photo(), authors=[make_author()])
    writer = make_author()

    def post(count):
        for n in range(count):
            update = LiveUpdate.objects.create(story=story, body=f"<p>Update {n}.</p>", photo=make_photo())
            update.authors.add(writer)

    # 5 for the story as above, then 3 for its updates: the updates with photos, credits and linked
    # stories; their authors; their corrections.
    post(1)
    with django_assert_num_queries(8):
        queries_for(client, f"/api/stories/{story.pk}/")
    post(19)
    with django_assert_num_queries(8):
        _, detail = queries_for(client, f"/api/stories/{story.pk}/")
    assert len(detail["live_updates"]) == 20


def test_the_directory_runs_one_query_each(client, django_assert_num_queries):
    make_stories(5, make_section())
    for url in ["/api/sections/", "/api/tags/", "/api/authors/"]:
        with django_assert_num_queries(1):
            queries_for(client, url)
