from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import make_article, make_author

pytestmark = pytest.mark.django_db


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    headlines = [a.get_text() for a in soup.select("[data-story-list] .card__headline a")]
    more = soup.select_one("[data-show-more]")
    return headlines, (more["href"] if more else None)


def walk(client, url):
    pages = []
    while url:
        headlines, next_href = page_of(client, url)
        pages.append(headlines)
        url = next_href if next_href is None or next_href.startswith("/") else "/" + next_href
    return pages


def test_show_more_pages_are_disjoint_and_newest_first(client, settings):
    settings.NEWSROOM_FEED_PAGE_SIZE = 4
    now = timezone.now()
    same_time = now - timedelta(hours=5)
    # Stories sharing one publication time must not be skipped or repeated across pages.
    for n in range(11):
        make_article(headline=f"Story {n:02d}", published_at=same_time if n in (3, 4, 5) else now - timedelta(hours=n))
    pages = walk(client, "/")
    assert [len(page) for page in pages] == [4, 4, 3]
    flat = [headline for page in pages for headline in page]
    assert len(flat) == len(set(flat)) == 11
    expected = sorted(((same_time if n in (3, 4, 5) else now - timedelta(hours=n)), n) for n in range(11))
    # Newest first; among equal times the later-created (higher id) story first.
    assert flat == [f"Story {n:02d}" for _, n in sorted(expected, key=lambda item: (item[0], item[1]), reverse=True)]


def test_author_page_pages_through_their_stories(client, settings):
    settings.NEWSROOM_FEED_PAGE_SIZE = 2
    author = make_author(slug="olena")
    for n in range(5):
        make_article(headline=f"By Olena {n}", authors=[author], published_at=timezone.now() - timedelta(hours=n))
    make_article(headline="By someone else")
    pages = walk(client, author.get_absolute_url())
    assert pages == [["By Olena 0", "By Olena 1"], ["By Olena 2", "By Olena 3"], ["By Olena 4"]]


def test_last_page_has_no_show_more(client):
    make_article()
    _, more = page_of(client, "/")
    assert more is None


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "123", "-5", "12-abc", "99999999999999999999-1", "1-" + "9" * 40, "1.5-2", "%00", "１２-3"],
)
def test_malformed_cursor_is_a_400_not_a_500(client, cursor):
    make_article()
    response = client.get("/", {"before": cursor})
    assert response.status_code == 400
    assert "That link is not quite right" in response.content.decode()


def test_cursor_far_in_the_past_gives_an_empty_page(client):
    make_article()
    headlines, more = page_of(client, "/?before=1-1")
    assert headlines == []
    assert more is None


def test_stories_dated_before_1970_page_too(client, settings):
    settings.NEWSROOM_FEED_PAGE_SIZE = 1
    old = timezone.now().replace(year=1965)
    make_article(headline="Archive A", published_at=old)
    make_article(headline="Archive B", published_at=old - timedelta(days=1))
    assert walk(client, "/") == [["Archive A"], ["Archive B"]]
