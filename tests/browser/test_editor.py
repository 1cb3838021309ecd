"""An editor in a real browser: logs in, writes a story with a new photo, publishes it, finds it on the feed."""

import re

import pytest

from feed.models import Article
from tests.browser.actions import choose_in_autocomplete
from tests.factories import image_file, make_author, make_credit, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_writes_a_story_with_a_new_photo_publishes_it_and_finds_it_on_the_feed(site, roles, page, tmp_path):
    make_section(name="News Feed", slug="news-feed")
    make_author(name="Oksana Marchenko", slug="oksana-marchenko")
    make_credit(photographer="Ivan Petrenko", source="Ledger Wire")
    make_user("Editor", username="editor")
    photo_path = tmp_path / "firefighters.jpg"
    photo_path.write_bytes(image_file(size=(1600, 900)).read())

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Articles").first.click()
    page.get_by_role("link", name=re.compile("Add article")).click()

    page.get_by_label("Headline").fill("Rescuers reach the last floor of the Saltivka block")
    page.get_by_label("Section").select_option(label="News Feed")
    page.get_by_label("Summary").fill("Firefighters worked through the night in Kharkiv.")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    body.type("Firefighters reached the top floor at dawn, the emergency service said.")
    page.keyboard.press("Enter")
    body.type("The Kyiv Ledger could not independently verify the claims.")
    choose_in_autocomplete(page, "id_bylines-0-author", "Oksana Marchenko")

    with page.expect_popup() as popup_info:
        page.locator("#add_id_lead_photo").click()
    popup = popup_info.value
    popup.get_by_label("Image").set_input_files(photo_path)
    popup.get_by_label("Alt text").fill("Firefighters on a ladder at a burnt-out apartment block")
    popup.get_by_label("Caption").fill("Rescuers at the Saltivka block")
    choose_in_autocomplete(popup, "id_credit", "Ivan Petrenko")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    expect_selected = page.locator("#id_lead_photo option:checked")
    assert expect_selected.inner_text() == "Rescuers at the Saltivka block"

    page.get_by_role("button", name="Publish now").click()
    page.wait_for_url(re.compile(r"/admin/feed/article/$"))
    article = Article.objects.get()
    assert article.is_published
    assert article.lead_photo.caption == "Rescuers at the Saltivka block"

    page.goto(site + "/")
    page.get_by_role("link", name="Rescuers reach the last floor of the Saltivka block").click()
    assert page.locator("h1").inner_text() == "Rescuers reach the last floor of the Saltivka block"
    assert "the emergency service said" in page.locator(".story__body").inner_text()
    assert "(Photo: Ivan Petrenko/Ledger Wire)" in page.locator(".story__lead figcaption").inner_text()
    # The photo arrives after the page: wait for it rather than look at once.
    page.locator(".story__lead img").wait_for()
    page.wait_for_function(
        "() => { const img = document.querySelector('.story__lead img'); return img.complete && img.naturalWidth > 0; }"
    )
    assert page.locator(".author-box__name").inner_text() == "Oksana Marchenko"
