"""Image work done once, at upload: checking, cleaning, reading credits, cropping and renditions.

Nothing here runs on a page request; pages read the rendition list stored on the Photo row.
"""

import hashlib
import io
import re
import tempfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from PIL import ExifTags, Image, ImageOps, IptcImagePlugin, UnidentifiedImageError

from .jpeg import MalformedJPEG, write_without_metadata

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000
# Formats we accept, with the file extensions each may carry, the usual one first.
ACCEPTED_FORMATS = {
    "JPEG": (".jpg", ".jpeg", ".jpe"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "AVIF": (".avif",),
    "GIF": (".gif",),
}

RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
RENDITION_FORMATS = ("avif", "webp", "jpeg")
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
ENCODER_OPTIONS = {
    "avif": {"quality": 60, "speed": 8},
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
}


@dataclass(frozen=True)
class Slot:
    """A place a photo is shown, with its shape and the widths it is made in."""

    name: str
    aspect: float | None  # width / height; None keeps the photo's own shape
    widths: tuple
    formats: tuple = RENDITION_FORMATS
    shape: str = ""  # the aspect as editors say it, e.g. "16:9"


SLOTS = {
    "full": Slot("full", None, RENDITION_WIDTHS),
    "lead": Slot("lead", 16 / 9, RENDITION_WIDTHS, shape="16:9"),
    "square": Slot("square", 1.0, (160, 320, 640), shape="1:1"),
    "social": Slot("social", 1200 / 630, (1200,), ("jpeg",), shape="1.91:1"),
}

# How far an editor's crop may be from its slot's shape and still count as that shape: typed fractions
# are rounded, so a crop is seldom exact to the pixel. build_renditions trims the rest.
CROP_SHAPE_TOLERANCE = 0.01


def in_storage(file):
    """Whether a file field's file is the one in storage, not an upload still to be saved. Django keeps
    this only in FieldFile._committed, with no public way to ask; tests/media/test_photos.py pins it."""
    return getattr(file, "_committed", False)


def validate_image_upload(file):
    """Refuse anything but a complete JPEG, PNG, WebP, AVIF or GIF of sane size, with a clear message."""
    if in_storage(file):
        return  # already stored: it passed these checks when it was uploaded
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"This file is {filesizeformat(file.size)}; the limit is {filesizeformat(MAX_UPLOAD_BYTES)}.",
            code="too_large",
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    f"{image_format} files are not accepted; upload a JPEG, PNG, WebP, AVIF or GIF.",
                    code="format",
                )
            # Checked from the header, before decoding: a decompression bomb never gets unpacked.
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"This image is {width}×{height} ({width * height / 1e6:.0f} megapixels); "
                    f"the limit is {MAX_PIXELS // 1_000_000} megapixels.",
                    code="too_many_pixels",
                )
            if image_format == "JPEG":
                # Decoded at an eighth of its size: every byte is still read, so a cut-off file is
                # caught, in 1/64 of the memory (a 24-megapixel photo would take 72 MB).
                image.draft(None, (1, 1))
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG, WebP, AVIF or GIF (SVG is not accepted).",
            code="unreadable",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This image is damaged or incomplete; export it again and retry.", code="damaged"
        ) from None
    finally:
        file.seek(0)
    extension = PurePath(file.name).suffix.lower()
    if extension not in ACCEPTED_FORMATS[image_format]:
        raise ValidationError(
            f"The file is named “{extension or 'without extension'}” but holds a {image_format} image; "
            f"rename it to {ACCEPTED_FORMATS[image_format][0]}.",
            code="extension",
        )


# --- Credits from the file -------------------------------------------------------------------

IPTC_BYLINE, IPTC_CREDIT, IPTC_SOURCE = (2, 80), (2, 110), (2, 115)
XMP_FIELDS = {
    "creator": re.compile(r"<dc:creator>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", re.S),
    "credit": re.compile(r"photoshop:Credit(?:=\"([^\"]+)\"|>([^<]+)<)"),
    "source": re.compile(r"photoshop:Source(?:=\"([^\"]+)\"|>([^<]+)<)"),
}
EXIF_ARTIST = 0x013B


