from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import media
from newsroom.environment import env_bool, env_int, env_list


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("yes", True), ("Off", False), ("0", False), ("", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG") is expected


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("COUNT", "ten")
    with pytest.raises(ImproperlyConfigured, match="COUNT"):
        env_int("COUNT", 1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " news.example, www.news.example ,")
    assert env_list("HOSTS", []) == ["news.example", "www.news.example"]


def test_servers_refuse_the_development_key_without_debug():
    from types import SimpleNamespace

    from newsroom.settings import DEVELOPMENT_SECRET_KEY, refuse_to_serve_without_a_key

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        refuse_to_serve_without_a_key(SimpleNamespace(SECRET_KEY=DEVELOPMENT_SECRET_KEY, DEBUG=False))
    refuse_to_serve_without_a_key(SimpleNamespace(SECRET_KEY=DEVELOPMENT_SECRET_KEY, DEBUG=True))
    refuse_to_serve_without_a_key(SimpleNamespace(SECRET_KEY="a-real-secret", DEBUG=False))


def media_root_is_the_media_app(production_settings):
    return Path(production_settings["MEDIA_ROOT"]).resolve() == Path(media.__file__).resolve().parent


def test_media_root_is_not_the_media_app(settings_for):
    """newsroom/settings.py's own MEDIA_ROOT, read in a fresh interpreter: every test here runs with
    MEDIA_ROOT in a temporary folder (tests/conftest.py)."""
    assert not media_root_is_the_media_app(settings_for(MEDIA_ROOT=None))


def test_media_root_check_finds_the_media_app(settings_for):
    assert media_root_is_the_media_app(settings_for(MEDIA_ROOT=str(Path(media.__file__).parent)))
