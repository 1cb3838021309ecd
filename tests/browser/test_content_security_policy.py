"""Every reader page and the admin under the production Content-Security-Policy, in a real browser:
nothing the pages need is refused, and their scripts still work."""

import re

import pytest

from tests.browser.stories import newsroom as stories_an_hour_apart
from tests.factories import make_article, make_photo, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PLAYER = "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1"


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports, as the page's `securitypolicyviolation` events and as
    the console's "Refused to …" messages, across navigations."""
    seen = []
    page.expose_function("reportCspViolation", lambda text: seen.append(text))
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (event) => window.reportCspViolation(
             `${location.pathname}: ${event.effectiveDirective} refused ${event.blockedURI}`));"""
    )
    page.on(
        "console",
        lambda message: (
            seen.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or message.text.startswith("Refused to")
            else None
        ),
    )
    return seen


def newsroom():
    """Seven stories and a video story in the World section."""
    section = make_section(name="World", slug="world")
    _stories, author = stories_an_hour_apart(7, section=section)
    poster = make_photo(alt_text="A bridge over the river at dusk")
    make_article(
        headline="Drone footage of the repaired bridge",
        slug="bridge-video",
        section=section,
        authors=[author],
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
        video_poster=poster,
    )


def test_reader_pages_load_twice_with_no_violation_and_their_scripts_work(site, page, violations):
    newsroom()
    # No network here: the video host answers from the test, so the iframe really loads.
    page.route(re.compile(r"^https://www\.youtube-nocookie\.com/"), lambda route: route.fulfill(body="<p>player</p>"))
    pages = [
        "/",
        "/news/story-01/",
        "/news/bridge-video/",
        "/authors/oksana-marchenko/",
        "/tags/kharkiv/",
        "/section/world/",
        "/video/",
        "/search/?q=front",
        "/corrections/",
    ]
    for _ in range(2):  # the second time from the page cache
        for address in pages:
            response = page.goto(site + address)
            assert response.status == 200, address
            assert "default-src 'none'" in response.headers["content-security-policy"]
            page.wait_for_load_state("networkidle")
    assert violations == []

    page.goto(site + "/")
    page.get_by_role("link", name="Show More").click()
    page.wait_for_function("() => document.querySelectorAll('[data-story-list] > li').length > 5")

    page.goto(site + "/news/bridge-video/")
    page.get_by_role("link", name=re.compile("Play video")).click()
    frame = page.locator(".video-player iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == PLAYER
    assert page.frame_locator(".video-player iframe").locator("p").inner_text() == "player"
    assert violations == []


def test_admin_works_with_no_violation(site, page, violations):
    newsroom()
    make_user(username="boss", is_superuser=True)
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    for address in ("/admin/feed/article/", "/admin/media/photo/", "/admin/authors/author/"):
        page.goto(site + address)
        page.wait_for_load_state("networkidle")

    page.goto(site + "/admin/feed/article/")
    page.get_by_role("link", name="Story 01 from the front").click()
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    body.press("End")
    body.type(" More to follow.")
    page.locator("#id_bylines-0-author + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Oksana")
    page.locator(".select2-results__option", has_text="Oksana Marchenko").first.click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/feed/article/$"))
    assert violations == [], "\n".join(violations)