def _text(value):
    if isinstance(value, list):
        value = value[0] if value else b""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return " ".join(str(value).split())[:120]


def read_credit(file):
    """The photographer and source the file names in its IPTC, XMP or EXIF fields ("" when absent).

    Read before the metadata is stripped, so an agency's own credit can pre-fill ours.
    """
    found = {"creator": "", "credit": "", "source": ""}
    file.seek(0)
    with Image.open(file) as image:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
        found["creator"] = _text(iptc.get(IPTC_BYLINE, b""))
        found["credit"] = _text(iptc.get(IPTC_CREDIT, b""))
        found["source"] = _text(iptc.get(IPTC_SOURCE, b""))
        xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
        if isinstance(xmp, bytes):
            xmp = xmp.decode("utf-8", errors="replace")
        for key, pattern in XMP_FIELDS.items():
            match = pattern.search(xmp)
            if match and not found[key]:
                found[key] = _text(next(group for group in match.groups() if group))
        if not found["creator"]:
            found["creator"] = _text(image.getexif().get(EXIF_ARTIST, ""))
    file.seek(0)
    return {"photographer": found["creator"], "source": found["credit"] or found["source"]}


# --- Cleaning the original --------------------------------------------------------------------


def is_rotated(image):
    return image.getexif().get(ExifTags.Base.Orientation, 1) != 1


def clean_original(file):
    """The upload upright (EXIF orientation applied) with every metadata block dropped.

    Only pixels (and the colour profile, which is not personal data) are written out, so EXIF,
    GPS, IPTC and XMP cannot survive. An upright RGB or greyscale JPEG keeps its own compressed
    pixels (media/jpeg.py: nothing decoded, no generation loss); anything else is decoded and
    re-encoded. Returns (File, width, height); the caller closes the file.
    """
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        if image_format == "JPEG" and image.mode in {"RGB", "L"} and not is_rotated(image):
            file.seek(0)
            cleaned = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, for the caller to close)
            try:
                write_without_metadata(file.read(), cleaned)
            except MalformedJPEG:
                cleaned.close()  # re-encoded below from what the decoder makes of it, as any other file
            else:
                cleaned.seek(0)
                return File(cleaned), image.width, image.height
        icc_profile = image.info.get("icc_profile")
        frames = []
        if getattr(image, "is_animated", False) and image_format in {"GIF", "WEBP"}:
            for index in range(image.n_frames):
                image.seek(index)
                frames.append(image.copy())
            durations = [frame.info.get("duration", 100) for frame in frames]
        if frames:
            upright = frames[0]
        else:
            # In place, and no convert() of what is RGB already: each copy of a 24-megapixel photo is 72 MB
            # more in the web process (docs/performance.md).
            ImageOps.exif_transpose(image, in_place=True)
            upright = image
        upright.load()
    buffer = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if frames:
        frames[0].save(buffer, image_format, save_all=True, append_images=frames[1:], duration=durations, loop=0)
    elif image_format == "JPEG":
        (upright if upright.mode == "RGB" else upright.convert("RGB")).save(buffer, "JPEG", quality=92, **options)
    else:
        upright.save(buffer, image_format, **options)
    return ContentFile(buffer.getvalue()), upright.width, upright.height


# --- Crops and renditions ---------------------------------------------------------------------


def crop_box(width, height, aspect, focal_x=0.5, focal_y=0.5):
    """The largest box of the given aspect that fits the image, centred on the focal point as far
    as the edges allow. Returns (left, top, right, bottom) in pixels."""
    if width / height > aspect:
        box_w, box_h = round(height * aspect), height
    else:
        box_w, box_h = width, round(width / aspect)
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return left, top, left + box_w, top + box_h


def override_box(width, height, crop):
    """An editor's crop, stored as fractions of the image, in pixels."""
    return (
        round(crop["left"] * width),
        round(crop["top"] * height),
        round(crop["right"] * width),
        round(crop["bottom"] * height),
    )


