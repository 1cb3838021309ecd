import shutil
from pathlib import Path

import pytest

from tests.factories import make_section
from wires.models import WireSource

IPTC_EXAMPLES = Path("/work/shared/wire")
FILES = Path(__file__).parent / "files"


@pytest.fixture(autouse=True)
def wires_root(settings, tmp_path):
    settings.WIRES_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def drop_folder(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    return folder


@pytest.fixture
def folder_source(drop_folder):
    return WireSource.objects.create(
        name="Acme drop folder",
        agency_name="Acme News",
        kind=WireSource.Kind.FOLDER,
        location=str(drop_folder),
        section=make_section(name="World", slug="world"),
    )


@pytest.fixture
def feed_source(tmp_path):
    def make(filename):
        copy = tmp_path / filename
        shutil.copy(FILES / filename, copy)
        return WireSource.objects.create(
            name=f"Feed {filename}",
            agency_name="Ledger Wire",
            kind=WireSource.Kind.FEED,
            location=str(copy),
            section=make_section(),
        )

    return make
