"""The page cache cannot be poisoned or flooded by what a client sends: a SCRIPT_NAME, cookies,
query parameters no page reads, or a Host with another port."""

import runpy
import secrets

import pytest
from django.conf import settings
from django.test import Client
from gunicorn.config import Config

from feed import caching
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored_keys(monkeypatch):
    """The keys of every page the cache stores from now on."""
    keys = []
    store = caching.cache.set

    def counting_set(key, value, *args, **kwargs):
        if key.startswith("newsroom:page:"):
            keys.append(key)
        return store(key, value, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "set", counting_set)
    return keys


def test_a_script_name_from_the_client_cannot_replace_another_page(client):
    """gunicorn passes a SCRIPT_NAME request header on from trusted addresses; Django then routes the
    rest of the path. The home page made that way must not be what /video/ readers get."""
    make_article(headline="A story")
    poisoned = client.get("/", SCRIPT_NAME="/video")
    assert poisoned.status_code == 200
    assert poisoned.content != Client().get("/video/").content
    assert client.get("/video/").content == Client().get("/video/").content


def test_gunicorn_takes_no_script_name_or_path_from_request_headers():
    config = Config()
    config.set("forwarder_headers", runpy.run_path(settings.BASE_DIR / "gunicorn.conf.py")["forwarder_headers"])
    assert config.forwarder_headers == []


def test_a_response_that_sets_a_cookie_is_not_stored(stored_keys):
    """A junk CSRF cookie makes the CSRF middleware set a new one after the view; that page must not
    reach every reader with the same secret."""
    make_article()
    junk = Client()
    junk.cookies["csrftoken"] = "junk"
    assert "csrftoken" in junk.get("/").cookies
    assert stored_keys == []
    reader = Client().get("/")
    assert "csrftoken" not in reader.cookies
    assert "Set-Cookie" not in reader.headers


def test_a_junk_session_cookie_still_gets_the_cached_page(django_assert_max_num_queries):
    make_article(headline="Cached story")
    Client().get("/")
    junk = Client()
    junk.cookies["sessionid"] = secrets.token_hex(16)
    with django_assert_max_num_queries(1):
        response = junk.get("/")
    assert b"Cached story" in response.content
    assert "Set-Cookie" not in response.headers


def test_parameters_no_page_reads_share_one_entry(stored_keys):
    make_article()
    client = Client()
    for query in ["", "?utm_source=x", "?utm_source=y&fbclid=1", "?ref=home"]:
        assert client.get(f"/{query}").status_code == 200
    assert len(set(stored_keys)) == 1


def test_thousands_of_distinct_queries_and_cookies_store_one_page(stored_keys, django_assert_max_num_queries):
    """The bound: one entry per page and "Show More" cursor, whatever else is sent; and those who
    send it get the cached page. More requests than the 2,000 entries of a worker's memory cache
    (LOCMEM_CACHE_ENTRIES); the second key stored would already fail the test."""
    make_article(headline="Cached story", section=make_section())
    Client().get("/")
    client = Client()
    with django_assert_max_num_queries(0):
        for number in range(2_500):
            client.cookies["csrftoken"] = f"junk{number}"
            response = client.get(f"/?utm_source={number}&x{number}=1")
            assert response.status_code == 200
        assert b"Cached story" in response.content
    assert len(set(stored_keys)) == 1


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1", 200),
        ("127.0.0.1:443", 200),
        ("127.0.0.1:10000", 400),
        ("[::1]:10000", 400),
        ("[::1]", 200),
        ("localhost:8000", 200),
    ],
)
def test_a_host_with_a_port_the_site_is_not_served_on_is_a_400(client, settings, host, status):
    settings.NEWSROOM_HOST_PORTS = ["", "443", "8000"]
    make_article()
    assert client.get("/", HTTP_HOST=host).status_code == status


def test_production_serves_the_ports_it_binds_and_the_standard_ones(run_in_production):
    code = "from django.conf import settings; print(settings.NEWSROOM_HOST_PORTS)"
    assert run_in_production(code, BIND="0.0.0.0:8123").strip() == "['', '80', '443', '8123']"
