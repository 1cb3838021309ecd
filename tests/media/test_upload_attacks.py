"""Hostile uploads through the admin's photo form: each is a form error or a safely named file
inside the upload folder; never a server error, a file elsewhere, or a row without its file."""

import io
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from media.models import Photo
from tests.factories import make_credit

pytestmark = pytest.mark.django_db


def jpeg(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def gif():
    buffer = io.BytesIO()
    Image.new("P", (16, 16)).save(buffer, "GIF")
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that claims width x height pixels but holds one row: a decompression bomb's header."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1)))


HOSTILE_CONTENT = {
    "svg-named-jpg": ("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    "svg": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    "html-named-jpg": ("page.jpg", b"<!doctype html><script>alert(1)</script>"),
    "gif-html-polyglot-named-jpg": ("poly.jpg", gif() + b"<script>alert(1)</script>"),
    "truncated-jpeg": ("cut.jpg", jpeg()[:400]),
    "empty": ("empty.jpg", b""),
    "100-megapixel-png": ("bomb100.png", png_header_only(10_000, 10_000)),
    "400-megapixel-png": ("bomb400.png", png_header_only(20_000, 20_000)),
    "50-megabyte-file": ("huge.jpg", jpeg() + b"\0" * (50 * 1024 * 1024)),
}

HOSTILE_NAMES = {
    "dot-dot": "../../../outside.jpg",
    "encoded-dot-dot": "%2e%2e%2f%2e%2e%2foutside.jpg",
    "backslashes": "..\\..\\outside.jpg",
    "nul": "photo\x00.jpg",
    "rtl-override": "photo\u202egpj.jpg",
}


def post_photo(client, name, data):
    return client.post(
        reverse("admin:media_photo_add"),
        {
            "image": SimpleUploadedFile(name, data, content_type="image/jpeg"),
            "alt_text": "An upload",
            "credit": make_credit().pk,
            "focal_x": "0.5",
            "focal_y": "0.5",
            "crops-TOTAL_FORMS": "0",
            "crops-INITIAL_FORMS": "0",
        },
    )


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


@pytest.mark.parametrize("case", HOSTILE_CONTENT)
def test_hostile_content_is_a_form_error_and_leaves_nothing(admin_client, settings, tmp_path, case):
    name, data = HOSTILE_CONTENT[case]
    response = post_photo(admin_client, name, data)
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select(".field-image .errorlist")
    assert errors, "the image field should say what is wrong"
    assert Photo.objects.count() == 0
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("case", HOSTILE_NAMES)
def test_hostile_file_names_end_inside_the_upload_folder_with_a_plain_name(admin_client, settings, tmp_path, case):
    response = post_photo(admin_client, HOSTILE_NAMES[case], jpeg())
    assert response.status_code in {200, 302}
    uploads = settings.MEDIA_ROOT.resolve()
    everything = files_under(tmp_path)
    assert all(path.resolve().is_relative_to(uploads) for path in everything)
    for photo in Photo.objects.all():
        assert photo.image.storage.exists(photo.image.name)
        assert not any(bad in photo.image.name for bad in ("..", "\x00", "\u202e", "%2e", "\\"))


def test_a_polyglot_gif_is_stored_without_its_payload(admin_client, settings):
    response = post_photo(admin_client, "poly.gif", gif() + b"<script>alert(1)</script>")
    assert response.status_code == 302
    photo = Photo.objects.get()
    with photo.image.open("rb") as stored:
        assert b"<script" not in stored.read()
