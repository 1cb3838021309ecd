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

BODY = (
    "<p>The bridge reopened at dawn.</p><p>Traffic is slow.</p><p>Buses run again.</p>"
    "<p>Ferries are full.</p><p>Schools stay open.</p>"
)


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


def test_paragraphs_changed_both_ways_each_ask_and_lose_nothing(open_story, story):
    """Three paragraphs changed by both editors: a choice for each, here one of each kind (mine, theirs, both)."""
    olena, taras = open_story("olena", story), open_story("taras", story)
    theirs = {1: " Crews cheered.", 3: " Expect delays until noon.", 5: " Until Friday."}
    mine = {1: " At six sharp.", 3: " The left lane is closed.", 5: " Except the school on the hill."}
    for number, text in theirs.items():
        add_to_paragraph(olena, number, text)
    save(olena)
    olena.get_by_text("was changed successfully").wait_for()
    for number, text in mine.items():
        add_to_paragraph(taras, number, text)
    save(taras)

    groups = {number: taras.get_by_role("group", name=f"Body, paragraph {number}") for number in theirs}
    for number, group in groups.items():
        assert theirs[number].strip() in group.inner_text() and mine[number].strip() in group.inner_text()
    story.refresh_from_db()
    assert not any(text in story.body for text in mine.values())  # nothing saved before the choice
    taras.locator("#merge-choices").scroll_into_view_if_needed()
    taras.screenshot(path="docs/screenshots/admin-merge.png")
    assert notice_violations(taras, "#merge-choices") == []
    for number, choice in {1: "mine", 3: "theirs", 5: "both"}.items():
        groups[number].locator(f"input[value={choice}]").check()
    save(taras)
    taras.get_by_text("was changed successfully").wait_for()

    story.refresh_from_db()
    for text in [mine[1], theirs[3], mine[5], theirs[5]]:
        assert text in story.body
    for text in [theirs[1], mine[3]]:
        assert text not in story.body
    # What was not chosen stays within reach: theirs in the story's history, mine in the message.
    assert (
        "Your paragraph 3, not kept: “Buses run again. The left lane is closed.”"
        in taras.locator(".messagelist").inner_text()
    )
