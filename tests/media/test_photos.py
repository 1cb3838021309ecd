import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.urls import reverse

from media.images import in_storage
from media.models import Photo, SlotCrop
from tests.factories import image_file, make_article, make_author, make_credit, make_photo

pytestmark = pytest.mark.django_db


def render_credit(credit):
    return Template("{% load media_tags %}{% photo_credit credit %}").render(Context({"credit": credit}))


@pytest.mark.parametrize(
    ("photographer", "source", "expected"),
    [
        ("Olena Hrytsenko", "Ledger Wire", "(Photo: Olena Hrytsenko/Ledger Wire)"),
        ("", "Telegram/Sumy Regional Administration", "(Photo: Telegram/Sumy Regional Administration)"),
        ("Ivan Koval", "", "(Photo: Ivan Koval)"),
    ],
)
def test_credit_renders_photographer_and_source(photographer, source, expected):
    assert render_credit(make_credit(photographer=photographer, source=source)) == expected


def test_credit_with_address_links_to_it_and_escapes_names():
    credit = make_credit(photographer="<b>Anna</b>", source="Wire", url="https://example.org/wire")
    assert render_credit(credit) == (
        '(Photo: <a href="https://example.org/wire" rel="nofollow noopener">&lt;b&gt;Anna&lt;/b&gt;/Wire</a>)'
    )


def test_credit_must_name_someone():
    with pytest.raises(IntegrityError):
        make_credit(photographer="", source="")


def test_credit_is_unique_whatever_the_case():
    make_credit(photographer="Anna", source="Wire")
    with pytest.raises(IntegrityError):
        make_credit(photographer="anna", source="WIRE")


def test_photo_stores_its_dimensions():
    photo = make_photo(image=image_file(size=(640, 360)))
    assert (photo.width, photo.height) == (640, 360)


def test_photo_needs_alt_text():
    with pytest.raises(IntegrityError):
        make_photo(alt_text="")


def test_str_names_the_credit_and_the_photo():
    photo = make_photo(caption="", alt_text="Smoke over the port", credit=make_credit(photographer="A", source="B"))
    assert str(photo) == "Smoke over the port"
    assert str(photo.credit) == "A/B"


def test_usage_counts_every_story_and_profile_showing_the_photo_but_not_its_crops(admin_client):
    photo, unused = make_photo(), make_photo()
    make_article(lead_photo=photo)
    make_article(lead_photo=photo, video_poster=photo)
    make_author(avatar=photo)
    SlotCrop.objects.create(photo=photo, slot="lead", left=0, top=0, right=1, bottom=0.5)
    counts = dict(Photo.objects.with_usage().values_list("pk", "usage_count"))
    assert counts == {photo.pk: 4, unused.pk: 0}
    response = admin_client.get(reverse("admin:media_photo_changelist"), {"o": "-4"})
    assert "Used by articles, authors" in response.content.decode()
    assert [row.pk for row in response.context["cl"].result_list] == [photo.pk, unused.pk]


def test_in_storage_tells_a_stored_file_from_an_upload_still_to_be_saved():
    """What media.images.in_storage reads from Django (FieldFile._committed, which is not public API)."""
    photo = Photo(image=image_file(), alt_text="Rubble", credit=make_credit())
    assert not in_storage(photo.image)
    photo.save()
    assert in_storage(photo.image)
    assert in_storage(Photo.objects.get(pk=photo.pk).image)
    assert not in_storage(image_file())


def stored_files(photo):
    return [photo.image.name, *(name for entry in photo.rendition_entries() for name in entry["files"].values())]


def test_deleting_a_photo_deletes_its_files(django_capture_on_commit_callbacks):
    photo, other = make_photo(), make_photo()
    names = stored_files(photo)
    assert len(names) > 1 and all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(default_storage.exists(name) for name in names)
    assert all(default_storage.exists(name) for name in stored_files(other))


def test_a_delete_that_rolls_back_keeps_the_files(django_capture_on_commit_callbacks):
    photo = make_photo()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).delete()
        raise RuntimeError("the request failed after the delete")
    assert all(default_storage.exists(name) for name in stored_files(photo))
