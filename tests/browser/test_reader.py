"""A reader in a real browser: feed, article, author, back, "Show More" with and without JavaScript, video."""

import re
from urllib.parse import urljoin

import pytest
from django.core.files.storage import default_storage

from tests.browser.stories import newsroom
from tests.factories import make_article, make_photo

pytestmark = pytest.mark.django_db(transaction=True)


def headlines(page):
    return page.locator("[data-story-list] .card__headline").all_inner_texts()


def test_reader_goes_from_feed_to_article_to_author_and_back(site, page):
    _stories, author = newsroom()
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "News Feed"

    page.get_by_role("link", name="Story 01 from the front").click()
    page.wait_for_url(re.compile(r"/news/story-01/$"))
    assert page.locator("h1").inner_text() == "Story 01 from the front"
    assert page.locator(".story__lead img").evaluate("img => img.complete && img.naturalWidth > 0")

    page.get_by_role("link", name=f"Read more about {author.name}").click()
    page.wait_for_url(re.compile(r"/authors/oksana-marchenko/$"))
    assert page.locator("h1").inner_text() == author.name
    assert "Story 01 from the front" in headlines(page)

    page.go_back()
    page.wait_for_url(re.compile(r"/news/story-01/$"))
    page.go_back()
    assert page.url == site + "/"
    assert headlines(page)[0] == "Story 01 from the front"


def test_show_more_appends_older_stories_in_place_and_updates_the_address(site, page):
    newsroom(12)
    page.goto(site + "/")
    assert len(headlines(page)) == 5
    page.evaluate("window.beforeShowMore = true")  # gone if the page were reloaded

    page.get_by_role("link", name="Show More").click()
    page.wait_for_function("() => document.querySelectorAll('[data-story-list] > li').length === 10")
    assert headlines(page)[5] == "Story 06 from the front"
    assert page.evaluate("window.beforeShowMore") is True
    assert "?before=" in page.url
    # Keyboard users land on the first new story.
    assert page.evaluate("document.activeElement.textContent") == "Story 06 from the front"

    page.get_by_role("link", name="Show More").click()
    page.wait_for_function("() => document.querySelectorAll('[data-story-list] > li').length === 12")
    assert page.get_by_role("link", name="Show More").count() == 0  # the last page has no link
    assert page.evaluate("window.beforeShowMore") is True

    # The updated address opens on the last page loaded.
    page.reload()
    assert headlines(page) == ["Story 11 from the front", "Story 12 from the front"]


def test_show_more_works_as_a_plain_link_without_javascript(site, no_js_page):
    page = no_js_page
    newsroom(12)
    page.goto(site + "/")
    page.get_by_role("link", name="Show More").click()
    page.wait_for_url(re.compile(r"\?before="))
    assert page.locator("h1").inner_text() == "Older stories"
    assert headlines(page)[0] == "Story 06 from the front"


def test_more_from_the_news_feed_on_an_article_keeps_the_article_address(site, page):
    newsroom(12)
    page.goto(site + "/news/story-01/")
    page.get_by_role("link", name="Show More").click()
    page.wait_for_function("() => document.querySelectorAll('.more-stories [data-story-list] > li').length === 10")
    assert page.url == site + "/news/story-01/"


def test_video_loads_its_player_only_after_a_click(site, page):
    poster = make_photo(alt_text="A bridge over the river at dusk")
    make_article(
        headline="Drone footage of the repaired bridge",
        slug="bridge-video",
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
        video_poster=poster,
    )
    elsewhere = []

    def other_hosts(route):
        elsewhere.append(route.request.url)
        route.abort()

    # Our own photos come from this site or from the object store (MEDIA_STORAGE=s3): neither is the video host.
    ours = (site, urljoin(site + "/", default_storage.url("")))
    page.route(lambda url: not url.startswith(ours), other_hosts)
    page.goto(site + "/news/bridge-video/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".video-player iframe").count() == 0
    assert elsewhere == []

    page.get_by_role("link", name=re.compile("Play video")).click()
    frame = page.locator(".video-player iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"
    assert frame.get_attribute("title") == "Drone footage of the repaired bridge"
    page.wait_for_timeout(300)
    assert elsewhere and all("youtube-nocookie.com" in url for url in elsewhere)
