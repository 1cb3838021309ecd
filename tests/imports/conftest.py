import io

import pytest
from django.core.management import call_command
from PIL import Image

from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user("Editor", username="importer")


@pytest.fixture
def run_import(editor):
    """Runs manage.py import_wordpress with these arguments; returns its report's text."""

    def run(*arguments):
        out = io.StringIO()
        call_command(
            "import_wordpress", *map(str, arguments), "--user", editor.username, stdout=out, stderr=io.StringIO()
        )
        return out.getvalue()

    return run


def save_jpeg(path, size=(640, 400), exif_artist=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (30, 90, 160))
    exif = Image.Exif()
    if exif_artist:
        exif[0x013B] = exif_artist
    image.save(path, "JPEG", exif=exif)
    return path
