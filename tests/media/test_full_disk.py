"""A full disk while a photo is stored: a form error, no partial original, no row; a full disk while its
renditions are built (by the task, after the save): no partial rendition, the photo "failed" with the reason.

Run on a real, small filesystem (a 2 MB tmpfs) when this process may mount one (root), and always
with fault injection: the storage's file writes fail with ENOSPC once a byte budget is spent."""

import errno
import io
import os
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

import media.storage
from media.images import clean_original
from media.models import DISK_FULL_MESSAGE, Photo, PhotoCredit, RenditionsState
from media.tasks import MAX_ATTEMPTS
from tests.factories import make_credit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        os.environ.get("MEDIA_STORAGE") == "s3",
        reason="the local disk's storage (MEDIA_STORAGE=local); the object store's refusals: test_object_storage.py",
    ),
]

FILLER = ".filler"


def noisy_jpeg(size=(900, 600)):
    """Noise compresses badly: the original and its renditions take up real room."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


class LimitedFile(io.FileIO):
    """A file whose writes fail with ENOSPC once the shared budget is spent, after writing what fits."""

    budget = None

    def write(self, data):
        allowed = min(len(data), max(LimitedFile.budget, 0))
        if allowed:
            super().write(bytes(data[:allowed]))
            LimitedFile.budget -= allowed
        if allowed < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return allowed


def files_under(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file() and path.name != FILLER)


@pytest.fixture(params=["tmpfs", "injected"])
def small_disk(request, settings, tmp_path, monkeypatch):
    """Returns leave_free(bytes): MEDIA_ROOT then has about that much room left."""
    root = tmp_path / "uploads"
    root.mkdir()
    settings.MEDIA_ROOT = root
    if request.param == "tmpfs":
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()}); fault injection covers it")
        request.addfinalizer(lambda: subprocess.run(["umount", str(root)], check=True))

        def leave_free(room):
            stats = os.statvfs(root)
            (root / FILLER).write_bytes(b"\0" * (stats.f_bavail * stats.f_frsize - room))

    else:
        monkeypatch.setattr(media.storage.os, "fdopen", lambda fd, mode: LimitedFile(fd, "w"))

        def leave_free(room):
            LimitedFile.budget = room

    return leave_free


def upload(client, data):
    return client.post(
        reverse("admin:media_photo_add"),
        {
            "image": SimpleUploadedFile("big.jpg", data, content_type="image/jpeg"),
            "alt_text": "Noise",
            "credit": make_credit().pk,
            "focal_x": "0.5",
            "focal_y": "0.5",
            "crops-TOTAL_FORMS": "0",
            "crops-INITIAL_FORMS": "0",
        },
    )


def assert_refused_and_clean(response, root):
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [DISK_FULL_MESSAGE]
    assert escape(DISK_FULL_MESSAGE) in response.content.decode()
    assert Photo.objects.count() == 0
    assert files_under(root) == []


def test_no_room_for_the_original(admin_client, settings, small_disk):
    data = noisy_jpeg()
    original_size = clean_original(io.BytesIO(data))[0].size
    small_disk(original_size // 2)
    assert_refused_and_clean(upload(admin_client, data), settings.MEDIA_ROOT)


def test_room_for_the_original_but_not_its_renditions(
    admin_client, settings, small_disk, django_capture_on_commit_callbacks
):
    data = noisy_jpeg()
    original_size = clean_original(io.BytesIO(data))[0].size
    small_disk(original_size + 64 * 1024)
    with django_capture_on_commit_callbacks(execute=True):
        assert upload(admin_client, data).status_code == 302
    photo = Photo.objects.get()
    assert (photo.renditions_state, photo.renditions_attempts) == (RenditionsState.FAILED, MAX_ATTEMPTS)
    assert DISK_FULL_MESSAGE in photo.renditions_error
    assert photo.renditions == {}
    assert files_under(settings.MEDIA_ROOT) == [photo.image.name]
    page = admin_client.get(reverse("admin:media_photo_change", args=[photo.pk])).content.decode()
    assert escape(DISK_FULL_MESSAGE) in page


def test_the_same_upload_succeeds_with_room(admin_client, settings, small_disk, django_capture_on_commit_callbacks):
    """The refusals above are about room, not about the file: with room it is stored whole."""
    small_disk(1_900_000 if settings.MEDIA_ROOT.is_mount() else 10**9)
    data = noisy_jpeg((400, 300))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, data)
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.renditions_state == RenditionsState.READY
    stored = [
        photo.image.name,
        *(name for slot in photo.renditions.values() for e in slot for name in e["files"].values()),
    ]
    assert sorted(stored) == files_under(settings.MEDIA_ROOT)


def test_storage_removes_the_partial_file_and_reraises(settings, small_disk):
    small_disk(10_000)
    with pytest.raises(OSError) as raised:
        default_storage.save("photos/partial.bin", ContentFile(os.urandom(200_000)))
    assert raised.value.errno == errno.ENOSPC
    assert files_under(settings.MEDIA_ROOT) == []
    assert not PhotoCredit.objects.exists()
