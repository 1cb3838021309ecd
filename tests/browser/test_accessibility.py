"""axe-core on every kind of reader page, the admin article form and Missing translations; the keyboard
reaches every link."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from feed.models import Correction
from tests.browser.actions import serious_violations
from tests.factories import make_article, make_author, make_photo, make_related_link, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def newsroom():
    section = make_section(name="News Feed", slug="news-feed")
    author = make_author(name="Oksana Marchenko", slug="oksana-marchenko", avatar=make_photo(alt_text="Portrait"))
    now = timezone.now()
    stories = [
        make_article(
            headline=f"Shelling hits Kharkiv district, {n} injured",
            slug=f"story-{n:02d}",
            section=section,
            published_at=now - timedelta(hours=n),
            authors=[author],
            tags=["Kharkiv"],
            lead_photo=make_photo(),
            lead_photo_caption="Rescuers at the scene.",
        )
        for n in range(1, 8)
    ]
    make_related_link(article=stories[0], target=stories[1], after_paragraph=1)
    make_article(
        headline="Drone footage of the repaired bridge",
        slug="bridge-video",
        section=section,
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
        video_poster=make_photo(alt_text="A bridge at dusk"),
        authors=[author],
    )
    return stories


READER_PAGES = ["/", "/news/story-01/", "/authors/oksana-marchenko/", "/tags/kharkiv/", "/search/?q=Kharkiv", "/video/"]


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
def test_axe_finds_no_serious_problem_on_reader_pages(site, page, colour_scheme):
    newsroom()
    page.emulate_media(color_scheme=colour_scheme)
    found = {}
    for path in [*READER_PAGES, "/news/bridge-video/"]:
        response = page.goto(site + path)
        assert response.status == 200, path
        if problems := serious_violations(page):
            found[path] = problems
    assert found == {}


@pytest.mark.parametrize("form", ["add", "change"])
def test_axe_finds_no_serious_problem_on_the_admin_article_form(site, roles, page, form):
    """The new story's form, and a saved story's with its bylines, related links and corrections."""
    story = newsroom()[0]
    Correction.objects.create(article=story, text="An earlier version gave the wrong district.")
    make_user("Editor", username="editor")
    address = "/admin/feed/article/add/" if form == "add" else f"/admin/feed/article/{story.pk}/change/"
    page.goto(f"{site}/admin/login/?next={address}")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.locator(".ProseMirror[contenteditable=true]").wait_for()
    problems = serious_violations(page)
    assert problems == []


def test_axe_finds_no_serious_problem_on_missing_translations(site, roles, page):
    newsroom()
    make_user("Editor", username="editor")
    page.goto(f"{site}/admin/login/?next=/admin/feed/article/missing-translations/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Translate “Shelling hits Kharkiv district, 1 injured”").wait_for()
    assert serious_violations(page) == []


def test_pages_have_landmarks_and_a_skip_link_to_the_main_content(site, page):
    newsroom()
    for path in READER_PAGES:
        page.goto(site + path)
        for role in ("banner", "main", "contentinfo", "search"):
            assert page.get_by_role(role).count() >= 1, (path, role)
        assert page.get_by_role("navigation", name="Sections").count() == 1, path
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.inner_text() == "Skip to content"
        assert skip.bounding_box()["x"] >= 0  # shown when focused
        page.keyboard.press("Enter")
        # Following the link updates the address a moment later, not within the key press.
        page.wait_for_url(re.compile(r"#main$"))


def tab_through(page, limit=200):
    """Presses Tab until focus leaves the page; returns what each press reached and its outline."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                return {key: el.getAttribute("href") || el.name || el.id, text: el.textContent.trim(),
                        outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
            }"""
        )
        if focused is None or (reached and focused == reached[0]):
            break
        reached.append(focused)
    return reached


def test_keyboard_reaches_every_link_and_show_more_with_a_visible_focus_ring(site, page):
    newsroom()
    for path in ["/", "/news/story-01/"]:
        page.goto(site + path)
        reached = tab_through(page)
        expected = page.evaluate(
            """() => Array.from(document.querySelectorAll("a[href], button, input, select"))
                .filter(el => el.tabIndex >= 0 && !el.closest("[aria-hidden=true]"))
                .map(el => el.getAttribute("href") || el.name || el.id)"""
        )
        keys = [item["key"] for item in reached]
        assert sorted(set(keys)) == sorted(set(expected)), path
        assert any(item["text"] == "Show More" for item in reached), path
        for item in reached:
            assert item["outline"] == "solid" and item["width"] >= 2, (path, item)
