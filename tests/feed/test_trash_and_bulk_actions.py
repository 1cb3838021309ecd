"""The trash, bulk actions on the story list, the body's cleaning and the photo popup, in the admin."""

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feed.models import Article
from media.models import Photo
from tests.factories import (
    article_form_data,
    change_url,
    image_file,
    log_messages,
    make_article,
    make_credit,
    make_draft,
)

pytestmark = pytest.mark.django_db


def test_delete_moves_to_the_trash_and_an_editor_restores_it(editor_client, client):
    article = make_article()
    assert (
        editor_client.post(reverse("admin:feed_article_delete", args=[article.pk]), {"post": "yes"}).status_code == 302
    )
    assert Article.objects.filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404

    def listed(url):
        page = BeautifulSoup(editor_client.get(url).content, "html.parser")
        return article.headline in page.select_one("#changelist").get_text()

    assert not listed(reverse("admin:feed_article_changelist"))
    trash = reverse("admin:feed_articleintrash_changelist")
    assert listed(trash)
    response = editor_client.post(trash, {"action": "restore_selected", "_selected_action": [article.pk]})
    assert response.status_code == 302
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Restored from the trash." in log_messages(article)


def test_trash_keeps_stories_thirty_days(editor_client):
    recent, old = make_article(), make_article()
    Article.objects.filter(pk=recent.pk).update(deleted_at=timezone.now() - timedelta(days=29))
    Article.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    page = editor_client.get(reverse("admin:feed_articleintrash_changelist")).content.decode()
    assert recent.headline in page
    assert old.headline not in page
    out = io.StringIO()
    call_command("empty_trash", stdout=out)
    assert "Deleted 1 story" in out.getvalue()
    assert list(Article.objects.values_list("pk", flat=True)) == [recent.pk]


def test_bulk_publish_publishes_the_ready_and_says_why_not_for_the_rest(editor_client):
    ready, unready = make_draft(), make_draft(authors=[])
    response = editor_client.post(
        reverse("admin:feed_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, unready.pk]},
        follow=True,
    )
    ready.refresh_from_db()
    unready.refresh_from_db()
    assert ready.is_published and not unready.is_published
    text = response.content.decode()
    assert "was not published: Add at least one byline." in text
    assert "Published." in log_messages(ready)


def test_bulk_unpublish_is_logged(editor_client, client):
    article = make_article()
    editor_client.post(
        reverse("admin:feed_article_changelist"), {"action": "unpublish_selected", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "Unpublished." in log_messages(article)
    assert client.get(article.get_absolute_url()).status_code == 404


XSS_BODIES = [
    "<p>Hi</p><script>alert(1)</script>",
    '<p onclick="alert(1)">Click</p>',
    '<p><a href="javascript:alert(1)">link</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">link</a></p>',
    '<p style="background:url(javascript:alert(1))">Styled</p>',
    '<img src=x onerror="alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a></p>',
    "<style>body{display:none}</style><p>x</p>",
]


@pytest.mark.parametrize("body", XSS_BODIES)
def test_body_comes_out_clean_of_scripts_handlers_and_styles(editor_client, client, body):
    article = make_article()
    editor_client.post(change_url(article), article_form_data(article, body=body))
    article.refresh_from_db()
    stored = article.body.lower()
    for bad in ("<script", "onclick", "onerror", "javascript:", "style=", "<style", "<iframe", "<img", "<svg", "data:"):
        assert bad not in stored
    page = client.get(article.get_absolute_url()).content.decode().lower()
    assert "alert(1)" not in page


def test_article_form_has_the_rich_text_editor_and_an_add_photo_button(editor_client):
    soup = BeautifulSoup(editor_client.get(reverse("admin:feed_article_add")).content, "html.parser")
    assert soup.select_one("textarea[data-django-prose-editor-configurable]") is not None
    assert soup.select_one("#add_id_lead_photo") is not None
    buttons = {button["name"] for button in soup.select(".submit-row input[type=submit]")}
    assert {"_save_draft", "_publish", "_schedule"} <= buttons


def test_new_lead_photo_is_uploaded_from_the_article_form_popup(editor_client):
    response = editor_client.post(
        reverse("admin:media_photo_add") + "?_to_field=id&_popup=1",
        {
            "_popup": "1",
            "_to_field": "id",
            "image": image_file(),
            "alt_text": "Volunteers unload aid",
            "caption": "Volunteers in Izium",
            "credit": make_credit().pk,
            "focal_x": "0.5",
            "focal_y": "0.5",
            "crops-TOTAL_FORMS": "0",
            "crops-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    photo = Photo.objects.get(alt_text="Volunteers unload aid")
    assert "popup_response" in response.content.decode()
    assert str(photo.pk) in response.content.decode()


def test_admin_says_scheduled_and_view_on_site_previews_unpublished_stories(editor_client):
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
    page = BeautifulSoup(editor_client.get(change_url(scheduled)).content, "html.parser")
    assert "Scheduled" in page.select_one(".field-state").get_text()
    assert page.select_one("a.viewsitelink")["href"].endswith(reverse("feed:preview", args=[scheduled.pk]))
