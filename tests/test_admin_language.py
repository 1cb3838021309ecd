"""The admin in its user's language (newsroom.middleware.AdminLanguageMiddleware): the one chosen in its
header, else the browser's, else English; and never leaking into reader pages."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from tests.factories import make_article, make_draft, make_user

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


# Our own admin text: the story form's labels, help texts, fieldsets and buttons, the list's filter and
# actions, and the editorial services' messages, in Ukrainian when the admin is (locale/uk/…/django.po).


def story_form(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {
        "headline": page.select_one("label[for=id_headline]").get_text(strip=True),
        "summary": page.select_one("label[for=id_summary]").get_text(strip=True),
        "summary help": page.select_one("#id_summary_helptext").get_text(strip=True),
        "fieldsets": [heading.get_text(strip=True) for heading in page.select("fieldset h2, fieldset legend")],
        "buttons": [button["value"] for button in page.select(".submit-row input[type=submit]")],
    }


def test_the_story_form_s_own_labels_follow_the_admin_s_language(editor_client):
    address = reverse("admin:feed_article_add")
    english = story_form(editor_client.get(address))
    assert english["headline"] == "Headline:"
    assert english["summary help"].startswith("One or two sentences for the feed")
    assert "Lead photo" in english["fieldsets"] and "Publishing" in english["fieldsets"]
    assert {"Save draft", "Publish now"} <= set(english["buttons"])

    ukrainian = story_form(editor_client.get(address, HTTP_ACCEPT_LANGUAGE="uk"))
    assert ukrainian["headline"] == "Заголовок:"
    assert ukrainian["summary"] == "Лід:"
    assert ukrainian["summary help"].startswith("Одне-два речення для стрічки")
    assert "Головне фото" in ukrainian["fieldsets"] and "Публікація" in ukrainian["fieldsets"]
    assert {"Зберегти чернетку", "Опублікувати зараз"} <= set(ukrainian["buttons"])


def test_the_story_list_s_filter_and_actions_follow_the_admin_s_language(editor_client):
    make_article()
    address = reverse("admin:feed_article_changelist")

    def filters_and_actions(response):
        page = BeautifulSoup(response.content, "html.parser")
        filters = {link.get_text(strip=True) for link in page.select("#changelist-filter a")}
        actions = {option.get_text(strip=True) for option in page.select("select[name=action] option")}
        return filters, actions

    filters, actions = filters_and_actions(editor_client.get(address))
    assert {"Scheduled", "Live"} <= filters
    assert "Publish the selected stories now" in actions

    filters, actions = filters_and_actions(editor_client.get(address, HTTP_ACCEPT_LANGUAGE="uk"))
    assert {"Заплановано", "На сайті"} <= filters
    assert {"Опублікувати вибрані матеріали зараз", "Перемістити вибрані матеріали в кошик"} <= actions


def test_a_refusal_of_the_editorial_services_is_said_in_the_admin_s_language(editor_client):
    unready = make_draft(authors=[])
    response = editor_client.post(
        reverse("admin:feed_article_changelist"),
        {"action": "publish_selected", "_selected_action": [unready.pk]},
        HTTP_ACCEPT_LANGUAGE="uk",
        follow=True,
    )
    assert f"«{unready}» не опубліковано: " in response.text
    assert "Додайте принаймні одного автора." in response.text
