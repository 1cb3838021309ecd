"""Logins: Argon2 hashes, lockout after repeated failures, no hint whether a user exists,
and no redirect off the site after logging in."""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.contrib.auth.hashers import identify_hasher
from django.test import Client
from django.urls import reverse

from newsroom import settings as project_settings
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


def test_new_passwords_are_hashed_with_argon2(settings):
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = make_user("Editor")
    assert identify_hasher(user.password).algorithm == "argon2"


def attempt(client, username, password="wrong password", **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, **extra)


def test_unknown_and_known_users_get_the_same_answer():
    make_user("Editor", username="olena")
    known = attempt(Client(), "olena")
    unknown = attempt(Client(), "nobody-here")
    assert known.status_code == unknown.status_code == 200

    def answer(response):
        page = BeautifulSoup(response.content, "html.parser")
        return page.select_one(".errornote").get_text(" ", strip=True), page.title.get_text()

    assert answer(known) == answer(unknown)


def test_login_locks_out_an_address_after_repeated_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("Editor", username="olena")
    client = Client()
    for _ in range(2):
        assert attempt(client, "olena").status_code == 200
    locked = attempt(client, "olena")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password is refused from that address now…
    assert attempt(client, "olena", "correct horse battery").status_code == 429
    # …but not from another one.
    other = attempt(Client(), "olena", "correct horse battery", REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="127.0.0.1").exists()


def test_login_never_redirects_off_the_site():
    make_user("Editor", username="olena")
    response = Client().post(
        LOGIN, {"username": "olena", "password": "correct horse battery", "next": "https://evil.example/steal"}
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")
    assert response["Location"].startswith("/")


def test_forged_host_header_gets_400(client):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_a_user_name_longer_than_any_account_is_a_form_error():
    """Found by the property tests: a 300-character name reached django-axes, whose record of the
    attempt holds 255 characters, and PostgreSQL refused it (a 500)."""
    response = attempt(Client(), "0" * 300)
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()