def fit_to_aspect(box, aspect):
    """The largest box of the given aspect inside `box` (pixels: left, top, right, bottom), in its middle."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    if width / height > aspect:
        fitted_w, fitted_h = max(1, round(height * aspect)), height
    else:
        fitted_w, fitted_h = width, max(1, round(width / aspect))
    left += (width - fitted_w) // 2
    top += (height - fitted_h) // 2
    return left, top, left + fitted_w, top + fitted_h


def validate_crop_shape(width, height, crop, slot):
    """Refuse an editor's crop (fractions of an image of width by height pixels) that is not the slot's shape, naming
    the largest crop of that shape inside it, as fractions to type in."""
    box = override_box(width, height, crop)
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    if min(box_w, box_h) < 1 or abs(box_w / box_h / slot.aspect - 1) <= CROP_SHAPE_TOLERANCE:
        return
    left, top, right, bottom = fit_to_aspect(box, slot.aspect)
    suggestion = ", ".join(
        f"{name} {round(value, 3):g}"
        for name, value in (
            ("left", left / width),
            ("top", top / height),
            ("right", right / width),
            ("bottom", bottom / height),
        )
    )
    raise ValidationError(
        f"A {slot.name} crop is {slot.shape}; this one is {box_w}×{box_h} pixels of the photo. "
        f"The largest {slot.shape} crop inside it: {suggestion}.",
        code="crop_shape",
    )


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "jpeg" and image.mode != "RGB":
        image = image.convert("RGB")
    elif image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    image.save(buffer, fmt.upper(), **ENCODER_OPTIONS[fmt])
    return buffer.getvalue()


def rendition_formats(slot):
    """The slot's formats that settings.NEWSROOM_RENDITION_FORMATS lists, and always JPEG: the <img>
    fallback, feeds and social cards use it."""
    return [fmt for fmt in slot.formats if fmt == "jpeg" or fmt in settings.NEWSROOM_RENDITION_FORMATS]


def build_renditions(image_file, name_prefix, storage, focal=(0.5, 0.5), overrides=None, key="", reuse=True):
    """Write every slot's renditions through the storage API; returns the list to store on the Photo.

    Widths larger than the crop are skipped (never upscaled); when even the smallest is too
    large, the crop's own width is made instead. Names carry a hash of the crop keyed with the
    photo's secret `key`: a new focal point gives new URLs, so caches never serve an old crop, and
    nobody who can reach the media host can work out the names of photos not yet published.

    With `reuse`, a file already stored under its name is kept, not made again: the same inputs make
    the same bytes, and the storage writes a file whole or not at all, so a build run twice, or run
    again after a worker died halfway, ends with the same files. reuse=False makes every file anew,
    under new names (after a change of encoder settings).
    """
    overrides = overrides or {}
    image_file.seek(0)
    with Image.open(image_file) as source:
        source.load()
        source = source.convert("RGBA") if source.mode in {"P", "LA", "PA"} else source
        made = {}
        written = []
        try:
            for slot in SLOTS.values():
                if slot.aspect is None:
                    box = (0, 0, source.width, source.height)
                elif slot.name in overrides:
                    box = fit_to_aspect(override_box(source.width, source.height, overrides[slot.name]), slot.aspect)
                else:
                    box = crop_box(source.width, source.height, slot.aspect, *focal)
                cropped = source.crop(box)
                tag = hashlib.blake2b(repr(box).encode(), key=key.encode(), digest_size=8).hexdigest()
                widths = [w for w in slot.widths if w <= cropped.width] or [cropped.width]
                entries = []
                for width in widths:
                    height = max(1, round(width * cropped.height / cropped.width))
                    names = {
                        fmt: f"{name_prefix}/{slot.name}-{tag}-{width}.{'jpg' if fmt == 'jpeg' else fmt}"
                        for fmt in rendition_formats(slot)
                    }
                    files = {fmt: name for fmt, name in names.items() if reuse and storage.exists(name)}
                    if len(files) < len(names):
                        resized = cropped.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
                    for fmt, name in names.items():
                        if fmt not in files:
                            files[fmt] = storage.save(name, ContentFile(_encode(resized, fmt)))
                            written.append(files[fmt])
                    entries.append({"width": width, "height": height, "files": {fmt: files[fmt] for fmt in names}})
                made[slot.name] = entries
        except BaseException:
            for name in written:
                storage.delete(name)
            raise
    image_file.seek(0)
    return made
