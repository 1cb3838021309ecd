"""Newsroom settings, read from the environment.

Every value has a development default except where a wrong default would be
unsafe in production (SECRET_KEY without DEBUG). Bad values fail loudly with
ImproperlyConfigured instead of being silently ignored.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from newsroom.environment import env_bool, env_int, env_list, media_origins, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", False)

# manage.py commands and tests run without a key; the servers refuse it (newsroom/wsgi.py, asgi.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY


def refuse_to_serve_without_a_key(settings):
    """Called by the WSGI and ASGI entry points: production must never sign with the public key."""
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY and not settings.DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=1 for local development.")


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The ports a Host header may name ("" for none); ALLOWED_HOSTS does not look at ports. Empty: any.
# By default with DEBUG off: none, 80, 443 and the port gunicorn binds (BIND, as gunicorn.conf.py).
NEWSROOM_HOST_PORTS = env_list(
    "ALLOWED_HOST_PORTS",
    [] if DEBUG else ["", "80", "443", os.environ.get("BIND", "127.0.0.1:8000").rpartition(":")[2]],
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The site's own address, for links made outside a request (webhook notifications).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, so that its templates/admin/base_site.html extends the admin's own.
    "newsroom",
    # Names, slugs and bios of sections and authors per language (feed/translation.py,
    # authors/translation.py); before the admin, as django-modeltranslation asks.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # django-taggit, named "Topics" in the admin.
    "newsroom.apps.TopicsConfig",
    "axes",
    "reversion",
    "django_prose_editor",
    "csp",
    # Background work (docs/operations.md, "Background work"): Django's tasks API (the django-tasks
    # backport on 5.2), its database backend's queue and db_worker (django_rq is added with TASKS_BACKEND=rq).
    "django_tasks",
    "django_tasks_db",
    "media",
    "authors",
    "feed",
    # The admin's front page for the newsroom, quick post, autosave and presence (above feed).
    "desk",
    # The agency inbox: RSS/Atom and NewsML-G2 copy polled into the admin, made into drafts (above feed).
    "wires",
    # Live stories' updates: the live desk, the live page and its poll (above feed).
    "live",
    # Imports from other systems: WordPress exports (above feed).
    "imports",
    # Signed notifications to partners when a story readers can see changes (above feed).
    "webhooks",
    # The JSON API at /api/ (docs/api.md), above feed, authors, media and live; "ninja" for the docs
    # page's Swagger UI, served from its own static files rather than a CDN.
    "ninja",
    "api",
    # Not newsroom code: demo data, benchmarks, the chaos run and the local admin (manage.py commands).
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below) on every response Django makes.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL character in the address, query string or cookies is a 400 before any query sees it.
    "newsroom.middleware.RefuseNulMiddleware",
    # A Host with a port the site is not served on is a 400 (NEWSROOM_HOST_PORTS below).
    "newsroom.middleware.RefuseUnknownPortMiddleware",
    # An admin search of more words than anyone types is a 400, not a query SQLite refuses.
    "newsroom.middleware.LimitAdminSearchMiddleware",
    # ETag from the content and 304 Not Modified for If-None-Match / If-Modified-Since.
    "django.middleware.http.ConditionalGetMiddleware",
    # The edition's language from the address alone: "/uk/…" Ukrainian, anything else English
    # (newsroom.middleware.EditionLocaleMiddleware). Before the two below, which resolve addresses.
    "newsroom.middleware.EditionLocaleMiddleware",
    # A 404 at an old address (a renamed story's, an imported site's permalink) becomes a 301 to
    # where it leads (feed.models.Redirect); outside the page cache, so a cached 404 is redirected too.
    "feed.redirects.RedirectFallbackMiddleware",
    # Cached reader pages for anonymous readers, served before any session, user or CSRF work and
    # stored once the middleware below has added its headers (feed/caching.py).
    "feed.caching.ReaderPageCacheMiddleware",
    # Before anything that reads the database: chooses primary or replica for this request.
    "newsroom.db_router.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin in its user's language (the header's choice, else the browser's); after any LocaleMiddleware,
    # which gives reader pages the language of their address and would give the admin English.
    "newsroom.middleware.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# Reader pages (and the error pages) are Jinja2 templates in each app's jinja2/ folder, with the
# environment of newsroom/jinja2.py; the admin and Django's form widgets stay on Django's templates
# in templates/ folders. Jinja2 comes first, so a name both could load is the reader's.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "autoescape": True,
            # Only what reader templates read; request, csrf_input and csrf_token come with every request.
            "context_processors": ["newsroom.context_processors.site"],
        },
    },
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

# Staying up when the database restarts (docs/operations.md, "Staying up"). On PostgreSQL each process keeps a
# psycopg pool whose connections are checked before each use, so one killed by a restart is replaced
# instead of failing a request. DB_POOL_TIMEOUT: how long a request waits for a connection before
# it gets the 503 page (newsroom/views.py). DB_POOL_RECONNECT_SECONDS: the pool retries a lost
# database with doubling pauses (1 s, 2 s, 4 s …); giving up after this long, as a waiting request
# does, lets the next request try at once, so pages come back within about a second of the database.
# Django refuses persistent connections (CONN_MAX_AGE) with a pool: set one or the other.
if env_bool("DB_POOL", True):
    for database in DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            if database["CONN_MAX_AGE"]:
                raise ImproperlyConfigured(
                    "CONN_MAX_AGE keeps connections without the pool: unset it, or set DB_POOL=0."
                )
            database["CONN_HEALTH_CHECKS"] = True
            database.setdefault("OPTIONS", {})["pool"] = {
                "min_size": env_int("DB_POOL_MIN_SIZE", 1),
                "max_size": env_int("DB_POOL_MAX_SIZE", 4),
                "timeout": env_int("DB_POOL_TIMEOUT", 2),
                "reconnect_timeout": env_int("DB_POOL_RECONNECT_SECONDS", 2),
            }

# Prepared statements on PostgreSQL: parameters go to the server separately from the SQL, and a
# query run five times on a connection is prepared there, so PostgreSQL stops parsing it and mostly
# stops planning it. Planning was most of the database's time on the reader pages: PostgreSQL's CPU
# time per article page fell from about 4 ms to 1.5 ms (docs/performance.md, "Reader pages under load").
# newsroom.postgresql is Django's backend with bulk inserts, updates and deletes split to fit
# PostgreSQL's 65,535 parameters a query. A pooler that cannot keep prepared statements across
# transactions needs DB_PREPARED_STATEMENTS=0: PgBouncer in transaction mode without
# max_prepared_statements, its default before 1.24.
if env_bool("DB_PREPARED_STATEMENTS", True):
    for database in DATABASES.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            database["ENGINE"] = "newsroom.postgresql"
            database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)

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
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {
                # Redis down or slow: a cache miss (logged), and the page is made from the database.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
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
# Redis errors that IGNORE_EXCEPTIONS turns into cache misses are still logged (logger django_redis.cache).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Background work (docs/operations.md): tasks are written against Django's tasks API. TASKS_BACKEND=db (the
# default) queues them in the database, run by `manage.py db_worker`; TASKS_BACKEND=rq in Redis
# (RQ_REDIS_URL, default redis://127.0.0.1:6379/0), run by `manage.py rqworker --with-scheduler`.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db")
if TASKS_BACKEND not in {"db", "rq"}:
    raise ImproperlyConfigured(f"TASKS_BACKEND is {TASKS_BACKEND!r}; it may be db or rq.")
TASKS = {
    "default": {
        "BACKEND": {"db": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}[TASKS_BACKEND],
    }
}
RQ_QUEUES = {"default": {"URL": os.environ.get("RQ_REDIS_URL", "redis://127.0.0.1:6379/0")}}
if TASKS_BACKEND == "rq":
    # Its rqworker command and its admin dashboard, only where RQ is the backend.
    INSTALLED_APPS.append("django_rq")
# Warnings and errors to stderr, which gunicorn keeps, whatever DEBUG says: server errors with their
# tracebacks (Django logs them on django.request, as mail to ADMINS only by default), 503s, the
# connection pool's failed reconnections, ignored Redis errors. Not 404s and other 4xx.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {"django.request": {"level": "ERROR"}},
}
# How long a reader page is kept in that cache at most; edits and scheduled stories end it sooner.
NEWSROOM_PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300) if env_bool("CACHE", True) else 0
# The same for the blocks pages share (section menu, video strip, "More from the News Feed";
# feed/fragments.py), which stay in the cache when PAGE_CACHE_SECONDS=0 turns off whole pages.
NEWSROOM_FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)
# The JSON API's request budget per client (its address; a token's user once the write side exists),
# as django-ninja's throttles read it: "<requests>/<s|min|hour|day>". Over it: 429 with Retry-After.
NEWSROOM_API_RATE = os.environ.get("API_RATE", "120/min")
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
# Behind a proxy every request comes from the proxy: the client's address is in the header the proxy
# sets (and overwrites), named as in request.META. `manage.py serve` sets it for its nginx.
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "")
if CLIENT_ADDRESS_HEADER:
    AXES_IPWARE_META_PRECEDENCE_ORDER = (CLIENT_ADDRESS_HEADER, "REMOTE_ADDR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The two editions: English at today's addresses, Ukrainian under /uk/. A story's language is one of
# these codes (Article.language); en-gb above is English as the newsroom writes it (dates, formats).
LANGUAGES = [("en", "English"), ("uk", "Українська")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# django-modeltranslation: section and author fields per language (name_en, name_uk, …); a Ukrainian
# name left blank reads as the English one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "uk")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# One way of writing dates and times everywhere: "3 December 2026, 14:02" (common.times.local_time).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Kyiv")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# Uploads go through Django's storage API, on disk or on S3-compatible object storage (docs/deploy.md).
# Static files: hashed names and gzip/brotli copies made by collectstatic, served by WhiteNoise with
# far-future cache headers. STATIC_MANIFEST=0 (the tests, `make run`) serves the source files as they are.
STORAGES = {
    # MEDIA_STORAGE=local (the default): Django's FileSystemStorage, but a write that fails halfway (full disk)
    # leaves no partial file. MEDIA_STORAGE=s3: an S3-compatible object store (newsroom/environment.py).
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Not BASE_DIR / "media": that folder is our `media` app's package. MEDIA_CDN_URL serves uploads from elsewhere.
MEDIA_URL = os.environ["MEDIA_CDN_URL"].rstrip("/") + "/" if os.environ.get("MEDIA_CDN_URL") else "uploads/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))
# Wire drop folders and feed files must lie inside it, so that a source cannot read any file on the server.
WIRES_ROOT = Path(os.environ.get("WIRES_ROOT", BASE_DIR / "var" / "wires"))
# The formats photo renditions are made in besides JPEG, which is always made (media/images.py).
NEWSROOM_RENDITION_FORMATS = ["avif", "webp"]

NEWSROOM_SITE_NAME = os.environ.get("SITE_NAME", "The Kyiv Ledger")
NEWSROOM_FEED_PAGE_SIZE = env_int("FEED_PAGE_SIZE", 20)
# Search ranks only this many of the newest matches (feed/search.py, search_page; docs/performance.md).
NEWSROOM_SEARCH_CANDIDATES = env_int("SEARCH_CANDIDATES", 200)
# How often an open live page asks for new updates (live/static/live/live.js).
NEWSROOM_LIVE_POLL_SECONDS = env_int("LIVE_POLL_SECONDS", 20)

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

# Response headers (docs/security.md). Django's defaults already send X-Content-Type-Options: nosniff,
# X-Frame-Options: DENY and Cross-Origin-Opener-Policy: same-origin; they are spelled out so that a
# change is deliberate. strict-origin-when-cross-origin, not same-origin: the YouTube player refuses
# to play in an iframe whose request carries no Referer.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp). Nothing runs but our own script files: no inline script, no
# eval. The one inline script, django-prose-editor's import map on the article form, carries the
# request's nonce (feed/admin/articles.py); a page that never asks for request.csp_nonce gets no nonce in its
# header, which is what lets whole reader pages be cached (feed/caching.py).
# Video stories play in an iframe from these hosts, only after the reader clicks "Play" (feed/models.py).
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Where uploaded photos are served from when that is not this site, e.g. object storage or a CDN
# (docs/deploy.md): CSP_MEDIA_ORIGINS=https://media.example.net
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS", []) + media_origins()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
