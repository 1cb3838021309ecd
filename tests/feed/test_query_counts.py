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


def queries_for(client, url):
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


@pytest.mark.parametrize("url", ["/", "/video/", "/tags/kyiv/"])
def test_listing_pages_run_a_fixed_number_of_queries(client, settings, url, django_assert_max_num_queries):
    """1 story or 30 (with 30 videos too), the count is the same and at most 6."""
    settings.NEWSROOM_FEED_PAGE_SIZE = 40
    poster = make_photo()
    make_stories(1, video_url="https://vimeo.com/1", video_poster=poster)
    # Expect 3 queries (4 on a tag page, which first finds the tag): the stories with section and
    # photos, the video strip on the home page, the section menu.
    with django_assert_max_num_queries(6):
        few = queries_for(client, url)
    make_stories(29, video_url="https://vimeo.com/2", video_poster=poster)
    with django_assert_max_num_queries(6):
        many = queries_for(client, url)
    assert few == many


def test_author_and_section_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    author = make_author(slug="writer")
    section = make_section(slug="politics")
    make_article(authors=[author], section=section, lead_photo=make_photo())
    few = queries_for(client, "/authors/writer/"), queries_for(client, "/section/politics/")
    for _ in range(25):
        make_article(authors=[author], section=section, lead_photo=make_photo())
    with django_assert_max_num_queries(6):
        many = queries_for(client, "/authors/writer/"), queries_for(client, "/section/politics/")
    assert few == many


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


def test_article_page_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, django_assert_num_queries):
    """An article with 1 or with 5 authors, tags and related links costs the same, at most 10 queries."""
    with_one, with_five = build_article(1), build_article(5)
    with django_assert_max_num_queries(10):
        one = queries_for(client, with_one.get_absolute_url())
    # Expect 8 queries: the article with section and photos; bylines with authors; tags; corrections;
    # related links with their targets; more stories; the video strip; the section menu.
    with django_assert_num_queries(8):
        five = queries_for(client, with_five.get_absolute_url())
    assert one == five
