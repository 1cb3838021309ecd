"""Newsroom settings, read from the environment.

Every value has a development default except where a wrong default would be
unsafe in production (SECRET_KEY without DEBUG). Bad values fail loudly with
ImproperlyConfigured instead of being silently ignored.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


DEBUG = env_bool("DEBUG", False)

# manage.py commands and tests run without a key; the servers refuse it (newsroom/wsgi.py, asgi.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY


def refuse_to_serve_without_a_key(settings):
    """Called by the WSGI and ASGI entry points: production must never sign with the public key."""
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY and not settings.DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=1 for local development.")


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "axes",
    "reversion",
    "django_prose_editor",
    "newsroom",
    "media",
    "authors",
    "feed",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag from the content and 304 Not Modified for If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before anything that reads the database: chooses primary or replica for this request.
    "newsroom.db_router.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# No DATABASE_URL: an SQLite file in the project folder, so `make run` works on a bare machine.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}

# Read replicas for reader pages (newsroom/db_router.py): DATABASE_REPLICA_URLS=postgres://…,postgres://…
# The admin, previews, logged-in staff and every write use "default", the primary.
NEWSROOM_READ_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica{number}"] = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 0)) | {
        # Tests run against one database: each replica is the primary's mirror.
        "TEST": {"MIRROR": "default"},
    }
    NEWSROOM_READ_REPLICAS.append(f"replica{number}")
DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]

# Sessions stay in the database (Django's default backend), so any app server can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The page cache (feed/caching.py). REDIS_URL: shared by every app server; without it each process
# keeps its own in memory. CACHE=off turns caching off (DummyCache), e.g. to measure the pages themselves.
REDIS_URL = os.environ.get("REDIS_URL", "")
if not env_bool("CACHE", True):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A slow or missing Redis must not hang page views for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": env_int("LOCMEM_CACHE_ENTRIES", 2000)},
        }
    }
# How long a reader page is kept in that cache at most; edits and scheduled stories end it sooner.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300) if env_bool("CACHE", True) else 0
# What CDNs and browsers are told about reader pages. s-maxage is how stale a CDN copy may be
# after an edit unless the CDN is purged (docs/deploy.md).
NEWSROOM_BROWSER_MAX_AGE = env_int("BROWSER_MAX_AGE", 30)
NEWSROOM_CDN_MAX_AGE = env_int("CDN_MAX_AGE", 60)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 for new passwords; older hashes still verify and are rehashed at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# django-axes: after AXES_FAILURE_LIMIT failed logins from one address, that address is refused
# for AXES_COOLOFF_TIME hours with a page that says so (429). Failures are counted per address,
# not per user name, so the response never tells whether a user exists.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "newsroom/locked_out.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Kyiv")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# Uploads go through Django's storage API: S3-compatible object storage is a setting
# (STORAGES["default"] = storages.backends.s3.S3Storage with django-storages; docs/deploy.md).
# Static files: hashed names and gzip/brotli copies made by collectstatic, served by WhiteNoise with
# far-future cache headers. STATIC_MANIFEST=0 (the tests, `make run`) serves the source files as they are.
STORAGES = {
    # Django's FileSystemStorage, but a write that fails halfway (full disk) leaves no partial file.
    "default": {"BACKEND": "media.storage.CleaningFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Not BASE_DIR / "media": that folder is our `media` app's package.
MEDIA_URL = "uploads/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))

NEWSROOM_SITE_NAME = os.environ.get("SITE_NAME", "The Kyiv Ledger")
NEWSROOM_FEED_PAGE_SIZE = env_int("FEED_PAGE_SIZE", 20)

# Production (DEBUG off): HTTPS only, with secure cookies and HSTS, so that `check --deploy` is clean.
# Each can be turned off by its variable, e.g. SECURE_SSL_REDIRECT=0 for the local benchmark over http.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Behind a load balancer or CDN that ends TLS and says so in X-Forwarded-Proto (docs/deploy.md).
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
