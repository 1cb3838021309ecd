import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.urls import reverse
from PIL import Image

from media.images import crop_box, read_credit, validate_image_upload
from media.models import Photo, PhotoCredit, SlotCrop
from newsroom import settings as production_settings
from tests.factories import image_file, make_credit, make_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_rendition_formats(settings):
    """The pipeline as it runs on the site, AVIF included; tests/settings.py leaves AVIF out elsewhere."""
    settings.NEWSROOM_RENDITION_FORMATS = production_settings.NEWSROOM_RENDITION_FORMATS


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def encoded(fmt="JPEG", size=(64, 48), **options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "unreadable"),
        ("cut.jpg", encoded()[:300], "damaged"),
        ("page.jpg", b"<html><body>not an image</body></html>", "unreadable"),
        ("really-png.jpg", encoded("PNG"), "extension"),
        ("scan.tiff", encoded("TIFF"), "format"),
    ],
)
def test_unacceptable_files_are_refused(name, data, code):
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload(name, data))
    assert error.value.code == code


def test_decompression_bomb_is_refused_before_decoding():
    bomb = encoded("PNG", size=(10_000, 7_000))  # 70 megapixels of one colour: a small file
    assert len(bomb) < 1_000_000
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload("bomb.png", bomb, "image/png"))
    assert error.value.code == "too_many_pixels"


def test_oversize_file_is_refused(monkeypatch):
    monkeypatch.setattr("media.images.MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload("big.png", encoded("PNG", size=(400, 400)) + b"\0" * 2000, "image/png"))
    assert error.value.code == "too_large"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "AVIF", "GIF"])
def test_accepted_formats_pass(fmt):
    validate_image_upload(upload(f"photo.{fmt.lower().replace('jpeg', 'jpg')}", encoded(fmt)))


def exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show upright
    exif[0x013B] = "Secret Source"  # Artist
    exif.get_ifd(0x8825)[2] = (50.0, 27.0, 0.0)  # GPS latitude
    return exif


def test_upload_is_turned_upright_and_stripped_of_metadata():
    data = encoded(size=(80, 40), exif=exif_with_gps_and_rotation(), comment=b"c")
    photo = make_photo(image=upload("phone.jpg", data))
    assert (photo.width, photo.height) == (40, 80)
    stored = default_storage.open(photo.image.name).read()
    assert b"Exif" not in stored and b"Secret Source" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert image.size == (40, 80)


def test_renditions_are_made_once_in_every_format_never_upscaled():
    photo = make_photo(image=image_file(size=(1000, 600)))
    lead = photo.renditions["lead"]
    assert [entry["width"] for entry in lead] == [320, 640, 960]
    for entry in lead:
        assert set(entry["files"]) == {"avif", "webp", "jpeg"}
        assert entry["height"] == round(entry["width"] * 9 / 16)
        for name in entry["files"].values():
            assert default_storage.exists(name)
    with default_storage.open(lead[-1]["files"]["avif"]) as file, Image.open(file) as image:
        assert (image.format, image.size) == ("AVIF", (960, 540))
    assert [entry["width"] for entry in photo.renditions["full"]] == [320, 640, 960]
    assert photo.renditions["social"][0]["width"] <= 1000
    assert {e["width"] for e in photo.renditions["square"]} == {160, 320}


@pytest.mark.parametrize(("formats", "made"), [([], {"jpeg"}), (["webp"], {"webp", "jpeg"})])
def test_renditions_are_made_in_the_formats_the_setting_lists_and_jpeg(settings, formats, made):
    settings.NEWSROOM_RENDITION_FORMATS = formats
    photo = make_photo()
    assert {fmt for entries in photo.renditions.values() for entry in entries for fmt in entry["files"]} == made


def test_focal_point_moves_the_crop():
    assert crop_box(1600, 900, 1.0, focal_x=0.9) == (700, 0, 1600, 900)
    assert crop_box(1600, 900, 1.0, focal_x=0.1) == (0, 0, 900, 900)
    assert crop_box(1600, 900, 1.0) == (350, 0, 1250, 900)
    assert crop_box(900, 1600, 16 / 9, focal_y=0.0) == (0, 0, 900, 506)


def test_new_focal_point_rebuilds_renditions_with_new_names(django_capture_on_commit_callbacks):
    photo = make_photo(image=image_file(size=(800, 400)))
    before = photo.renditions["square"][0]["files"]["jpeg"]
    photo.focal_x = 0.95
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    photo.refresh_from_db()
    after = photo.renditions["square"][0]["files"]["jpeg"]
    assert after != before
    assert not default_storage.exists(before)


