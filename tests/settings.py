"""The production settings, less what only a deployment has: HTTPS and collected static files."""

from newsroom.settings import *  # noqa: F403

# The test client speaks plain http; the redirect is tested by test_deploy_check.
SECURE_SSL_REDIRECT = False
# No collectstatic before tests: templates get the source files' plain names.
# Uploads where MEDIA_STORAGE says (local disk, or the object store .ci/run starts for one run of the suite).
STORAGES = {
    "default": STORAGES["default"],  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The test client sends no port; live servers for browser tests take a free one.
NEWSROOM_HOST_PORTS = []

# Renditions in JPEG only: encoding AVIF and WebP was most of the time every test photo took. The media
# pipeline's tests (tests/media/test_pipeline.py) put the site's formats back.
NEWSROOM_RENDITION_FORMATS = []

# A replica alias for tests/test_db_router.py, mirroring the test database as Django's MIRROR does.
# Unused (NEWSROOM_READ_REPLICAS empty) unless a test lists it.
# Without a pool of its own: Django closes the default alias's pool before dropping the test database,
# but not a mirror's, whose open connections would then stop the drop.
primary = DATABASES["default"]  # noqa: F405
DATABASES["replica1"] = {  # noqa: F405
    **primary,
    "OPTIONS": {key: value for key, value in primary.get("OPTIONS", {}).items() if key != "pool"},
    "TEST": {"MIRROR": "default"},
}

# The live-server tests' flush of every table by DELETE rather than TRUNCATE (tests/postgresql).
for database in DATABASES.values():  # noqa: F405
    if database["ENGINE"] == "newsroom.postgresql":
        database["ENGINE"] = "tests.postgresql"

# Tasks run in the test's own process when enqueued (tests/tasks/ runs the database and RQ backends' workers).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
