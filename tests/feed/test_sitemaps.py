"""Sitemap index, per-month story sitemaps, author/tag/section sitemaps, the Google News sitemap and
robots.txt, parsed as XML."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from feed.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in xml(client, url).iterfind(".//sm:loc", NS)]


def month_of(moment):
    return f"articles-{timezone.localtime(moment):%Y-%m}"


def test_index_lists_a_sitemap_per_month_and_the_fixed_ones(client):
    now = timezone.now()
    make_article(published_at=now - timedelta(hours=1))
    make_article(published_at=now - timedelta(days=70))
    make_article(status=Article.Status.DRAFT, published_at=now - timedelta(days=400))
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    listed = [loc.text for loc in root.iterfind("sm:sitemap/sm:loc", NS)]
    months = sorted({month_of(now - timedelta(hours=1)), month_of(now - timedelta(days=70))}, reverse=True)
    assert listed == [f"http://testserver/sitemaps/{name}.xml" for name in [*months, "authors", "tags", "sections"]]
    # Every month sitemap is dated by its latest story; each listed sitemap is served.
    assert len(root.findall("sm:sitemap/sm:lastmod", NS)) == 2
    for url in listed:
        assert xml(client, url.removeprefix("http://testserver")) is not None


def test_month_sitemap_lists_only_that_months_published_stories(client):
    now = timezone.now()
    live = make_article(published_at=now - timedelta(minutes=5), updated_at=now - timedelta(minutes=1))
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=now + timedelta(hours=2))  # scheduled
    old = make_article(published_at=now - timedelta(days=70))
    root = xml(client, f"/sitemaps/{month_of(live.published_at)}.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{live.get_absolute_url()}"
    lastmod = timezone.datetime.fromisoformat(url.find("sm:lastmod", NS).text)
    assert lastmod == live.updated_at.replace(microsecond=0)
    assert locations(client, f"/sitemaps/{month_of(old.published_at)}.xml") == [
        f"http://testserver{old.get_absolute_url()}"
    ]


def test_author_tag_and_section_sitemaps(client):
    politics = make_section(name="Politics", slug="politics")
    writer, idle = make_author(slug="writer"), make_author(slug="idle")
    make_article(section=politics, authors=[writer], tags=["Rada"])
    make_article(status=Article.Status.DRAFT, authors=[idle], tags=["Secret"])
    assert locations(client, "/sitemaps/authors.xml") == ["http://testserver/authors/writer/"]
    assert locations(client, "/sitemaps/tags.xml") == ["http://testserver/tags/rada/"]
    assert locations(client, "/sitemaps/sections.xml") == [
        "http://testserver/",
        "http://testserver/section/politics/",
        "http://testserver/video/",
    ]


def test_news_sitemap_has_the_last_48_hours(client):
    now = timezone.now()
    fresh = make_article(headline="Strike on Kharkiv & Sumy", published_at=now - timedelta(hours=3))
    make_article(published_at=now - timedelta(hours=49))
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=now + timedelta(hours=1))
    root = xml(client, "/sitemap-news.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{fresh.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "The Kyiv Ledger"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Strike on Kharkiv & Sumy"
    published = news.find("news:publication_date", NS).text
    assert abs(timezone.datetime.fromisoformat(published) - fresh.published_at) < timedelta(seconds=1)


def test_robots_txt_lists_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.parametrize(
    "url",
    [
        "/sitemaps/nope.xml",
        "/sitemaps/articles-2026-13.xml",
        "/sitemaps/articles-26-1.xml",
        "/sitemaps/articles-.xml",
        "/sitemaps/articles-2026-05.xml?p=9",
        "/sitemaps/authors.xml?p=abc",
        # Found by tests/properties: the month after December 9999 does not exist (was a 500).
        "/sitemaps/articles-9999-12.xml",
        "/sitemaps/articles-0001-01.xml",
    ],
)
def test_bad_sitemap_addresses_are_404(client, url):
    make_article()
    assert client.get(url).status_code == 404


def test_sitemaps_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """2 stories or 26 spread over more months: the same count. Index: the months in one grouped
    query, then one count each for authors, tags and sections."""
    now = timezone.now()

    def add(count):
        for n in range(count):
            make_article(published_at=now - timedelta(days=20 * n, hours=1), authors=[make_author()], tags=[f"T{n}"])

    urls = ["/sitemap.xml", f"/sitemaps/{month_of(now - timedelta(hours=1))}.xml", "/sitemaps/authors.xml",
            "/sitemaps/tags.xml", "/sitemaps/sections.xml", "/sitemap-news.xml"]  # fmt: skip
    add(2)
    for url in urls:
        client.get(url)  # warm the content-type cache taggit uses
    few = {}
    for url in urls:
        with django_assert_max_num_queries(4) as captured:
            xml(client, url)
        few[url] = len(captured)
    add(24)
    for url in urls:
        with django_assert_max_num_queries(4) as captured:
            xml(client, url)
        assert len(captured) == few[url], url
