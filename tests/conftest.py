import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.storage import storages


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Long tests without the test database first of all: pytest-xdist hands each process its tests in
    order, and one that starts last keeps its process busy after the other has finished (the 20 s
    slow-client test did, in a 4-minute run). Only those: the rest keep pytest-django's order (database
    tests before the live-server tests, which empty the database after each test)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path, monkeypatch):
    """Keep every file a test uploads out of the project's var/uploads; on an object store
    (MEDIA_STORAGE=s3), in a folder of the test's own, set on the storage rather than in settings.STORAGES:
    a change of that setting makes a new storage, and a new storage connects to the store again (boto3
    loads its service descriptions anew, 0.1 to 0.4 s a test)."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    if "bucket_name" in settings.STORAGES["default"].get("OPTIONS", {}):
        from media.models import storage_url  # the addresses it remembers are in another test's folder

        monkeypatch.setattr(storages["default"], "location", f"tests/{uuid.uuid4().hex}")
        storage_url.cache_clear()


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


@pytest.fixture
def production_env():
    """production_env(**extra): this process's environment as a production server's (DEBUG off, a real
    key, one host; none of the caller's DJANGO_, SECURE_ or DEBUG variables), plus `extra`, in which
    None leaves a variable out."""

    def environment(**extra):
        kept = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECURE_", "DEBUG"))}
        env = kept | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "DEBUG": "0",
            "SECRET_KEY": "t3st-only-Vb9qL2xR8mN4pK7wZ1cF6hJ0sD5gA3eY-long-and-random-enough",
            "ALLOWED_HOSTS": "news.example",
            **extra,
        }
        return {key: value for key, value in env.items() if value is not None}

    return environment


@pytest.fixture
def run_in_production(production_env):
    """run_in_production(code, **env): what `code` prints, run after django.setup() in a fresh interpreter
    with production_env(**env); the tests' settings and fixtures play no part."""

    def run(code, **env):
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            cwd=django_settings.BASE_DIR,
            env=production_env(**env),
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    return run


@pytest.fixture
def settings_for(run_in_production):
    """settings_for(**env): DATABASES, CACHES, BASE_DIR and MEDIA_ROOT as newsroom/settings.py makes them
    with production_env(**env), read by run_in_production."""

    def read(**env):
        code = (
            "import json; from django.conf import settings as s;"
            "print(json.dumps({name: getattr(s, name) for name in ('DATABASES', 'CACHES', 'BASE_DIR', 'MEDIA_ROOT')},"
            " default=str))"
        )
        return json.loads(run_in_production(code, **env))

    return read
