"""A Reporter's deadline, counted: from the desk to a story submitted for review, with a body, a
section, a topic, their byline and a new photo with its caption and credit, in at most 12 clicks."""

import re

import pytest

from feed.models import Article
from tests.browser.actions import Clicks, choose_in_autocomplete, log_in
from tests.factories import image_file, make_author, make_credit, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reporter_files_a_story_with_a_new_photo_from_the_desk_in_at_most_twelve_clicks(site, roles, page, tmp_path):
    make_section(name="Kharkiv", slug="kharkiv")
    author = make_author(name="Oksana Marchenko", slug="oksana-marchenko")
    make_credit(photographer="Ivan Petrenko", source="Ledger Wire")
    make_user("Reporter", username="reporter", author=author)
    photo_path = tmp_path / "firefighters.jpg"
    photo_path.write_bytes(image_file(size=(1600, 900)).read())
    log_in(page, site, "reporter")
    clicks = Clicks()
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))

    clicks.click(page.get_by_role("link", name="New story"))
    page.get_by_label("Headline").fill("Rescuers reach the last floor of the Saltivka block")
    clicks.choose(page.get_by_label("Section"), label="Kharkiv")
    page.get_by_label("Summary").fill("Firefighters worked through the night in Kharkiv.")
    body = page.locator(".ProseMirror[contenteditable=true]")
    clicks.click(body)
    body.type("Firefighters reached the top floor at dawn, the emergency service said.")
    page.get_by_label("Tags").fill("Kharkiv, rescue")
    # The byline is already the reporter's own.
    assert "Oksana Marchenko" in page.locator("#id_bylines-0-author option:checked").inner_text()

    with page.expect_popup() as popup_info:
        clicks.click(page.locator("#add_id_lead_photo"))
    popup = popup_info.value
    popup.get_by_label("Image").set_input_files(photo_path)
    clicks.count += 1  # choosing the file in the browser's file dialog
    popup.get_by_label("Alt text").fill("Firefighters on a ladder at a burnt-out apartment block")
    popup.get_by_label("Caption").fill("Rescuers at the Saltivka block")
    choose_in_autocomplete(popup, "id_credit", "Ivan Petrenko")
    clicks.count += 2  # opening the credit list and picking one
    with popup.expect_event("close"):
        clicks.click(popup.get_by_role("button", name="Save", exact=True))

    clicks.click(page.get_by_role("button", name="Submit for review"))
    page.wait_for_url(re.compile(r"/admin/"))

    story = Article.objects.get()
    assert story.status == Article.Status.REVIEW
    assert [byline.author for byline in story.bylines.all()] == [author]
    assert story.section.name == "Kharkiv"
    assert sorted(tag.name for tag in story.tags.all()) == ["Kharkiv", "rescue"]
    assert story.lead_photo.caption == "Rescuers at the Saltivka block"
    assert str(story.lead_photo.credit).startswith("Ivan Petrenko")
    assert "emergency service said" in story.body
    assert clicks.count <= 12, clicks.count
    print(f"Reporter, desk to submitted: {clicks.count} clicks, {len(loads)} page loads")
