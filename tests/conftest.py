import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    """Keep every file a test uploads out of the project's var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests that make hundreds of users need no such protection.
    tests/test_logins.py checks the production setting itself."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached pages: the database is rolled back between tests, the cache is not."""
    cache.clear()
    yield
    cache.clear()
