"""Sitemaps and the Google News sitemap (feed/sitemaps.py) list a live story at its /live/ address,
dated by its latest update."""

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from feed.models import Article
from live import services
from tests.factories import make_ready_article

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(client, url):
    """{location: lastmod} of a sitemap."""
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)
    return {
        entry.find("sm:loc", NS).text: datetime.fromisoformat(entry.find("sm:lastmod", NS).text)
        for entry in root.iterfind("sm:url", NS)
    }


def month_sitemap(story):
    return f"/sitemaps/articles-{timezone.localtime(story.published_at):%Y-%m}.xml"


def post(story, user):
    services.post_update(article=story, user=user, body="<p>Sirens again in the capital.</p>")
    story.refresh_from_db()


def an_hour_ago(story):
    """As if the story's last update was an hour ago."""
    Article.objects.filter(pk=story.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    story.refresh_from_db()


@pytest.mark.parametrize("sitemap", ["month", "news"])
def test_a_live_story_is_listed_at_its_live_address_and_moves_with_each_update(client, live_story, editor, sitemap):
    url = month_sitemap(live_story) if sitemap == "month" else "/sitemap-news.xml"
    address = f"http://testserver/live/{live_story.slug}/"
    post(live_story, editor)
    an_hour_ago(live_story)
    before = entries(client, url)[address]
    assert before == live_story.updated_at.replace(microsecond=0)
    post(live_story, editor)
    after = entries(client, url)[address]
    assert after == live_story.updated_at.replace(microsecond=0)
    assert after - before >= timedelta(minutes=59)


def test_a_live_story_stays_in_the_news_sitemap_while_it_is_updated(client, live_story, editor):
    """Published three days ago: listed while its updates go on, gone 48 hours after the last one."""
    Article.objects.filter(pk=live_story.pk).update(published_at=timezone.now() - timedelta(days=3))
    address = f"http://testserver/live/{live_story.slug}/"
    assert address not in entries(client, "/sitemap-news.xml")
    post(live_story, editor)
    assert address in entries(client, "/sitemap-news.xml")
    Article.objects.filter(pk=live_story.pk).update(updated_at=timezone.now() - timedelta(hours=49))
    assert address not in entries(client, "/sitemap-news.xml")


def test_sitemaps_with_live_stories_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """Whether a story is live decides its address: read with the story, not one query per story."""
    urls = [month_sitemap(make_ready_article(live_coverage=True)), "/sitemap-news.xml", "/sitemap.xml"]
    few = {}
    for url in urls:
        with django_assert_max_num_queries(4) as captured:
            assert client.get(url).status_code == 200
        few[url] = len(captured)
    for _ in range(8):
        make_ready_article(live_coverage=True)
    for url in urls:
        with django_assert_max_num_queries(4) as captured:
            assert client.get(url).status_code == 200
        assert len(captured) == few[url], url
