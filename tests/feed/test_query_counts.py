import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_article, make_author, make_photo, make_related_link, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Count what the pages themselves cost; tests/feed/test_page_cache.py counts the cache's."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


def queries_for(client, url, blocks_cached=True):
    """The queries of a request for `url`: by default with the shared blocks (section menu, video strip,
    "More from the News Feed"; feed/fragments.py) already in the cache, as every request but the
    first of a content generation finds them."""
    if blocks_cached:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def make_stories(count, **kw):
    section = make_section()
    return [
        make_article(
            section=section,
            lead_photo=make_photo(),
            published_at=timezone.now() - timedelta(minutes=n + 1),
            tags=["Kyiv"],
            **kw,
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(("url", "expected"), [("/", 1), ("/video/", 1), ("/tags/kyiv/", 2)])
def test_listing_pages_run_a_fixed_number_of_queries(client, settings, url, expected):
    """1 story or 30 (with 30 videos too), the count is the same: the stories with section and photos,
    and on a tag page first the tag. The section menu and the video strip come from the cache."""
    settings.NEWSROOM_FEED_PAGE_SIZE = 40
    poster = make_photo()
    make_stories(1, video_url="https://vimeo.com/1", video_poster=poster)
    few = queries_for(client, url)
    make_stories(29, video_url="https://vimeo.com/2", video_poster=poster)
    assert few == queries_for(client, url) == expected


def test_listing_pages_make_the_shared_blocks_once_a_content_generation(client, settings):
    """The first request after a change also finds when the next scheduled story is due (the new
    generation), and makes the section menu and the video strip: three queries more, once."""
    settings.NEWSROOM_FEED_PAGE_SIZE = 40
    make_stories(30, video_url="https://vimeo.com/1", video_poster=make_photo())
    assert queries_for(client, "/", blocks_cached=False) == 4
    assert queries_for(client, "/", blocks_cached=False) == 1


def test_author_and_section_pages_run_a_fixed_number_of_queries(client):
    """The author or section, then its stories."""
    author = make_author(slug="writer")
    section = make_section(slug="politics")
    make_article(authors=[author], section=section, lead_photo=make_photo())
    few = queries_for(client, "/authors/writer/"), queries_for(client, "/section/politics/")
    for _ in range(25):
        make_article(authors=[author], section=section, lead_photo=make_photo())
    assert few == (queries_for(client, "/authors/writer/"), queries_for(client, "/section/politics/")) == (2, 2)


def build_article(parts):
    section = make_section()
    authors = [make_author() for _ in range(parts)]
    article = make_article(
        section=section,
        lead_photo=make_photo(),
        authors=authors,
        tags=[f"Topic {n}" for n in range(parts)],
        body="".join(f"<p>Paragraph {n}.</p>" for n in range(6)),
    )
    for n in range(parts):
        target = make_article(section=section, lead_photo=make_photo(), published_at=timezone.now() - timedelta(days=1))
        make_related_link(article=article, target=target, after_paragraph=n + 1 if n % 2 else None)
    return article


def test_article_page_runs_a_fixed_number_of_queries(client):
    """An article with 1 or with 5 authors, tags and related links costs the same: the article with
    section and photos; bylines with authors; tags; corrections; related links with their targets.
    The section menu, "More from the News Feed" and the video strip come from the cache."""
    with_one, with_five = build_article(1), build_article(5)
    assert queries_for(client, with_one.get_absolute_url()) == queries_for(client, with_five.get_absolute_url()) == 5


def test_article_page_makes_the_shared_blocks_once_a_content_generation(client):
    """The first request after a change: the next scheduled story's time, the section menu, more
    stories and the video strip, four queries more; the next story's page finds them made."""
    article, other = build_article(3), build_article(3)
    make_stories(6)  # newer: the two stories are not in the shared blocks, which leave a page's own story out
    assert queries_for(client, article.get_absolute_url(), blocks_cached=False) == 9
    assert queries_for(client, other.get_absolute_url(), blocks_cached=False) == 5


# The Ukrainian edition (/uk/) costs what the English one does: the language is a condition of the same
# queries, a section's or author's other address comes from the row in hand, a tag's or author's page in
# the other edition from an EXISTS in its own query, and an article's published translation from
# subqueries of the article's query.


@pytest.mark.parametrize(("url", "expected"), [("/uk/", 1), ("/uk/video/", 1), ("/uk/tags/kyiv/", 2)])
def test_ukrainian_listing_pages_run_the_same_number_of_queries(client, settings, url, expected):
    settings.NEWSROOM_FEED_PAGE_SIZE = 40
    poster = make_photo()
    make_stories(1, video_url="https://vimeo.com/1", video_poster=poster, language="uk")
    make_stories(1, video_url="https://vimeo.com/1", video_poster=poster)  # English ones cost nothing here
    few = queries_for(client, url)
    make_stories(29, video_url="https://vimeo.com/2", video_poster=poster, language="uk")
    assert few == queries_for(client, url) == expected


def test_ukrainian_author_and_section_pages_run_the_same_number_of_queries(client):
    author = make_author(slug="writer", slug_uk="avtor")
    section = make_section(slug="politics", slug_uk="polityka")
    make_article(authors=[author], section=section, lead_photo=make_photo(), language="uk")
    make_article(authors=[author], section=section, lead_photo=make_photo())
    pages = ("/uk/authors/avtor/", "/uk/section/polityka/")
    few = tuple(queries_for(client, url) for url in pages)
    for _ in range(25):
        make_article(authors=[author], section=section, lead_photo=make_photo(), language="uk")
    assert few == tuple(queries_for(client, url) for url in pages) == (2, 2)


def test_an_article_with_a_translation_runs_the_same_number_of_queries(client):
    """Its translation's address, for hreflang, the switch and JSON-LD, is part of the article's query."""
    english, ukrainian = build_article(3), build_article(3)
    ukrainian.language = "uk"
    ukrainian.translation_group = english.translation_group = uuid.uuid4()
    ukrainian.save()
    english.save()
    assert queries_for(client, english.get_absolute_url()) == queries_for(client, ukrainian.get_absolute_url()) == 5
    page = client.get(ukrainian.get_absolute_url()).content.decode()
    assert f'hreflang="en" href="http://testserver{english.get_absolute_url()}"' in page
