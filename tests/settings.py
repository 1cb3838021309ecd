"""The production settings, less what only a deployment has: HTTPS and collected static files."""

from newsroom.settings import *  # noqa: F403

# The test client speaks plain http; the redirect is tested by test_deploy_check.
SECURE_SSL_REDIRECT = False
# No collectstatic before tests: templates get the source files' plain names.
STORAGES = {
    # Django's FileSystemStorage, but a write that fails halfway (full disk) leaves no partial file.
    "default": {"BACKEND": "media.storage.CleaningFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A replica alias for tests/test_db_router.py, mirroring the test database as Django's MIRROR does.
# Unused (NEWSROOM_READ_REPLICAS empty) unless a test lists it.
DATABASES["replica1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
