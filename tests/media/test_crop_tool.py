"""The photo form's crop boxes as the server sees them: one own-crop row per slot, untouched rows saved as
nothing, boxes that start where the renditions are cut, and a preview of a chosen file allowed by the CSP."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from media.models import SlotCrop
from tests.factories import image_file, make_photo, make_user

pytestmark = pytest.mark.django_db


def form_data(page):
    """What a browser would send for the page's form untouched: every named input, select and textarea."""
    soup = BeautifulSoup(page, "html.parser")
    data = {}
    for field in soup.select("form#photo_form [name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            data[field["name"]] = chosen["value"] if chosen else ""
        elif field.get("type") not in {"file", "checkbox", "submit"}:
            data[field["name"]] = field.get("value", field.get_text() if field.name == "textarea" else "")
    return data


def test_each_slot_without_an_own_crop_has_its_row_and_untouched_rows_save_nothing(admin_client):
    photo = make_photo(image=image_file(size=(1200, 900)))
    SlotCrop.objects.create(photo=photo, slot="square", left=0, top=0, right=0.75, bottom=1)
    url = reverse("admin:media_photo_change", args=[photo.pk])
    page = admin_client.get(url).content.decode()
    data = form_data(page)
    assert sorted(value for name, value in data.items() if name.endswith("-slot") and "__prefix__" not in name) == [
        "lead",
        "social",
        "square",
    ]

    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert list(photo.crops.values_list("slot", flat=True)) == ["square"]


def test_the_boxes_start_from_the_own_crop_or_else_the_point_of_interest_crop(admin_client):
    photo = make_photo(image=image_file(size=(1600, 900)), focal_x=1.0)
    SlotCrop.objects.create(photo=photo, slot="lead", left=0.25, top=0, right=0.75, bottom=1)
    page = admin_client.get(reverse("admin:media_photo_change", args=[photo.pk])).content.decode()
    boxes = {box["data-crop-slot"]: box for box in BeautifulSoup(page, "html.parser").select("[data-crop-slot]")}
    # The own lead crop is trimmed to 16:9 in its middle, as the renditions are.
    assert [boxes["lead"][f"data-{side}"] for side in ("left", "top", "right", "bottom")] == [
        "0.250000",
        "0.250000",
        "0.750000",
        "0.750000",
    ]
    # The square follows the point of interest, at the right edge.
    assert [boxes["square"][f"data-{side}"] for side in ("left", "top", "right", "bottom")] == [
        "0.437500",
        "0.000000",
        "1.000000",
        "1.000000",
    ]


def test_roles_that_may_only_view_photos_get_no_crop_boxes(client):
    photo = make_photo()
    client.force_login(make_user("Reporter"))
    page = client.get(reverse("admin:media_photo_change", args=[photo.pk])).content.decode()
    assert "data-crop-slot" not in page
    assert "cropper.min.js" not in page


def test_the_photo_form_may_show_a_chosen_file_before_it_is_sent_and_other_pages_may_not(admin_client):
    photo_form = admin_client.get(reverse("admin:media_photo_add"))
    assert "blob:" in photo_form["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    article_form = admin_client.get(reverse("admin:feed_article_add"))
    assert "blob:" not in article_form["Content-Security-Policy"]
