import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import env_bool, env_int, env_list


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


def test_media_root_is_not_the_media_app(settings):
    from django.conf import settings as live

    assert live.MEDIA_ROOT != live.BASE_DIR / "media"
