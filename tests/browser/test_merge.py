"""Two editors save one story in two browsers: different paragraphs and fields merge; the same paragraph
changed both ways is shown side by side with a choice, and nothing typed is lost."""

import re
import time

import pytest
import reversion

from desk.models import EditingSession
from tests.browser.actions import log_in, notice_violations
from tests.factories import make_ready_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "<p>The bridge reopened at dawn.</p><p>Traffic is slow.</p><p>Buses run again.</p>"


@pytest.fixture
def open_story(browser, site, transactional_db):
    """Opens the story's form as a user in a browser context of their own. After the test each page
    leaves the story and the leaving is awaited, so that no request of theirs reaches the server while
    the database is emptied for the next test."""
    contexts = []

    def open_as(username, story):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, site, username, f"/admin/feed/article/{story.pk}/change/")
        page.locator(".ProseMirror[contenteditable=true]").wait_for()
        return page

    yield open_as
    pages = [page for context in contexts for page in context.pages]
    if pages:
        pages[0].wait_for_timeout(2_000)  # an autosave waits 1.5 s after the last key, in every page at once
    for page in pages:
        page.wait_for_load_state("networkidle")
        page.goto("about:blank")
    deadline = time.monotonic() + 10
    while EditingSession.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    for context in contexts:
        context.close()


def add_to_paragraph(page, number, text):
    paragraph = page.locator(".ProseMirror[contenteditable=true] > p").nth(number - 1)
    paragraph.click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()


@pytest.fixture
def story(roles):
    make_user("Editor", username="olena", first_name="Olena")
    make_user("Editor", username="taras", first_name="Taras")
    with reversion.create_revision():  # as the admin keeps every save
        return make_ready_article(headline="Bridge reopens", body=BODY)


def test_different_paragraphs_and_fields_both_save_and_the_second_is_told(open_story, story):
    olena, taras = open_story("olena", story), open_story("taras", story)
    olena.get_by_label("Headline").fill("Bridge reopens after repairs")
    add_to_paragraph(olena, 1, " Crews worked all night.")
    save(olena)
    olena.get_by_text("was changed successfully").wait_for()

    taras.get_by_label("Summary").fill("The city's main bridge is open again.")
    add_to_paragraph(taras, 3, " Trams follow on Monday.")
    save(taras)

    merged = taras.locator(".messagelist").get_by_text(re.compile("Merged with Olena’s save at"))
    merged.wait_for()
    assert "Headline (theirs)" in merged.inner_text() and "paragraph 1 (theirs)" in merged.inner_text()
    story.refresh_from_db()
    assert story.headline == "Bridge reopens after repairs"
    assert story.summary == "The city's main bridge is open again."
    assert "Crews worked all night." in story.body and "Trams follow on Monday." in story.body
    assert taras.get_by_label("Headline").input_value() == "Bridge reopens after repairs"


@pytest.mark.parametrize("choice", ["mine", "theirs", "both"])
def test_the_same_paragraph_changed_both_ways_asks_and_loses_nothing(open_story, story, choice):
    olena, taras = open_story("olena", story), open_story("taras", story)
    add_to_paragraph(olena, 2, " Expect delays until noon.")
    save(olena)
    olena.get_by_text("was changed successfully").wait_for()
    add_to_paragraph(taras, 2, " The left lane is closed.")
    save(taras)

    choices = taras.get_by_role("group", name="Body, paragraph 2")
    choices.wait_for()
    assert "Expect delays until noon." in choices.inner_text() and "The left lane is closed." in choices.inner_text()
    story.refresh_from_db()
    assert "The left lane is closed." not in story.body  # nothing saved before the choice
    if choice == "mine":
        taras.locator("#merge-choices").scroll_into_view_if_needed()
        taras.screenshot(path="docs/screenshots/admin-merge.png")
        assert notice_violations(taras, "#merge-choices") == []
    taras.locator(f"input[name=merge-body-1][value={choice}]").check()
    save(taras)
    taras.get_by_text("was changed successfully").wait_for()

    story.refresh_from_db()
    kept = {
        "mine": ["The left lane is closed."],
        "theirs": ["Expect delays until noon."],
        "both": ["The left lane is closed.", "Expect delays until noon."],
    }[choice]
    for text in kept:
        assert text in story.body
    # What was not chosen stays within reach: theirs in the story's history, mine in the message.
    if choice == "theirs":
        assert (
            "Your paragraph 2, not kept: “Traffic is slow. The left lane is closed.”"
            in taras.locator(".messagelist").inner_text()
        )
