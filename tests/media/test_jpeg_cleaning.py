"""An upright JPEG keeps its own compressed pixels when its metadata is removed (media/jpeg.py)."""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from media.images import clean_original, validate_image_upload
from media.jpeg import MalformedJPEG, write_without_metadata

IPTC_IN_PHOTOSHOP = b"\xff\xed\x00\x1aPhotoshop 3.0\x008BIMsecret"
MULTI_PICTURE_PREVIEW = b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00hidden\xff\xd9"


def noisy_photo(size=(96, 64), **options):
    """Random pixels, so a re-encode could never give back the same bytes or pixels."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=75, **options)
    return buffer.getvalue()


def with_segment_after_start(data, segment):
    return data[:2] + segment + data[2:]


def gps_exif():
    exif = Image.Exif()
    exif[0x013B] = "Secret Source"  # Artist
    exif.get_ifd(0x8825)[2] = (50.0, 27.0, 0.0)  # GPS latitude
    return exif


def pixels(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


@pytest.mark.parametrize("progressive", [False, True])
def test_upright_jpeg_loses_its_metadata_and_keeps_its_pixels_and_colour_profile(progressive):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    upload = noisy_photo(
        exif=gps_exif(),
        comment=b"shot at home",
        xmp=b"<x:xmpmeta>secret</x:xmpmeta>",
        icc_profile=profile,
        progressive=progressive,
    )
    upload = with_segment_after_start(upload, IPTC_IN_PHOTOSHOP) + MULTI_PICTURE_PREVIEW

    cleaned, width, height = clean_original(ContentFile(upload))
    stored = cleaned.read()

    assert (width, height) == (96, 64)
    for secret in (b"Secret Source", b"shot at home", b"xmpmeta", b"Photoshop", b"hidden", b"Exif"):
        assert secret not in stored
    assert pixels(stored) == pixels(upload)  # not decoded and re-encoded: not one pixel moved
    with Image.open(io.BytesIO(stored)) as image:
        assert image.info.get("icc_profile") == profile
        assert not image.getexif()
    assert stored.endswith(b"\xff\xd9")


def test_rotated_jpeg_is_still_turned_upright():
    exif = gps_exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show upright
    cleaned, width, height = clean_original(ContentFile(noisy_photo(exif=exif)))
    assert (width, height) == (64, 96)
    assert b"Secret Source" not in cleaned.read()


def test_restart_markers_and_stuffed_bytes_belong_to_the_scan():
    upload = noisy_photo(size=(256, 256), restart_marker_blocks=1)
    assert b"\xff\xd0" in upload and b"\xff\x00" in upload
    written = io.BytesIO()
    write_without_metadata(upload, written)
    assert written.getvalue() == upload  # nothing to remove, nothing else touched


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n",
        b"\xff\xd8\xff\xe1\xff\xff" + b"x" * 10,  # a segment longer than the file
        noisy_photo()[:-200],  # the scan never reaches its end
        b"\xff\xd8\x00\x00",
    ],
)
def test_malformed_streams_are_refused_by_the_segment_walker(data):
    with pytest.raises(MalformedJPEG):
        write_without_metadata(data, io.BytesIO())


def test_a_jpeg_cut_off_in_its_pixels_is_refused_although_decoded_small():
    cut = noisy_photo(size=(640, 480))
    with pytest.raises(ValidationError) as error:
        validate_image_upload(SimpleUploadedFile("cut.jpg", cut[: len(cut) * 2 // 3], "image/jpeg"))
    assert error.value.code == "damaged"
