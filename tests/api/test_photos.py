"""Uploading a photo through the API: the photo form's checks and cleaning, then a draft can use it."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from media.models import Photo, PhotoCredit
from tests.factories import make_section, make_user

pytestmark = pytest.mark.django_db


def jpeg_with_gps(name="scene.jpg"):
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (50.0, 27.0, 0.0)  # GPS latitude
    exif[0x013B] = "Secret Source"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (90, 120, 160)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload(client, **fields):
    data = {"image": jpeg_with_gps(), "alt_text": "Firefighters at the port", "source": "Ledger Wire"} | fields
    return client.post("/api/photos/", {key: value for key, value in data.items() if value is not None})


def test_a_reporter_uploads_a_photo_and_files_a_draft_with_it(token_client, django_capture_on_commit_callbacks):
    client = token_client(make_user("Reporter"))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, caption="Smoke over the port", photographer="Iryna Bondar")
    assert response.status_code == 201, response.content
    answer = response.json()
    photo = Photo.objects.get(pk=answer["id"])
    assert (answer["alt_text"], answer["caption"]) == ("Firefighters at the port", "Smoke over the port")
    assert answer["credit"]["text"] == str(photo.credit) and photo.credit.photographer == "Iryna Bondar"
    stored = default_storage.open(photo.image.name).read()
    assert b"Secret Source" not in stored and b"Exif" not in stored  # cleaned as the photo form cleans
    assert answer["renditions"] == {}  # made by the worker after the answer; pages use the original till then
    photo.refresh_from_db()
    assert photo.renditions["lead"]

    make_section(slug="politics")
    draft = {"headline": "Port fire", "summary": "A fire.", "body_html": "<p>Text.</p>", "section": "politics"}
    filed = client.post("/api/stories/", json.dumps(draft | {"lead_photo": photo.pk}), content_type="application/json")
    assert filed.status_code == 201 and filed.json()["lead_photo"] == photo.pk


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"image": SimpleUploadedFile("page.jpg", b"<html>not an image</html>", "image/jpeg")}, "image:"),
        ({"alt_text": ""}, "alt_text:"),
        ({"source": None}, "Give the photographer, the source"),
    ],
)
def test_bad_uploads_are_400_with_the_reason_and_keep_nothing(token_client, fields, message):
    response = upload(token_client(make_user("Reporter")), **fields)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not Photo.objects.exists() and not PhotoCredit.objects.exists()


def test_a_user_whose_role_has_no_photos_cannot_upload_and_a_missing_token_is_401(token_client, client):
    # As in the admin: Reporters, Editors and Bio managers (for avatars) may add photos; staff in no role may not.
    assert upload(token_client(make_user())).status_code == 403
    assert upload(client).status_code == 401
    assert not Photo.objects.exists()
