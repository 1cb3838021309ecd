"""Photos on an S3-compatible object store (MEDIA_STORAGE=s3), against a real one: SeaweedFS on 127.0.0.1
(tests/s3.py). Uploads, renditions and deletes go through it; a write it refuses or that fails halfway
leaves nothing; pages point at the store's (or the CDN's) addresses."""

import io
import os
import urllib.request
import uuid

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from media.models import STORE_REFUSED_MESSAGE, Photo, RenditionsState
from media.storage import WriteRefused
from newsroom.environment import media_origins, media_storage
from tests.factories import make_credit, make_photo, make_ready_article, make_user
from tests.s3 import SeaweedFS, answers, make_bucket

pytestmark = pytest.mark.django_db
BUCKET = "newsroom-test"


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """.ci/run's server when it named one, else one of this session's own."""
    endpoint = os.environ.get("MEDIA_S3_ENDPOINT_URL")
    if endpoint and answers(endpoint):
        yield endpoint
        return
    try:
        server = SeaweedFS(tmp_path_factory.mktemp("seaweedfs"))
    except RuntimeError as error:
        pytest.skip(f"!!! OBJECT STORAGE TESTS SKIPPED: {error} !!!")
    yield server.endpoint
    server.stop()


@pytest.fixture
def s3(settings, monkeypatch, s3_endpoint):
    """Uploads on the object store, under a folder of this test's own; returns (boto3 client, folder)."""
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.setenv("MEDIA_S3_BUCKET", BUCKET)
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("MEDIA_S3_REGION", "us-east-1")
    monkeypatch.setenv("MEDIA_S3_ACCESS_KEY_ID", "any")
    monkeypatch.setenv("MEDIA_S3_SECRET_ACCESS_KEY", "any")
    client = make_bucket(s3_endpoint, BUCKET)
    folder = f"t-{uuid.uuid4().hex[:12]}"
    storage = media_storage()
    storage["OPTIONS"]["location"] = folder
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    return client, folder


def stored(client, folder):
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix=f"{folder}/")
    return sorted(item["Key"].removeprefix(f"{folder}/") for item in listing.get("Contents", []))


def photo_files(photo):
    renditions = [name for entry in photo.rendition_entries() for name in entry["files"].values()]
    return sorted([photo.image.name, *renditions])


def admin_upload(client, data, name="scene.jpg"):
    return client.post(
        reverse("admin:media_photo_add"),
        {
            "image": SimpleUploadedFile(name, data, content_type="image/jpeg"),
            "alt_text": "A crowd at the station",
            "credit": make_credit().pk,
            "focal_x": "0.5",
            "focal_y": "0.5",
            "crops-TOTAL_FORMS": "0",
            "crops-INITIAL_FORMS": "0",
        },
    )


def jpeg(size=(900, 600)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_the_upload_and_its_renditions_are_objects_on_the_store(s3, client, django_capture_on_commit_callbacks):
    s3_client, folder = s3
    client.force_login(make_user(is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_upload(client, jpeg()).status_code == 302
    photo = Photo.objects.get()
    assert photo.renditions_state == RenditionsState.READY
    assert stored(s3_client, folder) == photo_files(photo)
    assert len(photo_files(photo)) == 8  # the original, and JPEG renditions in 4 shapes (tests make no others)
    endpoint = os.environ["MEDIA_S3_ENDPOINT_URL"]
    assert photo.url.startswith(f"{endpoint}/{BUCKET}/{folder}/photos/")
    with urllib.request.urlopen(photo.url) as response:  # the address a reader's browser is given
        assert response.read()[:2] == b"\xff\xd8"


def test_saving_or_reloading_a_photo_reads_nothing_from_the_store(s3, monkeypatch):
    """Its size is measured on the upload. An image field with a width_field measures its file again whenever
    it is set, a reload included, by reading it: a download of the whole original from the store."""
    opened = []
    storage_class = type(storages["default"])
    read = storage_class._open
    monkeypatch.setattr(
        storage_class, "_open", lambda storage, name, *args: opened.append(name) or read(storage, name, *args)
    )
    photo = Photo(image=ContentFile(jpeg((640, 360)), name="scene.jpg"), alt_text="A bridge", credit=make_credit())
    photo.save()
    photo.refresh_from_db()
    assert opened == []
    assert (photo.width, photo.height) == (640, 360)


def test_the_article_page_points_at_the_store(s3, client):
    story = make_ready_article()
    page = client.get(story.get_absolute_url()).content.decode()
    endpoint = os.environ["MEDIA_S3_ENDPOINT_URL"]
    rendition = story.lead_photo.renditions["lead"][0]["files"]["jpeg"]
    assert escape(f"{endpoint}/{BUCKET}/") in page
    assert escape(default_storage.url(rendition)) in page


def test_a_cdn_address_is_used_in_pages_when_set(s3, settings, monkeypatch):
    monkeypatch.setenv("MEDIA_CDN_URL", "https://media.example.net/newsroom")
    storage = media_storage()
    storage["OPTIONS"]["location"] = settings.STORAGES["default"]["OPTIONS"]["location"]
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    photo = make_photo()
    assert photo.url.startswith("https://media.example.net/newsroom/")
    assert media_origins() == ["https://media.example.net"]


def test_a_second_upload_of_the_same_name_does_not_replace_the_first(s3):
    first, second = make_photo(), make_photo()
    assert first.image.name != second.image.name
    assert default_storage.open(first.image.name).read() != b""


def test_deleting_a_photo_deletes_its_objects(s3, django_capture_on_commit_callbacks):
    s3_client, folder = s3
    photo, kept = make_photo(), make_photo()
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert stored(s3_client, folder) == photo_files(kept)


def test_a_refused_write_is_a_form_error_and_leaves_nothing(s3, settings, client):
    _, folder = s3
    missing = media_storage()
    missing["OPTIONS"] |= {"bucket_name": f"no-such-bucket-{uuid.uuid4().hex[:8]}", "location": folder}
    settings.STORAGES = {**settings.STORAGES, "default": missing}
    client.force_login(make_user(is_superuser=True))
    response = admin_upload(client, jpeg())
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [STORE_REFUSED_MESSAGE]
    assert not Photo.objects.exists()


class FailsHalfway(io.RawIOBase):
    """10 MB (more than boto3's 8 MB multipart threshold) whose reading fails after 9 MB."""

    size = 10 * 1024 * 1024

    def __init__(self):
        self.position = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.position >= 9 * 1024 * 1024:
            raise OSError("the upload was cut off")
        count = min(len(buffer), self.size - self.position)
        buffer[:count] = b"\0" * count
        self.position += count
        return count


def test_a_write_that_fails_halfway_leaves_no_object_and_no_unfinished_upload(s3):
    s3_client, folder = s3
    with pytest.raises(OSError, match="cut off"):
        default_storage.save("photos/big.jpg", File(io.BufferedReader(FailsHalfway()), name="big.jpg"))
    assert stored(s3_client, folder) == []
    assert s3_client.list_multipart_uploads(Bucket=BUCKET, Prefix=folder).get("Uploads", []) == []


def test_the_store_s_own_errors_become_write_refused(s3, settings):
    storage = media_storage()
    storage["OPTIONS"] |= {"bucket_name": "no-such-bucket-at-all"}
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    with pytest.raises(WriteRefused):
        default_storage.save("photos/a.jpg", ContentFile(b"\xff\xd8"))
