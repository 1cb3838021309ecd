import pytest


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    """Keep every file a test uploads out of the project's var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
