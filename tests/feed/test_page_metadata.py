"""Page metadata: title, description, canonical address, Open Graph, Twitter card and JSON-LD,
read from the parsed page (JSON-LD with json.loads, not by substring)."""

import json
from datetime import timedelta
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.utils import timezone

from feed.metadata import json_for_script
from tests.factories import image_file, make_article, make_author, make_credit, make_photo, make_section

pytestmark = pytest.mark.django_db


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, key):
    """Content of every <meta property=key> or <meta name=key>."""
    return [tag["content"] for tag in soup.find_all("meta", attrs={"property": key})] + [
        tag["content"] for tag in soup.find_all("meta", attrs={"name": key})
    ]


def json_ld(soup):
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


@pytest.fixture
def story():
    photo = make_photo(
        image=image_file(size=(1400, 800)),
        alt_text="Firefighters at the port",
        credit=make_credit(photographer="Olena Hrytsenko", source="Ledger Wire"),
    )
    return make_article(
        headline="Drone strike hits Odesa port",
        summary="Two people were killed in the overnight attack.",
        body="<p>" + "word " * 450 + "</p>",  # 3 minutes at 200 words a minute
        section=make_section(name="News Feed", slug="news-feed"),
        authors=[
            make_author(name="Taras Bondar", slug="taras", role="War Correspondent"),
            make_author(name="Iryna Koval", slug="iryna", role="News Editor"),
        ],
        tags=["Odesa", "Drones"],
        lead_photo=photo,
        lead_photo_caption="The port after the strike",
        published_at=timezone.now() - timedelta(hours=3),
        updated_at=timezone.now() - timedelta(hours=1),
    )


def test_article_page_has_title_description_canonical_and_open_graph(client, story):
    soup = head(client, story.get_absolute_url())
    url = f"http://testserver{story.get_absolute_url()}"
    assert soup.title.string == "Drone strike hits Odesa port · The Kyiv Ledger"
    assert meta(soup, "description") == ["Two people were killed in the overnight attack."]
    assert soup.find("link", rel="canonical")["href"] == url
    assert meta(soup, "og:type") == ["article"]
    assert meta(soup, "og:url") == [url]
    assert meta(soup, "og:title") == ["Drone strike hits Odesa port"]
    (image,) = meta(soup, "og:image")
    # On this site (/uploads/) or on the object store, wherever the storage serves renditions from.
    assert image.startswith(urljoin(url, default_storage.url("renditions/"))) and "social" in image
    assert meta(soup, "og:image:width") == ["1200"]
    assert meta(soup, "og:image:height") == ["630"]
    assert meta(soup, "og:image:alt") == ["Firefighters at the port"]
    published = timezone.datetime.fromisoformat(meta(soup, "article:published_time")[0])
    modified = timezone.datetime.fromisoformat(meta(soup, "article:modified_time")[0])
    assert abs(published - story.published_at) < timedelta(seconds=1)
    assert abs(modified - story.updated_at) < timedelta(seconds=1)
    assert meta(soup, "article:section") == ["News Feed"]
    assert meta(soup, "article:tag") == ["Drones", "Odesa"]
    assert meta(soup, "article:author") == ["http://testserver/authors/taras/", "http://testserver/authors/iryna/"]
    assert meta(soup, "twitter:card") == ["summary_large_image"]
    assert meta(soup, "twitter:image") == [image]


def test_article_json_ld_is_a_complete_news_article(client, story):
    soup = head(client, story.get_absolute_url())
    data = json_ld(soup)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Drone strike hits Odesa port"
    assert abs(timezone.datetime.fromisoformat(data["datePublished"]) - story.published_at) < timedelta(seconds=1)
    assert abs(timezone.datetime.fromisoformat(data["dateModified"]) - story.updated_at) < timedelta(seconds=1)
    assert data["timeRequired"] == "PT3M"
    image = data["image"]
    assert image["@type"] == "ImageObject"
    assert image["url"] == meta(soup, "og:image")[0]
    assert (image["width"], image["height"]) == (1200, 630)
    assert image["creditText"] == "Olena Hrytsenko/Ledger Wire"
    assert image["creator"] == {"@type": "Person", "name": "Olena Hrytsenko"}
    assert image["caption"] == "The port after the strike"
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Taras Bondar",
            "url": "http://testserver/authors/taras/",
            "jobTitle": "War Correspondent",
        },
        {
            "@type": "Person",
            "name": "Iryna Koval",
            "url": "http://testserver/authors/iryna/",
            "jobTitle": "News Editor",
        },
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "The Kyiv Ledger"
    assert publisher["logo"]["@type"] == "ImageObject"
    logo = publisher["logo"]["url"]
    assert logo.startswith("http://testserver/static/")
    assert finders.find(logo.removeprefix("http://testserver/static/"))  # the file ships with the project
    assert "video" not in data


def test_video_story_carries_a_video_object(client):
    poster = make_photo(credit=make_credit(photographer="", source="Kyiv TV"))
    story = make_article(
        headline="Inside the night session",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        video_poster=poster,
        video_duration=timedelta(minutes=3, seconds=45),
    )
    data = json_ld(head(client, story.get_absolute_url()))
    video = data["video"]
    assert video["@type"] == "VideoObject"
    assert video["name"] == "Inside the night session"
    assert video["duration"] == "PT3M45S"
    assert video["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/abcdefghijk")
    assert video["thumbnailUrl"] == [data["image"]["url"]]
    assert data["image"]["creator"] == {"@type": "Organization", "name": "Kyiv TV"}


def test_author_page_describes_a_person(client):
    author = make_author(
        name="Taras Bondar", slug="taras", role="War Correspondent", short_bio="Reports from the south."
    )
    make_article(authors=[author])
    soup = head(client, "/authors/taras/")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/authors/taras/"
    assert meta(soup, "og:type") == ["profile"]
    assert meta(soup, "description") == ["Reports from the south."]
    data = json_ld(soup)
    assert data["@type"] == "Person"
    assert data["name"] == "Taras Bondar"
    assert data["url"] == "http://testserver/authors/taras/"
    assert data["jobTitle"] == "War Correspondent"
    assert data["worksFor"]["@type"] == "NewsMediaOrganization"


def test_listing_pages_have_canonical_and_open_graph(client):
    make_section(name="Politics", slug="politics")
    make_article(tags=["Rada"])
    for url in ["/", "/section/politics/", "/tags/rada/", "/video/"]:
        soup = head(client, url)
        assert soup.find("link", rel="canonical")["href"] == f"http://testserver{url}"
        assert meta(soup, "og:type") == ["website"]
        assert meta(soup, "twitter:card") == ["summary"]
        assert len(meta(soup, "description")) == 1


def test_older_pages_are_canonical_to_themselves(client):
    for n in range(3):
        make_article(published_at=timezone.now() - timedelta(hours=n + 1))
    first = BeautifulSoup(client.get("/?before=1-1").content, "html.parser")
    assert first.find("link", rel="canonical")["href"] == "http://testserver/?before=1-1"


def test_json_ld_cannot_close_its_script_element(client):
    """A headline with markup is escaped inside the script and reads back unchanged."""
    headline = '</script><script>alert("x")</script> & <!-- more'
    story = make_article(headline=headline, slug="tricky")
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    script = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script
    assert json.loads(script)["headline"] == headline
    payload = json_for_script({"a": "</script><b>&</b>"})
    assert "<" not in payload and ">" not in payload and "&" not in payload
    assert json.loads(payload) == {"a": "</script><b>&</b>"}
