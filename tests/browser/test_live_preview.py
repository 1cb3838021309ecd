"""The live preview in a real browser: a second tab that follows typing in the story's form, while the
saved story stays as it was."""

import re
import time

import pytest
from playwright.sync_api import expect

from desk.models import EditingSession
from tests.browser.actions import log_in
from tests.factories import make_ready_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_preview_tab_follows_typing_and_the_story_is_unchanged(site, roles, page):
    story = make_ready_article(headline="Bridge reopens", body="<p>The bridge reopened at dawn.</p>")
    make_user("Editor", username="editor")
    log_in(page, site, "editor", f"/admin/feed/article/{story.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.wait_for()

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Live preview").click()
    preview = opened.value
    expect(preview.get_by_role("status")).to_contain_text("Live preview")
    expect(preview.locator("h1")).to_have_text("Bridge reopens")

    page.get_by_label("Headline").fill("Bridge reopens after repairs")
    body.click()
    page.keyboard.press("End")
    page.keyboard.type(" Trams follow on Monday.")
    expect(preview.locator("h1")).to_have_text("Bridge reopens after repairs", timeout=5_000)
    expect(preview.locator(".story")).to_contain_text(re.compile("Trams follow on Monday"), timeout=5_000)
    preview.screenshot(path="/tmp/live-preview.png")

    story.refresh_from_db()
    assert story.headline == "Bridge reopens"
    assert "Trams" not in story.body
    # Leaving the story ends its editing session now, not while the next test empties the database.
    page.wait_for_timeout(2_000)  # an autosave waits 1.5 s after the last key
    page.goto("about:blank")
    deadline = time.monotonic() + 10
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
