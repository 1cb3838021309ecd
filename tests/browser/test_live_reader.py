"""A reader on a live page while the newsroom posts: the new update waits behind "1 new update" without
moving the page, and comes in on a click. axe on a live page and an update's own page."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from live import services
from tests.browser.actions import serious_violations
from tests.factories import make_article, make_author, make_photo, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def live_story(settings, roles):
    settings.NEWSROOM_LIVE_POLL_SECONDS = 1
    reporter = make_user("Reporter", author=make_author(name="Taras Bondar", slug="taras-bondar"))
    editor = make_user("Editor", author=make_author(name="Olena Kovalenko", slug="olena-kovalenko"))
    story = make_article(
        headline="Strikes on Kyiv overnight: live",
        slug="strikes-on-kyiv",
        summary="Air defence worked for four hours; damage in three districts.",
        body="<p>Russia launched drones and missiles at the capital overnight. We follow it here.</p>",
        live_coverage=True,
        authors=[reporter.author_profile],
        lead_photo=make_photo(alt_text="Smoke over the city at night"),
        lead_photo_caption="Smoke over the left bank.",
        tags=["Kyiv"],
        published_at=timezone.now() - timedelta(hours=3),
    )
    linked = make_article(headline="What we know about the night's attack", slug="what-we-know")
    for n in range(12):
        services.post_update(
            article=story,
            user=editor if n % 2 or n in (2, 4) else reporter,  # only editors pin
            headline="Power cut in two districts" if n == 4 else "",
            body=f"<p>Update {n}: crews are working in the Darnytskyi district; more to follow.</p>",
            pinned=n in (2, 4),
            photo=make_photo(alt_text=f"Firefighters, scene {n}", caption="Firefighters at work.") if n == 6 else None,
            linked_story=linked if n == 8 else None,
        )
    return story, editor


def test_a_new_update_waits_behind_a_button_and_the_page_does_not_move(site, page, live_story):
    story, editor = live_story
    page.goto(f"{site}/live/{story.slug}/")
    button = page.get_by_role("button", name=re.compile("new update"))
    assert button.is_hidden()
    page.evaluate("window.scrollTo(0, 900)")
    page.wait_for_function("window.scrollY === 900")
    first_visible = page.evaluate(
        "[...document.querySelectorAll('[data-update-id]')].find((e) => e.getBoundingClientRect().top > 0).id"
    )
    top_before = page.evaluate(f"document.getElementById('{first_visible}').getBoundingClientRect().top")

    update = services.post_update(article=story, user=editor, body="<p>All-clear sounded in Kyiv.</p>")

    page.get_by_role("button", name="1 new update").wait_for(state="visible", timeout=35_000)
    assert page.evaluate("window.scrollY") == 900
    assert page.evaluate(f"document.getElementById('{first_visible}').getBoundingClientRect().top") == top_before
    assert page.locator(f"#update-{update.pk}").count() == 0
    # Announced politely, in a live region.
    assert page.locator("[aria-live=polite]").filter(has_text="1 new update").count() == 1

    button.click()
    first = page.locator("[data-live-stream] > article").first
    assert first.get_attribute("id") == f"update-{update.pk}"
    assert "All-clear sounded in Kyiv." in first.inner_text()
    assert button.is_hidden()
    assert page.evaluate("document.activeElement.id") == f"update-{update.pk}"


def test_two_updates_are_counted_and_a_page_with_nothing_new_stays_quiet(site, page, live_story):
    story, editor = live_story
    polls = []
    page.on("response", lambda response: polls.append(response.status) if "/poll/" in response.url else None)
    # Polled every second: waits until the first poll that found nothing new (a 304), not a fixed 3.5 s.
    with page.expect_response(lambda response: "/poll/" in response.url and response.status == 304):
        page.goto(f"{site}/live/{story.slug}/")
    assert polls and set(polls) <= {200, 304} and 304 in polls
    assert page.get_by_role("button", name=re.compile("new update")).is_hidden()
    services.post_update(article=story, user=editor, body="<p>One.</p>")
    services.post_update(article=story, user=editor, body="<p>Two.</p>")
    page.get_by_role("button", name="2 new updates").wait_for(state="visible", timeout=35_000)


def test_without_javascript_a_reload_shows_new_updates(site, no_js_page, live_story):
    story, editor = live_story
    no_js_page.goto(f"{site}/live/{story.slug}/")
    assert "New updates appear when you reload the page." in no_js_page.inner_text("main")
    update = services.post_update(article=story, user=editor, body="<p>Posted while the reader waited.</p>")
    no_js_page.reload()
    assert no_js_page.locator("[data-live-stream] > article").first.get_attribute("id") == f"update-{update.pk}"


@pytest.mark.parametrize("colour_scheme", ["light", "dark"])
def test_axe_finds_no_serious_problem_on_live_pages(site, page, live_story, colour_scheme):
    story, editor = live_story
    page.emulate_media(color_scheme=colour_scheme)
    services.correct_update(
        update=story.live_updates.shown().first(), user=editor, text="An earlier version named the wrong district."
    )
    page.goto(f"{site}/live/{story.slug}/")
    services.post_update(article=story, user=editor, body="<p>New.</p>")
    page.get_by_role("button", name="1 new update").wait_for(state="visible", timeout=35_000)
    found = {"live page": serious_violations(page)}
    update = story.live_updates.shown().filter(photo__isnull=False).first()
    page.goto(f"{site}{update.get_absolute_url()}")
    found["update page"] = serious_violations(page)
    assert found == {"live page": [], "update page": []}


def test_the_live_page_fits_a_phone_and_the_button_stays_in_view(site, page, phone_page, live_story, tmp_path):
    """Nothing wider than a phone's screen; the new-updates button is on screen wherever the reader is.
    Leaves docs/screenshots/live-page.png: the desktop and the phone side by side."""
    story, editor = live_story
    shots = []
    for name, browser_page in (("desktop", page), ("phone", phone_page)):
        browser_page.goto(f"{site}/live/{story.slug}/")
        browser_page.locator(".story__lead img").wait_for()
        browser_page.evaluate("window.scrollTo(0, 0)")
        shots.append((name, browser_page))
    services.post_update(article=story, user=editor, body="<p>All-clear sounded in Kyiv.</p>")
    for name, browser_page in shots:
        button = browser_page.get_by_role("button", name="1 new update")
        button.wait_for(state="visible", timeout=35_000)
        assert browser_page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), name
        box, height = button.bounding_box(), browser_page.viewport_size["height"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, name
        browser_page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        box = button.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, name
        browser_page.evaluate("window.scrollTo(0, 0)")
        # The top of the page down to the first updates, with the button where the reader sees it.
        clip = {"x": 0, "y": 0, "width": browser_page.viewport_size["width"], "height": 1800}
        browser_page.screenshot(path=tmp_path / f"{name}.png", full_page=True, clip=clip)
    desktop, phone = (Image.open(tmp_path / f"{name}.png") for name in ("desktop", "phone"))
    gap = 24
    combined = Image.new("RGB", (desktop.width + gap + phone.width, max(desktop.height, phone.height)), "#c9ced6")
    combined.paste(desktop, (0, 0))
    combined.paste(phone, (desktop.width + gap, 0))
    SCREENSHOTS.mkdir(exist_ok=True)
    combined.save(SCREENSHOTS / "live-page.png", optimize=True)


def test_more_new_updates_than_a_poll_holds_reload_the_page(site, page, live_story):
    story, editor = live_story
    page.goto(f"{site}/live/{story.slug}/")
    newest = None
    for n in range(21):
        newest = services.post_update(article=story, user=editor, body=f"<p>Rapid update {n}.</p>")
    page.get_by_role("button", name="20+ new updates").wait_for(state="visible", timeout=35_000)
    with page.expect_navigation():
        page.get_by_role("button", name="20+ new updates").click()
    assert page.locator("[data-live-stream] > article").first.get_attribute("id") == f"update-{newest.pk}"
