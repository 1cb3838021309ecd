"""The English and the Ukrainian edition (docs/languages.md): English at the addresses it always had,
Ukrainian under /uk/; every reader page, feed and sitemap lists its own edition's stories, and links
its translations (hreflang, the language switch, Open Graph, JSON-LD)."""

import json
import uuid
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import get_resolver, reverse
from django.utils import timezone, translation

from feed.models import Article
from tests.factories import make_article, make_author, make_photo, make_section

pytestmark = pytest.mark.django_db

SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def hreflangs(page):
    return {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}


def switch(page):
    return {link["hreflang"]: link["href"] for link in page.select(".language-switch a")}


def translated_pair(**kw):
    """An English story and its Ukrainian translation, both published."""
    group = uuid.uuid4()
    section = make_section(name="Politics", slug="politics", name_uk="Політика", slug_uk="polityka")
    english = make_article(slug="kyiv-power-cut", section=section, translation_group=group, **kw)
    ukrainian = make_article(
        slug="vidkliuchennia-u-kyievi",
        headline="Відключення світла у Києві",
        section=section,
        language="uk",
        translation_group=group,
        **kw,
    )
    return english, ukrainian


# --- Addresses ---------------------------------------------------------------------------------------

# Every reader address as it was before the Ukrainian edition: with English active, each name reverses
# to exactly this. A new name must be added here, so that no English address changes unseen.
ENGLISH_ADDRESSES = {
    "feed:home": ({}, "/"),
    "feed:article": ({"slug": "a-story"}, "/news/a-story/"),
    "feed:preview": ({"pk": 7}, "/preview/7/"),
    "feed:live-preview": ({"pk": 7}, "/preview/7/live/"),
    "feed:corrections": ({}, "/corrections/"),
    "feed:section": ({"slug": "politics"}, "/section/politics/"),
    "feed:tag": ({"slug": "kyiv"}, "/tags/kyiv/"),
    "feed:video": ({}, "/video/"),
    "feed:author": ({"slug": "olena"}, "/authors/olena/"),
    "feed:search": ({}, "/search/"),
    "feed:site-rss": ({}, "/feeds/rss/"),
    "feed:site-atom": ({}, "/feeds/atom/"),
    "feed:section-rss": ({"slug": "politics"}, "/section/politics/rss/"),
    "feed:section-atom": ({"slug": "politics"}, "/section/politics/atom/"),
    "feed:tag-rss": ({"slug": "kyiv"}, "/tags/kyiv/rss/"),
    "feed:tag-atom": ({"slug": "kyiv"}, "/tags/kyiv/atom/"),
    "feed:author-rss": ({"slug": "olena"}, "/authors/olena/rss/"),
    "feed:author-atom": ({"slug": "olena"}, "/authors/olena/atom/"),
    "feed:video-rss": ({}, "/video/rss/"),
    "feed:video-atom": ({}, "/video/atom/"),
    "feed:partners-rss": ({}, "/feeds/partners/rss/"),
    "feed:sitemap-index": ({}, "/sitemap.xml"),
    "feed:sitemap-news": ({}, "/sitemap-news.xml"),
    "feed:sitemap": ({"section": "articles-2026-05"}, "/sitemaps/articles-2026-05.xml"),
    "feed:robots": ({}, "/robots.txt"),
    "live:story": ({"slug": "war"}, "/live/war/"),
    "live:update": ({"slug": "war", "pk": 3}, "/live/war/updates/3/"),
    "live:poll": ({"slug": "war"}, "/live/war/poll/"),
    "live:updates-rss": ({"slug": "war"}, "/live/war/rss/"),
    "live:updates-atom": ({"slug": "war"}, "/live/war/atom/"),
}


def reader_url_names():
    resolver = get_resolver()
    return {
        f"{namespace}:{name}"
        for namespace in ("feed", "live")
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }


def test_every_english_address_is_where_it_was():
    assert reader_url_names() == set(ENGLISH_ADDRESSES)
    for name, (kwargs, address) in ENGLISH_ADDRESSES.items():
        assert reverse(name, kwargs=kwargs or None) == address, name
        with translation.override("en-gb"):
            assert reverse(name, kwargs=kwargs or None) == address, name


