"""Staying up when parts fail: a database that is down gives 503 + Retry-After, never 500; a cached page
is still served; a Redis that is gone costs a cache miss, not an error. `make chaos` does the same to
real servers under load (docs/operations.md, "Staying up")."""

import socket
import subprocess
import time

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from newsroom.views import server_error

from .factories import make_article


@pytest.fixture
def reader():
    """A client that gets the response Django sends to a browser, instead of the exception re-raised."""
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does when PostgreSQL has gone away mid-connection."""

    def refuse(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    def go_down():
        monkeypatch.setattr(CursorWrapper, "execute", refuse)
        monkeypatch.setattr(CursorWrapper, "executemany", refuse)

    return go_down


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_database_down_answers_503_with_retry_after(reader, database_down):
    make_article(slug="steady")
    database_down()
    response = reader.get("/news/steady/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert "back in a moment" in response.content.decode()


@pytest.mark.django_db
def test_a_post_while_the_database_is_down_is_503_too(reader, database_down):
    """The admin login reads the database (axes, users): an editor is told to retry, not shown a 500."""
    database_down()
    response = reader.post("/admin/login/", {"username": "editor", "password": "secret"})
    assert response.status_code == 503
    assert response.has_header("Retry-After")


@pytest.mark.django_db
def test_cached_page_is_still_served_while_the_database_is_down(reader, database_down):
    make_article(headline="Bridge reopens", slug="bridge")
    first = reader.get("/news/bridge/")
    assert first.status_code == 200
    database_down()
    again = reader.get("/news/bridge/")
    assert again.status_code == 200
    assert again.content == first.content
    # A page that was not cached needs the database.
    assert reader.get("/news/no-such-story/").status_code == 503


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("gone"),
        InterfaceError("connection already closed"),
        # As the driver raises them, unwrapped by Django (psycopg's, or sqlite3's on SQLite).
        connection.Database.OperationalError("consuming input failed: server closed the connection unexpectedly"),
        connection.Database.InterfaceError("the connection is closed"),
    ],
)
def test_handler_turns_database_errors_into_503(rf, error):
    """No django_db mark: the 503 page itself must need no database."""
    try:
        raise error
    except type(error):
        response = server_error(rf.get("/"))
    assert response.status_code == 503


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLSTATEs are PostgreSQL's")
def test_handler_keeps_500_for_a_driver_error_that_is_not_a_lost_connection(rf):
    from psycopg.errors import QueryCanceled

    try:
        raise QueryCanceled("canceling statement due to statement timeout")
    except QueryCanceled:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


def test_handler_keeps_500_for_other_errors(rf):
    try:
        raise ValueError("a bug, not an outage")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")


def test_postgresql_gets_a_checked_connection_pool(settings_for):
    database = settings_for(DATABASE_URL="postgres://newsroom@db.example:5432/newsroom")["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 0
    assert database["CONN_HEALTH_CHECKS"] is True, "Django gives the pool its check only with health checks on"
    assert database["OPTIONS"]["pool"]["timeout"] > 0


def test_persistent_connections_with_the_pool_stop_start_up(settings_for):
    """Django would refuse them at the first query; settings.py says so at once, and how to choose."""
    with pytest.raises(subprocess.CalledProcessError) as failed:
        settings_for(DATABASE_URL="postgres://newsroom@db.example:5432/newsroom", CONN_MAX_AGE="60")
    assert "DB_POOL=0" in failed.value.stderr
    kept = settings_for(DATABASE_URL="postgres://newsroom@db.example:5432/newsroom", CONN_MAX_AGE="60", DB_POOL="0")
    assert kept["DATABASES"]["default"]["CONN_MAX_AGE"] == 60


def test_pool_can_be_turned_off_and_sqlite_has_none(settings_for):
    off = settings_for(DATABASE_URL="postgres://newsroom@db.example:5432/newsroom", DB_POOL="0")
    assert "pool" not in off["DATABASES"]["default"].get("OPTIONS", {})
    sqlite = settings_for(DATABASE_URL="sqlite:///var/test.sqlite3")
    assert "pool" not in sqlite["DATABASES"]["default"].get("OPTIONS", {})


@pytest.mark.django_db
def test_redis_gone_costs_a_cache_miss_not_an_error(settings, reader, caplog, settings_for):
    """The cache as settings.py makes it for REDIS_URL, pointed at a port where nothing listens."""
    caches = settings_for(REDIS_URL=f"redis://127.0.0.1:{closed_port()}/0")["CACHES"]
    assert caches["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    make_article(headline="Tram lines extended", slug="trams")
    settings.CACHES = caches
    started = time.monotonic()
    home = reader.get("/")
    article = reader.get("/news/trams/")
    elapsed = time.monotonic() - started
    assert (home.status_code, article.status_code) == (200, 200)
    assert "Tram lines extended" in article.content.decode()
    assert elapsed < 2, f"two pages took {elapsed:.1f} s with Redis gone"
    assert any(record.name == "django_redis.cache" for record in caplog.records), "ignored errors are logged"


def test_pool_timeout_when_postgresql_is_unreachable_is_503(run_in_production):
    """The real pool, in a fresh interpreter, pointed at a port where no PostgreSQL listens: the pool gives
    up after DB_POOL_TIMEOUT and the reader gets the 503 page, not a 500 and not a hang."""
    code = (
        "import time; from django.test import Client;"
        "started = time.monotonic();"
        "response = Client(raise_request_exception=False).get('/news/any-story/', secure=True);"
        "print(response.status_code, response['Retry-After'], round(time.monotonic() - started))"
    )
    printed = run_in_production(
        code,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/newsroom",
        DB_POOL_TIMEOUT="1",
        ALLOWED_HOSTS="testserver",
        REDIS_URL="",
        STATIC_MANIFEST="0",
    )
    status, retry_after, seconds = printed.split()
    assert (status, retry_after) == ("503", "10")
    assert int(seconds) <= 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side cursors are PostgreSQL's")
@pytest.mark.django_db
def test_database_gone_while_the_search_form_lists_its_choices_is_a_503(reader, monkeypatch):
    """The search form's section and author choices come through a server-side cursor; Django lets an
    error raised while closing it through unwrapped (make chaos found this 500)."""
    from psycopg import OperationalError as DriverOperationalError
    from psycopg import ServerCursor

    def connection_lost(cursor):
        raise DriverOperationalError("consuming input failed: server closed the connection unexpectedly")

    monkeypatch.setattr(ServerCursor, "close", connection_lost)
    response = reader.get("/search/?q=kyiv")
    assert response.status_code == 503
    assert response["Retry-After"]
