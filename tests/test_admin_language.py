"""The admin in its user's language (newsroom.middleware.AdminLanguageMiddleware): the one chosen in its
header, else the browser's, else English; and never leaking into reader pages."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("Editor"))
    return client


def heading(response):
    return BeautifulSoup(response.content, "html.parser").select_one("#content h1").get_text(strip=True)


def chosen(response):
    return BeautifulSoup(response.content, "html.parser").select_one("#admin-language option[selected]")["value"]


def test_without_a_choice_the_admin_is_in_english(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert heading(response) == "Desk"
    assert "Log out" in response.text
    assert chosen(response) == "en"


def test_the_browser_s_language_is_the_admin_s_until_the_user_chooses(editor_client):
    response = editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="uk,en;q=0.5")
    assert heading(response) == "Редакція"
    assert "Вийти" in response.text  # Django's own admin, in its own Ukrainian
    assert response["Content-Language"] == "uk"
    assert "Accept-Language" in response["Vary"]
    assert chosen(response) == "uk"


def test_the_choice_in_the_header_is_kept_and_outranks_the_browser(editor_client):
    response = editor_client.post(reverse("admin_language"), {"language": "uk", "next": reverse("admin:index")})
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"
    assert heading(editor_client.get(reverse("admin:index"))) == "Редакція"
    page = editor_client.get(reverse("admin:feed_article_changelist"))
    assert "Відфільтрувати" in page.text  # Django's changelist, in Django's Ukrainian

    editor_client.post(reverse("admin_language"), {"language": "en", "next": reverse("admin:index")})
    assert heading(editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="uk")) == "Desk"


def test_a_language_the_site_does_not_have_leaves_the_admin_in_english(editor_client):
    editor_client.post(reverse("admin_language"), {"language": "fr", "next": reverse("admin:index")})
    assert heading(editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="fr")) == "Desk"


def test_the_admin_s_language_does_not_reach_reader_pages(editor_client, client):
    make_article()
    editor_client.post(reverse("admin_language"), {"language": "uk", "next": reverse("admin:index")})
    editor_client.get(reverse("admin:index"))
    page = BeautifulSoup(editor_client.get("/").content, "html.parser")
    assert page.select_one("h1").get_text(strip=True) == "News Feed"
    assert page.select_one(".skip-link").get_text(strip=True) == "Skip to content"
