"""An editor's own crop takes its slot's shape: a lead is 16:9 whatever four fractions were typed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from media.models import SlotCrop
from tests.factories import form_errors, image_file, make_photo

pytestmark = pytest.mark.django_db


def crop_forms(**crop):
    fields = {"id": "", "photo": "", "slot": "lead", "left": "0", "top": "0", "right": "1", "bottom": "1"} | crop
    return {"crops-TOTAL_FORMS": "1", "crops-INITIAL_FORMS": "0"} | {
        f"crops-0-{name}": value for name, value in fields.items()
    }


def photo_form(photo):
    return {"alt_text": photo.alt_text, "caption": "", "credit": photo.credit_id, "focal_x": "0.5", "focal_y": "0.5"}


def test_a_crop_of_another_shape_is_refused_with_the_largest_crop_of_the_right_shape_inside_it(admin_client):
    """The bug: a lead crop typed as the whole of a 960 by 880 photo came out 960 by 880, not 16:9."""
    photo = make_photo(image=image_file(size=(960, 880)))
    url = reverse("admin:media_photo_change", args=[photo.pk])
    response = admin_client.post(url, photo_form(photo) | crop_forms(slot="lead"))
    assert response.status_code == 200
    errors = form_errors(response)
    assert "A lead crop is 16:9; this one is 960×880 pixels of the photo." in errors
    assert "left 0, top 0.193, right 1, bottom 0.807" in errors
    assert not SlotCrop.objects.exists()

    response = admin_client.post(url, photo_form(photo) | crop_forms(top="0.193", bottom="0.807"))
    assert response.status_code == 302
    photo.refresh_from_db()
    assert {(entry["width"], entry["height"]) for entry in photo.renditions["lead"]} == {
        (320, 180),
        (640, 360),
        (960, 540),
    }


@pytest.mark.parametrize(
    ("slot", "box"),
    [("lead", (0.1, 0.05, 0.9, 0.951)), ("square", (0.25, 0, 0.75, 1)), ("social", (0.125, 0.1, 0.875, 0.8875))],
)
def test_a_crop_of_the_slots_shape_give_or_take_a_pixel_is_accepted(slot, box):
    photo = make_photo(image=image_file(size=(1600, 800)))
    left, top, right, bottom = box
    SlotCrop(photo=photo, slot=slot, left=left, top=top, right=right, bottom=bottom).full_clean()


def test_a_crop_of_another_shape_is_refused_for_every_slot_with_a_shape():
    photo = make_photo(image=image_file(size=(1600, 800)))
    with pytest.raises(ValidationError) as refusal:
        SlotCrop(photo=photo, slot="social", left=0, top=0.1, right=1, bottom=0.6).full_clean()
    assert "A social crop is 1.91:1; this one is 1600×400 pixels" in str(refusal.value)


def test_a_stored_crop_of_another_shape_still_gives_renditions_of_the_slots_shape():
    """Crops saved before the rule: the renditions take the largest box of the slot's shape in the middle of it."""
    photo = make_photo(image=image_file(size=(960, 880)))
    SlotCrop.objects.create(photo=photo, slot="lead", left=0, top=0, right=1, bottom=1)
    photo.rebuild_renditions()
    assert {(entry["width"], entry["height"]) for entry in photo.renditions["lead"]} == {
        (320, 180),
        (640, 360),
        (960, 540),
    }