def test_ukrainian_addresses_are_under_uk():
    with translation.override("uk"):
        for name, (kwargs, address) in ENGLISH_ADDRESSES.items():
            assert reverse(name, kwargs=kwargs or None) == f"/uk{address}", name


def test_accept_language_never_moves_an_english_reader(client):
    make_article()
    client.cookies["django_language"] = "uk"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
    assert response["Content-Language"] == "en"


def test_the_ukrainian_home_without_its_slash_is_redirected(client):
    response = client.get("/uk")
    assert response.status_code == 301 and response["Location"] == "/uk/"


def test_there_is_no_en_prefix_and_no_admin_under_uk(client):
    make_article(slug="a-story")
    assert client.get("/en/news/a-story/").status_code == 404
    assert client.get("/uk/admin/").status_code == 404


# --- Each page in its edition ------------------------------------------------------------------------


def test_each_home_lists_its_own_edition(client):
    english, ukrainian = translated_pair()
    english_home, ukrainian_home = soup_of(client, "/"), soup_of(client, "/uk/")
    assert english.headline in english_home.text and ukrainian.headline not in english_home.text
    assert ukrainian.headline in ukrainian_home.text and english.headline not in ukrainian_home.text
    assert english_home.html["lang"] == "en" and ukrainian_home.html["lang"] == "uk"
    assert ukrainian_home.find("a", string=ukrainian.headline)["href"] == "/uk/news/vidkliuchennia-u-kyievi/"


def test_show_more_pages_within_the_edition(client, settings):
    settings.NEWSROOM_FEED_PAGE_SIZE = 2
    for n in range(3):
        make_article(headline=f"English {n}", published_at=timezone.now() - timedelta(minutes=n))
        make_article(headline=f"Українська {n}", language="uk", published_at=timezone.now() - timedelta(minutes=n))
    first = soup_of(client, "/uk/")
    more = first.find("a", href=lambda href: href and "before=" in href)["href"]
    older = soup_of(client, f"/uk/{more}")
    assert "Українська 2" in older.text and "English 2" not in older.text
    # An older page is its own page: no alternates, and its switch goes to the other edition's first page.
    assert hreflangs(older) == {} and switch(older) == {"en": "/"}


def test_a_section_has_its_ukrainian_slug_and_name(client):
    english, ukrainian = translated_pair()
    page = soup_of(client, "/uk/section/polityka/")
    assert page.find("h1").text.strip() == "Політика"
    assert ukrainian.headline in page.text and english.headline not in page.text
    assert hreflangs(page) == {
        "en": "http://testserver/section/politics/",
        "uk": "http://testserver/uk/section/polityka/",
        "x-default": "http://testserver/section/politics/",
    }
    assert client.get("/uk/section/politics/").status_code == 404  # it has its own slug there


def test_a_section_without_a_ukrainian_slug_is_at_its_english_one(client):
    section = make_section(name="Sport", slug="sport")
    make_article(section=section, language="uk", headline="Матч у Львові")
    page = soup_of(client, "/uk/section/sport/")
    assert "Матч у Львові" in page.text
    assert page.find("h1").text.strip() == "Sport"  # the name falls back to English too
    assert switch(page) == {"en": "/section/sport/"}


def test_tag_pages_list_their_editions_stories(client):
    make_article(headline="Kyiv story", tags=["Kyiv"])
    make_article(headline="Історія про Київ", language="uk", tags=["Київ"])
    assert "Історія про Київ" in soup_of(client, reverse_uk("feed:tag", slug="київ")).text
    assert client.get("/uk/tags/kyiv/").status_code == 404  # no Ukrainian story carries it
    english = soup_of(client, "/tags/kyiv/")
    assert "Kyiv story" in english.text and hreflangs(english) == {}
    assert switch(english) == {"uk": "/uk/"}


def test_a_tag_with_stories_in_both_editions_links_them(client):
    make_article(tags=["Energy"])
    make_article(language="uk", tags=["Energy"])
    page = soup_of(client, "/tags/energy/")
    assert hreflangs(page)["uk"] == "http://testserver/uk/tags/energy/"
    assert hreflangs(soup_of(client, "/uk/tags/energy/"))["en"] == "http://testserver/tags/energy/"


