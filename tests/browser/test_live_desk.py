"""The live desk in a real browser: an editor posts an update in one click after typing, from the live
desk and from the desk's "Live now"; a reporter on the byline posts too; no CSP refusal, axe clean."""

import re

import pytest

from live.models import LiveUpdate
from tests.browser.actions import Clicks, choose_in_autocomplete, log_in, serious_violations
from tests.factories import make_author, make_photo, make_ready_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = "/tmp/live-desk-{}.png"


@pytest.fixture
def refused(page):
    """The Content-Security-Policy's refusals the browser reports on the console."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def live_story(**kw):
    return make_ready_article(headline="Strikes on Kyiv overnight", live_coverage=True, **kw)


def test_an_editor_posts_from_the_live_desk_in_one_click_after_typing(site, roles, page, refused):
    story = live_story()
    make_photo(alt_text="Smoke over the left bank", caption="Smoke rises after the strike.")
    make_user("Editor", username="editor", author=make_author(name="Olena Editor"))
    log_in(page, site, "editor", f"/admin/feed/article/{story.pk}/change/")
    clicks = Clicks()

    clicks.click(page.get_by_role("link", name="Open the live desk"))
    page.wait_for_url(re.compile(rf"/admin/live/{story.pk}/$"))
    page.get_by_label("Headline").fill("Explosions heard in the centre")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    body.type("Two explosions were heard near the centre at 23:10.")
    clicks.click(page.get_by_role("button", name="Post update"))

    page.wait_for_url(re.compile(rf"/admin/live/{story.pk}/$"))
    assert clicks.count - 1 <= 3  # the one before typing opened the desk
    update = LiveUpdate.objects.get()
    assert update.body == "<p>Two explosions were heard near the centre at 23:10.</p>"
    assert [author.name for author in update.authors.all()] == ["Olena Editor"]
    stream = page.get_by_role("region", name=re.compile("Updates, newest first"))
    assert "Explosions heard in the centre" in stream.inner_text()
    assert "Posted to" in page.locator(".messagelist").inner_text()

    # A second one with a photo from the autocomplete, as a key point.
    body.click()
    body.type("Smoke is rising over the left bank.")
    choose_in_autocomplete(page, "id_photo", "Smoke rises")
    page.get_by_label("Key point").check()
    page.get_by_role("button", name="Post update").click()
    page.wait_for_url(re.compile(rf"/admin/live/{story.pk}/$"))
    newest = LiveUpdate.objects.shown().first()
    assert newest.pinned and newest.photo is not None
    first_in_stream = stream.get_by_role("listitem").first
    assert "key point" in first_in_stream.inner_text().lower() and "Smoke is rising" in first_in_stream.inner_text()
    page.screenshot(path=SCREENSHOTS.format("editor"), full_page=True)
    assert refused == []  # before axe, whose own script sets inline styles
    assert serious_violations(page) == []


def test_an_editor_posts_from_the_desk_s_live_now_in_one_click(site, roles, page):
    story = live_story()
    make_user("Editor", username="editor")
    log_in(page, site, "editor")
    clicks = Clicks()

    live_now = page.get_by_role("region", name="Live now")
    live_now.get_by_label(f"Update to “{story.headline}”").fill("Sirens across the capital.\n\nStay in shelters.")
    clicks.click(live_now.get_by_role("button", name=re.compile("^Post")))

    page.wait_for_url(re.compile(r"/admin/$"))
    assert clicks.count <= 3
    assert LiveUpdate.objects.get().body == "<p>Sirens across the capital.</p><p>Stay in shelters.</p>"
    assert f"Posted to “{story.headline}”" in page.locator(".messagelist").inner_text()
    page.screenshot(path=SCREENSHOTS.format("desk"), full_page=True)
    assert serious_violations(page) == []


def test_a_reporter_on_the_byline_posts_but_has_no_editor_s_buttons(site, roles, page):
    reporter_profile = make_author(name="Taras Reporter")
    story = live_story(authors=[reporter_profile])
    make_user("Reporter", username="reporter", author=reporter_profile)
    log_in(page, site, "reporter", f"/admin/live/{story.pk}/")

    page.locator(".ProseMirror[contenteditable=true]").click()
    page.locator(".ProseMirror[contenteditable=true]").type("I am at the scene: the street is closed.")
    page.get_by_role("button", name="Post update").click()

    page.wait_for_url(re.compile(rf"/admin/live/{story.pk}/$"))
    item = page.get_by_role("listitem").filter(has_text="the street is closed")
    assert item.get_by_role("link", name=re.compile("^Edit")).is_visible()
    assert item.get_by_role("button", name=re.compile("^Pin")).count() == 0
    assert page.get_by_role("button", name="End coverage").count() == 0
    page.screenshot(path=SCREENSHOTS.format("reporter"), full_page=True)
    assert serious_violations(page) == []
