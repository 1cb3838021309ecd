"""The article form's writing aids in a real browser: the leave-page guard, the live word count and
reading time, and Ctrl/Cmd+S."""

import re

import pytest

from feed.models import Article
from tests.browser.actions import log_in_as
from tests.factories import change_url, make_author, make_draft, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(site, roles, page):
    article = make_draft(headline="Rescuers reach the last floor", body="<p>Firefighters reached the top floor.</p>")
    log_in_as(page, site, make_user("Editor"))
    page.goto(site + change_url(article))
    page.wait_for_load_state("load")
    return article


def leave_by_breadcrumb(page):
    """Clicks the "Articles" breadcrumb; returns the beforeunload dialogs shown, each dismissed (stay)."""
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.locator(".breadcrumbs a", has_text="Articles").click()
    page.wait_for_timeout(500)
    page.remove_listener("dialog", stay)
    return dialogs


def type_in_body(page, text):
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    body.press("End")
    body.type(text)


def test_leaving_with_unsaved_changes_asks_first_and_staying_keeps_them(draft, page):
    type_in_body(page, " Two more were found alive.")
    assert leave_by_breadcrumb(page) == ["beforeunload"]
    assert page.url.endswith(change_url(draft))
    assert "Two more were found alive." in page.locator(".ProseMirror[contenteditable=true]").inner_text()


def test_a_changed_field_counts_as_unsaved(draft, page):
    page.get_by_label("Summary").fill("A new summary.")
    assert leave_by_breadcrumb(page) == ["beforeunload"]


def test_a_byline_chosen_in_an_autocomplete_counts_as_unsaved(draft, page):
    """select2 tells of its change through jQuery only, which a plain event listener never hears."""
    make_author(name="Mykola Shevchuk")
    page.locator("#id_bylines-0-author + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Mykola")
    page.locator(".select2-results__option", has_text="Mykola Shevchuk").first.click()
    assert leave_by_breadcrumb(page) == ["beforeunload"]


def test_leaving_an_unchanged_form_asks_nothing(draft, page):
    assert leave_by_breadcrumb(page) == []
    assert page.url.endswith("/admin/feed/article/")


def test_saving_asks_nothing(draft, page):
    type_in_body(page, " Saved.")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r"/admin/feed/article/$"))
    assert dialogs == []
    assert "Saved." in Article.objects.get().body


def test_word_count_and_reading_time_follow_typing(draft, page):
    stats = page.locator("#body-stats")
    assert stats.inner_text() == "5 words · 1 minute to read"
    type_in_body(page, " Two more were found alive.")
    assert stats.inner_text() == "10 words · 1 minute to read"
    page.locator(".ProseMirror[contenteditable=true]").press("Enter")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    # Pasted, not typed key by key: 1,000 key presses outlast the timeout on a busy machine.
    page.keyboard.insert_text(" " + " ".join(["word"] * 200))
    assert stats.inner_text() == "210 words · 2 minutes to read"


def test_control_s_saves_and_continues_editing(draft, page):
    type_in_body(page, " Two more were found alive.")
    page.keyboard.press("Control+s")
    page.wait_for_load_state("load")
    page.locator(".messagelist").wait_for()
    assert page.url.endswith(change_url(draft))
    assert "Two more were found alive." in Article.objects.get().body
    assert Article.objects.get().status == Article.Status.DRAFT