def reverse_uk(name, **kwargs):
    with translation.override("uk"):
        return reverse(name, kwargs=kwargs)


def test_author_pages_in_each_edition(client):
    author = make_author(name="Olena Kovalenko", slug="olena", name_uk="Олена Коваленко", slug_uk="olena-uk")
    author.short_bio_uk = "Кореспондентка в Києві."
    author.save()
    fallback = make_author(name="Taras Melnyk", slug="taras")
    make_article(authors=[author, fallback], headline="English story")
    make_article(authors=[author, fallback], headline="Українська історія", language="uk")
    page = soup_of(client, "/uk/authors/olena-uk/")
    assert "Олена Коваленко" in page.text and "Кореспондентка в Києві." in page.text
    assert "Українська історія" in page.text and "English story" not in page.text
    assert hreflangs(page)["en"] == "http://testserver/authors/olena/"
    assert hreflangs(soup_of(client, "/authors/olena/"))["uk"] == "http://testserver/uk/authors/olena-uk/"
    # No Ukrainian name or slug yet: the English ones, in the Ukrainian edition.
    assert "Taras Melnyk" in soup_of(client, "/uk/authors/taras/").text


def test_an_author_with_no_story_in_an_edition_has_no_page_there(client):
    author = make_author(slug="only-english")
    make_article(authors=[author])
    page = soup_of(client, "/authors/only-english/")
    assert hreflangs(page) == {} and switch(page) == {"uk": "/uk/"}
    assert client.get("/uk/authors/only-english/").status_code == 404


def test_video_pages_and_the_strip_per_edition(client):
    poster = make_photo()
    make_article(headline="English video", video_url="https://vimeo.com/1", video_poster=poster)
    make_article(headline="Українське відео", video_url="https://vimeo.com/2", video_poster=poster, language="uk")
    ukrainian = soup_of(client, "/uk/video/")
    assert "Українське відео" in ukrainian.text and "English video" not in ukrainian.text
    home = soup_of(client, "/")  # the home page's video strip, a shared block (feed/fragments.py)
    assert "English video" in home.text and "Українське відео" not in home.text
    assert "Українське відео" in soup_of(client, "/uk/").text


