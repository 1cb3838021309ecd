"""The photo form's crop boxes (Cropper.js, one per slot, locked to the slot's shape) and the photo popup's
preview, where a click sets the point of interest before the photo is saved."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from media.models import Photo, SlotCrop
from tests.browser.actions import serious_violations
from tests.factories import image_file, make_credit, make_photo, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
FRACTIONS = ("left", "top", "right", "bottom")


def street_scene(size):
    """A drawn photo (sky, sun, houses, road) so that a crop can be seen to cut something."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=(90 + 100 * y // height, 150 + 60 * y // height, 230))
    draw.ellipse([width * 0.7, height * 0.1, width * 0.82, height * 0.1 + width * 0.12], fill=(255, 210, 80))
    for n, colour in enumerate([(200, 80, 60), (230, 200, 150), (120, 140, 170), (180, 120, 90)]):
        left = width * (0.05 + n * 0.23)
        top = height * (0.35 + 0.05 * (n % 2))
        draw.rectangle([left, top, left + width * 0.2, height * 0.8], fill=colour)
        draw.polygon(
            [(left - 10, top), (left + width * 0.1, top - height * 0.12), (left + width * 0.2 + 10, top)],
            fill=(90, 50, 40),
        )
    draw.rectangle([0, height * 0.8, width, height], fill=(70, 70, 75))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return SimpleUploadedFile("street.jpg", buffer.getvalue(), content_type="image/jpeg")


def csp_refusals(page):
    """The Content-Security-Policy refusals the page reports in its console, from now on."""
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


def log_in(page, site, path, role="Editor"):
    make_user(role, username="editor")
    page.goto(site + "/admin/login/?next=" + path)
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


def open_crop_tool(page, site, photo):
    log_in(page, site, f"/admin/media/photo/{photo.pk}/change/")
    for slot in ("lead", "square", "social"):
        page.locator(f"[data-crop-slot={slot}][data-ready]").wait_for()


def lead_row(page):
    """The lead crop's row of fraction inputs in the "own crops" inline."""
    row = page.locator("#crops-group tr.form-row", has=page.locator("select[name$='-slot'] option[value=lead]:checked"))
    return {side: row.locator(f"input[name$='-{side}']") for side in FRACTIONS}


def drag(page, locator, dx, dy):
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx / 2, y + dy / 2)
    page.mouse.move(x + dx, y + dy)
    page.mouse.up()


def test_dragging_and_resizing_the_lead_box_saves_a_16_9_crop_of_what_the_box_shows(site, roles, page):
    photo = make_photo(image=image_file(size=(1200, 1200)))
    refused = csp_refusals(page)
    open_crop_tool(page, site, photo)
    lead = page.locator(".crop-tool__slot--lead")

    drag(page, lead.locator(".cropper-point.point-se"), -120, -40)
    drag(page, lead.locator(".cropper-face"), 30, 60)

    shown = {side: float(field.input_value()) for side, field in lead_row(page).items()}
    page.get_by_role("button", name="Save and continue editing").click()
    page.get_by_text("was changed successfully").wait_for()

    crop = SlotCrop.objects.get(photo=photo)
    assert crop.slot == "lead"
    assert crop.as_fractions() == shown
    assert crop.right - crop.left < 0.95, "the resize made the box smaller than the photo's width"
    assert crop.top > 0, "the box moved down from the top"
    assert (crop.right - crop.left) * 1200 / ((crop.bottom - crop.top) * 1200) == pytest.approx(16 / 9, rel=0.002)
    photo.refresh_from_db()
    for entry in photo.renditions["lead"]:
        assert entry["width"] / entry["height"] == pytest.approx(16 / 9, rel=0.01)
    # The square and social boxes were not touched: they keep the point-of-interest crop.
    assert list(photo.crops.values_list("slot", flat=True)) == ["lead"]
    assert refused == []


def test_the_boxes_start_from_the_saved_crop_and_move_with_the_keyboard(site, roles, page):
    photo = make_photo(image=street_scene((1600, 1200)))
    SlotCrop.objects.create(photo=photo, slot="lead", left=0.25, top=0.25, right=0.75, bottom=0.625)
    photo.rebuild_renditions()
    open_crop_tool(page, site, photo)
    fields = lead_row(page)
    assert {side: field.input_value() for side, field in fields.items()} == {
        "left": "0.25",
        "top": "0.25",
        "right": "0.75",
        "bottom": "0.625",
    }
    lead = page.locator(".crop-tool__slot--lead")
    face = lead.locator(".cropper-crop-box").bounding_box()
    image = lead.locator(".cropper-canvas").bounding_box()
    assert (face["x"] - image["x"]) / image["width"] == pytest.approx(0.25, abs=0.01)
    assert (face["y"] - image["y"]) / image["height"] == pytest.approx(0.25, abs=0.01)

    lead.get_by_role("group", name="Lead crop box, 16:9").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowLeft")
    left, right = float(fields["left"].input_value()), float(fields["right"].input_value())
    assert left == pytest.approx(0.27, abs=0.001)
    assert right - left == pytest.approx(0.49, abs=0.001)

    # Typed fractions move the box; leaving the field gives the row the box's shape again.
    fields["bottom"].fill("0.9")
    fields["bottom"].press("Tab")
    left, top, right, bottom = (float(field.input_value()) for field in fields.values())
    assert (right - left) * 1600 / ((bottom - top) * 1200) == pytest.approx(16 / 9, rel=0.002)

    assert serious_violations(page) == []
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(".crop-tool").screenshot(path=SCREENSHOTS / "admin-crop-tool.png")


def test_the_photo_popup_previews_the_chosen_file_and_a_click_sets_the_point_of_interest(site, roles, page, tmp_path):
    make_credit(photographer="Ivan Petrenko", source="Ledger Wire")
    photo_path = tmp_path / "firefighters.jpg"
    photo_path.write_bytes(image_file(size=(1600, 900)).read())
    log_in(page, site, "/admin/feed/article/add/")
    with page.expect_popup() as popup_info:
        page.locator("#add_id_lead_photo").click()
    popup = popup_info.value
    refused = csp_refusals(popup)

    popup.get_by_label("Image").set_input_files(photo_path)
    preview = popup.get_by_role("img", name="The chosen photo: click its point of interest")
    preview.wait_for()
    assert preview.evaluate("img => img.complete && img.naturalWidth") == 1600
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.75})
    assert float(popup.locator("#id_focal_x").input_value()) == pytest.approx(0.2, abs=0.01)
    assert float(popup.locator("#id_focal_y").input_value()) == pytest.approx(0.75, abs=0.01)
    assert refused == []
    assert serious_violations(popup) == []  # after: axe itself applies inline styles

    popup.get_by_label("Alt text").fill("Firefighters on a ladder")
    popup.get_by_label("Caption").fill("Rescuers at the Saltivka block")
    popup.locator("#id_credit + .select2 .select2-selection").click()
    popup.locator(".select2-container--open .select2-search__field").fill("Ivan")
    popup.locator(".select2-results__option", has_text="Ivan Petrenko").first.click()
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()

    selected = page.locator("#id_lead_photo option:checked")
    assert selected.inner_text() == "Rescuers at the Saltivka block"
    photo = Photo.objects.get()
    assert photo.focal_x == pytest.approx(0.2, abs=0.01)
    assert photo.focal_y == pytest.approx(0.75, abs=0.01)