def test_an_editors_crop_overrides_the_focal_point():
    """Left quarter red, the rest blue: the default square crop is blue, the editor's crop red."""
    source = Image.new("RGB", (800, 400), (0, 0, 255))
    source.paste((255, 0, 0), (0, 0, 200, 400))
    buffer = io.BytesIO()
    source.save(buffer, "PNG")
    photo = make_photo(image=upload("halves.png", buffer.getvalue(), "image/png"))

    def square_colour():
        with default_storage.open(photo.renditions["square"][0]["files"]["jpeg"]) as file, Image.open(file) as image:
            return image.convert("RGB").getpixel((image.width // 2, image.height // 2))

    assert square_colour()[2] > 200
    SlotCrop.objects.create(photo=photo, slot="square", left=0, top=0, right=0.25, bottom=0.5)
    photo.rebuild_renditions()
    assert square_colour()[0] > 200


def test_picture_macro_renders_sources_sizes_and_dimensions():
    photo = make_photo(image=image_file(size=(1280, 720)), alt_text="Smoke")
    picture = engines["jinja2"].env.get_template("media/_picture.html").module.picture
    html = picture(photo, "lead", sizes="50vw", lead=True)
    assert '<source type="image/avif"' in html and '<source type="image/webp"' in html
    assert 'sizes="50vw"' in html and " 1280w" in html
    assert 'width="640" height="360"' in html
    assert 'fetchpriority="high"' in html and "loading=" not in html
    lazy = picture(photo, "lead")
    assert 'loading="lazy"' in lazy


def test_credit_is_read_from_iptc_and_xmp():
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description photoshop:Credit="Ledger Wire">'
        b"<dc:creator><rdf:Seq><rdf:li>Olena Hrytsenko</rdf:li></rdf:Seq></dc:creator>"
        b"</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    file = upload("agency.jpg", encoded(xmp=xmp))
    assert read_credit(file) == {"photographer": "Olena Hrytsenko", "source": "Ledger Wire"}


NO_CROPS = {"crops-TOTAL_FORMS": "0", "crops-INITIAL_FORMS": "0"}


def test_admin_upload_takes_the_credit_from_the_file_and_refuses_bad_files(
    admin_client, django_capture_on_commit_callbacks
):
    url = reverse("admin:media_photo_add")
    exif = Image.Exif()
    exif[0x013B] = "Ivan Koval"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {
                "image": upload("koval.jpg", encoded(exif=exif)),
                "alt_text": "A street",
                "focal_x": "0.5",
                "focal_y": "0.5",
                **NO_CROPS,
            },
        )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert str(photo.credit) == "Ivan Koval"
    assert photo.renditions

    credit = make_credit()
    response = admin_client.post(
        url,
        {
            "image": upload("x.svg", b"<svg/>"),
            "alt_text": "Logo",
            "credit": credit.pk,
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert Photo.objects.count() == 1
    assert PhotoCredit.objects.count() == 2


def test_pages_with_30_photos_do_no_image_work(client, monkeypatch, settings, django_assert_max_num_queries):
    from tests.factories import make_article

    settings.NEWSROOM_FEED_PAGE_SIZE = 40
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0  # the page's own queries, not the page cache's
    for _ in range(30):
        make_article(lead_photo=make_photo())

    def refuse(*args, **kwargs):
        raise AssertionError("image work during a page request")

    monkeypatch.setattr("media.models.build_renditions", refuse)
    monkeypatch.setattr("media.models.clean_original", refuse)
    monkeypatch.setattr("PIL.Image.open", refuse)
    client.get("/")  # makes the section menu and the video strip, once a content generation
    # Expect 1 query: the stories with photos.
    with django_assert_max_num_queries(1):
        response = client.get("/")
    assert response.content.decode().count("<picture>") == 30


def test_rebuild_renditions_command_remakes_every_photo():
    from django.core.management import call_command

    photos = [make_photo(), make_photo()]
    Photo.objects.update(renditions={})
    out = io.StringIO()
    call_command("rebuild_renditions", stdout=out, stderr=io.StringIO())
    assert "Rebuilt renditions of 2 photos." in out.getvalue()
    for photo in photos:
        photo.refresh_from_db()
        assert photo.renditions["lead"]


def test_admin_saves_a_new_focal_point_on_an_existing_photo(admin_client, django_capture_on_commit_callbacks):
    photo = make_photo(image=image_file(size=(800, 400)))
    before = photo.renditions["square"][0]["files"]["jpeg"]
    data = {"alt_text": photo.alt_text, "caption": "", "credit": photo.credit_id, "focal_x": "0.9", "focal_y": "0.2"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:media_photo_change", args=[photo.pk]), data | NO_CROPS)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.9, 0.2)
    assert photo.renditions["square"][0]["files"]["jpeg"] != before


def test_admin_photo_form_refuses_more_crop_forms_than_there_are_slots(admin_client):
    photo = make_photo()
    data = {"alt_text": "Changed", "caption": "", "credit": photo.credit_id, "focal_x": "0.5", "focal_y": "0.5"}
    crops = {"crops-TOTAL_FORMS": "2000", "crops-INITIAL_FORMS": "0"}
    response = admin_client.post(reverse("admin:media_photo_change", args=[photo.pk]), data | crops)
    assert response.status_code == 200
    page = response.content.decode()
    slots = len(SlotCrop._meta.get_field("slot").choices)
    assert f"Please submit at most {slots} forms." in page
    assert f'name="crops-{slots}-' not in page
    photo.refresh_from_db()
    assert photo.alt_text != "Changed"
