"""RSS and Atom feeds (feed/feeds.py), read with feedparser as a feed reader would."""

from datetime import timedelta
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.utils import timezone

from feed.models import Article
from tests.factories import image_file, make_article, make_author, make_credit, make_photo, make_section

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/rss/", "/feeds/atom/"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def story():
    """A published story with two authors, tags and a lead photo large enough for a 1200x630 rendition."""
    return make_article(
        headline="Drone strike hits Odesa port",
        summary="Two people were killed.",
        body="<p>Rescuers worked <em>through the night</em>.</p><p>Second &amp; last paragraph.</p>",
        authors=[make_author(name="Olena Hrytsenko", slug="olena"), make_author(name="Taras Bondar", slug="taras")],
        tags=["Odesa", "Drones"],
        lead_photo=make_photo(image=image_file(size=(1400, 800)), caption="The damaged port"),
        updated_at=timezone.now() - timedelta(minutes=5),
        published_at=timezone.now() - timedelta(hours=2),
    )


@pytest.mark.parametrize("url", FEEDS)
def test_site_feed_entries_carry_everything_a_reader_shows(client, story, url):
    """Title, absolute link, summary, full body, every author, dates, tags and the 1200x630 lead image."""
    parsed = parse(client, url)
    assert parsed.version == ("rss20" if "rss" in url else "atom10")
    assert parsed.feed.title == "The Kyiv Ledger"
    (entry,) = parsed.entries
    assert entry.title == "Drone strike hits Odesa port"
    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert entry.summary == "Two people were killed."
    assert "<em>through the night</em>" in entry.content[0].value
    assert [author["name"] for author in entry.authors] == ["Olena Hrytsenko", "Taras Bondar"]
    assert entry.published_parsed[:5] == story.published_at.utctimetuple()[:5]
    assert entry.updated_parsed[:5] == story.updated_at.utctimetuple()[:5]
    assert {tag.term for tag in entry.tags} == {"Odesa", "Drones"}
    (image,) = entry.media_content
    assert image["url"].startswith(urljoin("http://testserver/", default_storage.url("renditions/")))
    assert image["url"].endswith(".jpg")
    assert (image["width"], image["height"]) == ("1200", "630")
    assert entry.media_credit[0]["content"] == str(story.lead_photo.credit)


def test_atom_authors_link_to_their_pages(client, story):
    (entry,) = parse(client, "/feeds/atom/").entries
    assert [author["href"] for author in entry.authors] == [
        "http://testserver/authors/olena/",
        "http://testserver/authors/taras/",
    ]


@pytest.mark.parametrize("url", [*FEEDS, "/feeds/partners/rss/"])
def test_feeds_leave_out_drafts_and_scheduled_stories(client, url):
    make_article(headline="Live story")
    make_article(headline="Draft story", status=Article.Status.DRAFT)
    make_article(headline="Scheduled story", published_at=timezone.now() + timedelta(hours=1))
    assert [entry.title for entry in parse(client, url).entries] == ["Live story"]


def test_section_tag_author_and_video_feeds_list_only_their_stories(client):
    politics, sport = make_section(slug="politics"), make_section(slug="sport")
    writer = make_author(slug="writer")
    poster = make_photo()
    make_article(headline="Vote tonight", section=politics, authors=[writer], tags=["Rada"])
    make_article(headline="Cup final", section=sport, tags=["Football"])
    make_article(headline="Watch the vote", section=politics, video_url="https://vimeo.com/1", video_poster=poster)
    expected = {
        "section/politics": {"Vote tonight", "Watch the vote"},
        "section/sport": {"Cup final"},
        "tags/rada": {"Vote tonight"},
        "authors/writer": {"Vote tonight"},
        "video": {"Watch the vote"},
    }
    for prefix, titles in expected.items():
        for kind in ("rss", "atom"):
            assert {entry.title for entry in parse(client, f"/{prefix}/{kind}/").entries} == titles, prefix


@pytest.mark.parametrize(
    "url",
    ["/section/nope/rss/", "/tags/nope/atom/", "/authors/nope/rss/", "/tags/only-drafts/rss/"],
)
def test_unknown_or_unpublished_feeds_are_404(client, url):
    make_article(tags=["Only drafts"], status=Article.Status.DRAFT)
    assert client.get(url).status_code == 404


def alternates(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return {(link["type"], link["href"]) for link in soup.find_all("link", rel="alternate", type=True)}


def test_pages_advertise_their_feeds(client):
    section = make_section(slug="politics")
    author = make_author(slug="writer")
    make_article(section=section, authors=[author], tags=["Rada"])
    for page, feed in [
        ("/", "/feeds/"),
        ("/section/politics/", "/section/politics/"),
        ("/tags/rada/", "/tags/rada/"),
        ("/authors/writer/", "/authors/writer/"),
        ("/video/", "/video/"),
    ]:
        links = alternates(client, page)
        assert ("application/rss+xml", f"{feed}rss/") in links, page
        assert ("application/atom+xml", f"{feed}atom/") in links, page
        for _type, href in links:
            assert client.get(href).status_code == 200, href


def test_partner_feed_leaves_out_photos_partners_may_not_use(client):
    """Only photos whose credit says "may pass on to partners" go out; the story itself still does."""
    free = make_photo(credit=make_credit(may_syndicate=True))
    make_article(headline="Free photo", lead_photo=free, published_at=timezone.now() - timedelta(hours=1))
    make_article(headline="Agency photo", lead_photo=make_photo(), published_at=timezone.now() - timedelta(hours=2))
    entries = {entry.title: entry for entry in parse(client, "/feeds/partners/rss/").entries}
    assert entries["Free photo"].media_content[0]["url"].endswith(".jpg")
    assert "media_content" not in entries["Agency photo"]
    assert entries["Agency photo"].content[0].value  # the full story still goes out
    # The public feed keeps both photos.
    public = {entry.title: entry for entry in parse(client, "/feeds/rss/").entries}
    assert "media_content" in public["Agency photo"]


FEED_URLS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/partners/rss/",
    "/section/politics/rss/",
    "/tags/kyiv/atom/",
    "/authors/writer/rss/",
    "/video/atom/",
]


def make_stories(count, section, author):
    poster = make_photo()
    for n in range(count):
        make_article(
            section=section,
            authors=[author, make_author()],
            tags=["Kyiv", f"Topic {n}"],
            lead_photo=make_photo(),
            video_url="https://vimeo.com/1" if n % 2 else "",
            video_poster=poster if n % 2 else None,
        )


def test_feeds_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    """2 stories or 24, with two authors and two tags each: the same count, at most 5 queries
    (the section, tag or author; for a tag, whether it has a published story; the stories with
    section and photos; their bylines with authors; their tags)."""
    section, author = make_section(slug="politics"), make_author(slug="writer")
    make_stories(2, section, author)
    for url in FEED_URLS:
        client.get(url)  # warm the content-type cache taggit uses
    few = {}
    for url in FEED_URLS:
        with django_assert_max_num_queries(5) as captured:
            assert client.get(url).status_code == 200
        few[url] = len(captured)
    make_stories(22, section, author)
    for url in FEED_URLS:
        with django_assert_max_num_queries(5) as captured:
            assert len(parse(client, url).entries) >= 11
        assert len(captured) == few[url], url