def test_shared_blocks_are_kept_per_edition(client, settings):
    """The section menu and "More from the News Feed" come from the cache: each edition its own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    make_section(name="Economy", slug="economy", name_uk="Економіка", slug_uk="ekonomika")
    english, ukrainian = translated_pair()
    make_article(headline="Another English story")
    make_article(headline="Ще одна українська історія", language="uk")
    assert "Another English story" in soup_of(client, english.get_absolute_url()).text
    ukrainian_page = soup_of(client, ukrainian.get_absolute_url())
    nav = ukrainian_page.select_one(".site-nav")
    assert "Економіка" in nav.text and "/uk/section/ekonomika/" in str(nav)
    assert "Ще одна українська історія" in ukrainian_page.text
    assert "Another English story" not in ukrainian_page.text


def test_the_page_cache_keeps_each_edition_apart(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 60
    translated_pair()
    assert soup_of(client, "/").html["lang"] == "en"
    assert soup_of(client, "/uk/").html["lang"] == "uk"
    assert soup_of(client, "/").html["lang"] == "en"


def test_a_story_at_the_other_editions_address_is_redirected(client):
    _, ukrainian = translated_pair()
    response = client.get("/news/vidkliuchennia-u-kyievi/")
    assert response.status_code == 301 and response["Location"] == "/uk/news/vidkliuchennia-u-kyievi/"
    assert ukrainian.get_absolute_url() == "/uk/news/vidkliuchennia-u-kyievi/"


def test_the_api_gives_a_ukrainian_storys_own_address(client):
    story = make_article(slug="istoriia", language="uk")
    items = client.get("/api/stories/").json()["items"]
    assert [item["url"] for item in items] == ["http://testserver/uk/news/istoriia/"]
    assert client.get(f"/api/stories/{story.pk}/").json()["url"] == "http://testserver/uk/news/istoriia/"


# --- Translations: hreflang, switch, Open Graph, JSON-LD ---------------------------------------------


def test_hreflang_pairs_are_reciprocal(client):
    english, ukrainian = translated_pair()
    pages = ["/", "/uk/", "/video/", "/uk/video/", english.get_absolute_url(), ukrainian.get_absolute_url()]
    pages += ["/section/politics/", "/uk/section/polityka/", "/search/", "/uk/search/"]
    for url in pages:
        links = hreflangs(soup_of(client, url))
        assert set(links) == {"en", "uk", "x-default"}, url
        assert links["x-default"] == links["en"]
        for other in links.values():  # every page it names names it back, and itself
            assert hreflangs(soup_of(client, other.removeprefix("http://testserver"))) == links, (url, other)


def test_the_article_page_links_its_translation(client):
    english, ukrainian = translated_pair()
    page = soup_of(client, ukrainian.get_absolute_url())
    assert page.html["lang"] == "uk"
    assert switch(page) == {"en": "/news/kyiv-power-cut/"}
    assert page.select_one(".language-switch a")["rel"] == ["alternate"]
    assert page.find("meta", property="og:locale")["content"] == "uk_UA"
    assert page.find("meta", property="og:locale:alternate")["content"] == "en_GB"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["inLanguage"] == "uk"
    # The English story was written first: the Ukrainian is its translation.
    assert data["translationOfWork"] == {
        "@type": "NewsArticle",
        "url": "http://testserver/news/kyiv-power-cut/",
        "inLanguage": "en",
    }
    english_data = json.loads(
        soup_of(client, english.get_absolute_url()).find("script", type="application/ld+json").string
    )
    assert english_data["inLanguage"] == "en"
    assert english_data["workTranslation"] == [
        {"@type": "NewsArticle", "url": "http://testserver/uk/news/vidkliuchennia-u-kyievi/", "inLanguage": "uk"}
    ]


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": timezone.now() + timedelta(days=1)},  # scheduled
        {"deleted_at": timezone.now()},  # in the trash
    ],
)
def test_an_unpublished_translation_is_never_an_alternate(client, unpublished):
    group = uuid.uuid4()
    english = make_article(translation_group=group)
    make_article(language="uk", translation_group=group, slug="hidden-uk", **unpublished)
    page = soup_of(client, english.get_absolute_url())
    assert hreflangs(page) == {}
    assert page.find("meta", property="og:locale:alternate") is None
    assert switch(page) == {"uk": "/uk/"}
    assert "hidden-uk" not in str(page)
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert "workTranslation" not in data and "translationOfWork" not in data


def test_a_preview_is_in_its_storys_edition(editor_client):
    make_article(headline="Українська історія", language="uk")
    draft = make_article(language="uk", status=Article.Status.DRAFT, published_at=None, headline="Чернетка")
    page = BeautifulSoup(editor_client.get(f"/preview/{draft.pk}/").content, "html.parser")
    assert page.html["lang"] == "uk"
    assert "Українська історія" in page.text  # "More from the News Feed" of its edition


def test_pages_without_metadata_still_switch_edition(client):
    page = soup_of(client, "/uk/corrections/")
    assert page.html["lang"] == "uk"
    assert switch(page) == {"en": "/corrections/"}
    assert client.get("/uk/nowhere/").status_code == 404


def test_live_story_pages_per_edition(client):
    _, ukrainian = translated_pair(live_coverage=True)
    assert ukrainian.get_absolute_url() == "/uk/live/vidkliuchennia-u-kyievi/"
    page = soup_of(client, ukrainian.get_absolute_url())
    assert page.html["lang"] == "uk"
    assert hreflangs(page) == {
        "en": "http://testserver/live/kyiv-power-cut/",
        "uk": "http://testserver/uk/live/vidkliuchennia-u-kyievi/",
        "x-default": "http://testserver/live/kyiv-power-cut/",
    }
    assert client.get("/live/vidkliuchennia-u-kyievi/")["Location"] == "/uk/live/vidkliuchennia-u-kyievi/"
    feed = feedparser.parse(client.get("/uk/live/vidkliuchennia-u-kyievi/rss/").content)
    assert feed.bozo == 0 and feed.feed.language == "uk"


# --- Feeds and sitemaps ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_per_edition(client, kind):
    author = make_author(slug="olena", slug_uk="olena-uk")
    english, ukrainian = translated_pair(authors=[author], tags=["Energy"])
    for prefix, language, own, other in [("", "en", english, ukrainian), ("/uk", "uk", ukrainian, english)]:
        for path in ["/feeds/", "/tags/energy/", "/video/"]:
            if path == "/video/":
                continue
            feed = feedparser.parse(client.get(f"{prefix}{path}{kind}/").content)
            assert feed.bozo == 0, feed.bozo_exception
            assert feed.feed.language.startswith(language)
            titles = {entry.title for entry in feed.entries}
            assert own.headline in titles and other.headline not in titles
        section = feedparser.parse(
            client.get(f"{prefix}/section/{'polityka' if language == 'uk' else 'politics'}/{kind}/").content
        )
        assert section.bozo == 0 and [entry.title for entry in section.entries] == [own.headline]
        slug = "olena-uk" if language == "uk" else "olena"
        by_author = feedparser.parse(client.get(f"{prefix}/authors/{slug}/{kind}/").content)
        assert [entry.link for entry in by_author.entries] == [f"http://testserver{own.get_absolute_url()}"]


def test_article_sitemaps_list_the_edition_with_alternates(client):
    english, ukrainian = translated_pair()
    alone = make_article(language="uk", slug="tilky-ukrainskoiu")
    month = f"articles-{timezone.localtime(english.published_at):%Y-%m}"
    tree = ElementTree.fromstring(client.get(f"/uk/sitemaps/{month}.xml").content)
    entries = {url.find("sm:loc", SITEMAP_NS).text: url for url in tree.findall("sm:url", SITEMAP_NS)}
    assert set(entries) == {
        f"http://testserver{ukrainian.get_absolute_url()}",
        f"http://testserver{alone.get_absolute_url()}",
    }
    links = {
        link.get("hreflang"): link.get("href")
        for link in entries[f"http://testserver{ukrainian.get_absolute_url()}"].findall("xhtml:link", SITEMAP_NS)
    }
    assert links == {
        "en": "http://testserver/news/kyiv-power-cut/",
        "uk": "http://testserver/uk/news/vidkliuchennia-u-kyievi/",
        "x-default": "http://testserver/news/kyiv-power-cut/",
    }
    assert entries[f"http://testserver{alone.get_absolute_url()}"].findall("xhtml:link", SITEMAP_NS) == []
    english_tree = ElementTree.fromstring(client.get(f"/sitemaps/{month}.xml").content)
    english_links = {
        link.get("hreflang"): link.get("href") for link in english_tree.iter(f"{{{SITEMAP_NS['xhtml']}}}link")
    }
    assert english_links == links  # reciprocal


def test_sitemap_indexes_and_listing_sitemaps_per_edition(client):
    translated_pair()
    index = client.get("/uk/sitemap.xml").content.decode()
    assert "http://testserver/uk/sitemaps/sections.xml" in index and "http://testserver/sitemaps/" not in index
    tree = ElementTree.fromstring(client.get("/uk/sitemaps/sections.xml").content)
    locations = [url.find("sm:loc", SITEMAP_NS).text for url in tree.findall("sm:url", SITEMAP_NS)]
    assert locations == [
        "http://testserver/uk/",
        "http://testserver/uk/section/polityka/",
        "http://testserver/uk/video/",
    ]
    home = tree.find("sm:url", SITEMAP_NS)
    assert {link.get("hreflang"): link.get("href") for link in home.findall("xhtml:link", SITEMAP_NS)} == {
        "en": "http://testserver/",
        "uk": "http://testserver/uk/",
        "x-default": "http://testserver/",
    }
    robots = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/uk/sitemap.xml" in robots and "Disallow: /uk/search/" in robots


def sitemap_alternates(client, url):
    tree = ElementTree.fromstring(client.get(url).content)
    return {
        url.find("sm:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        for url in tree.findall("sm:url", SITEMAP_NS)
    }


def test_author_and_tag_sitemaps_link_the_pages_both_editions_have(client):
    both = make_author(slug="olena", slug_uk="olena-uk")
    english_only = make_author(slug="john")
    make_article(authors=[both, english_only], tags=["Energy", "London"])
    make_article(authors=[both], tags=["Energy"], language="uk")
    authors = sitemap_alternates(client, "/sitemaps/authors.xml")
    assert authors == {
        "http://testserver/authors/olena/": {
            "en": "http://testserver/authors/olena/",
            "uk": "http://testserver/uk/authors/olena-uk/",
            "x-default": "http://testserver/authors/olena/",
        },
        "http://testserver/authors/john/": {},
    }
    assert sitemap_alternates(client, "/uk/sitemaps/authors.xml") == {
        "http://testserver/uk/authors/olena-uk/": authors["http://testserver/authors/olena/"]
    }
    tags = sitemap_alternates(client, "/uk/sitemaps/tags.xml")
    assert list(tags) == ["http://testserver/uk/tags/energy/"]
    assert tags["http://testserver/uk/tags/energy/"]["en"] == "http://testserver/tags/energy/"


def test_news_sitemaps_carry_their_language(client):
    english, ukrainian = translated_pair()
    for prefix, language, own in [("", "en", english), ("/uk", "uk", ukrainian)]:
        tree = ElementTree.fromstring(client.get(f"{prefix}/sitemap-news.xml").content)
        urls = tree.findall("sm:url", SITEMAP_NS)
        assert [url.find("sm:loc", SITEMAP_NS).text for url in urls] == [f"http://testserver{own.get_absolute_url()}"]
        assert urls[0].find("news:news/news:publication/news:language", SITEMAP_NS).text == language


# --- Search ------------------------------------------------------------------------------------------


def test_search_looks_in_its_own_edition(client):
    make_article(headline="Blackout in Kyiv", summary="Kyiv without power.")
    make_article(headline="Blackout у Києві", summary="Kyiv без світла.", language="uk")
    english = soup_of(client, "/search/?q=Kyiv")
    assert "Blackout in Kyiv" in english.text and "Blackout у Києві" not in english.text
    ukrainian = soup_of(client, "/uk/search/?q=Kyiv")
    assert "Blackout у Києві" in ukrainian.text and "Blackout in Kyiv" not in ukrainian.text


def test_ukrainian_search_filters_by_section_and_author_at_their_addresses_there(client):
    section = make_section(name="Sport", slug="sport")  # no Ukrainian slug: its English one
    author = make_author(slug="olena", slug_uk="olena-uk")
    make_article(section=section, authors=[author], language="uk", headline="Переможний матч у Львові")
    page = soup_of(client, "/uk/search/?q=матч&section=sport&author=olena-uk")
    assert "Переможний матч у Львові" in page.text
    assert client.get("/uk/search/?q=матч&author=olena").status_code == 400  # not her address in /uk/
    assert client.get("/search/?q=матч&author=olena").status_code == 400  # no English story of hers


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


@postgres_only
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Київ", True),  # the word as written
        ("Києві", True),  # the locative: the same dictionary form
        ("Харкова", True),  # the genitive of the word in the body
        ("обстріли", True),  # the plural of "обстрілу"
        ("столицею", True),  # the instrumental of "столиці"
        ("енергетиків", True),
        ("Одеса", False),  # a word the story does not have
        ("Київ -енергетики", False),  # excluded by a word of it, in another form
    ],
)
def test_ukrainian_search_finds_inflected_forms(client, query, found):
    make_article(
        headline="Після обстрілу Київ залишився без світла",
        summary="У столиці працюють енергетики.",
        body="<p>Наступного дня світло вимкнули й у Харкові.</p>",
        language="uk",
    )
    page = soup_of(client, f"/uk/search/?q={query}")
    assert ("Після обстрілу Київ залишився без світла" in page.text) == found


@postgres_only
def test_a_ukrainian_story_is_indexed_by_its_dictionary_forms():
    story = make_article(headline="Обстріли столиці", language="uk")
    document = Article.objects.filter(pk=story.pk).values_list("search_vector", flat=True).get()
    assert "'обстріл':1A" in document and "'столиця':2A" in document
    Article.objects.filter(pk=story.pk).update(search_vector=None)
    assert Article.objects.filter(pk=story.pk).update_search_vectors() == 1
    assert Article.objects.filter(pk=story.pk).values_list("search_vector", flat=True).get() == document
