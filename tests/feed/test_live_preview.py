"""The live preview: the public article template rendered from the form's unsaved text, kept in the
editor's session and never in the story; only for those who may edit the story."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_author, make_draft, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def live(article):
    return reverse("feed:live-preview", args=[article.pk])


def typed(article, **changes):
    fields = {
        "headline": article.headline,
        "summary": article.summary,
        "body": article.body,
        "lead_photo_caption": article.lead_photo_caption,
    }
    return fields | changes


def test_the_preview_shows_the_unsaved_text_and_the_story_stays_as_saved(editor_client):
    article = make_ready_article(headline="Bridge reopens", body="<p>Saved text.</p>")
    response = editor_client.post(live(article), typed(article, headline="Bridge reopens at dawn", body="<p>New.</p>"))
    assert response.status_code == 200
    page = editor_client.get(live(article))
    html = page.content.decode()
    assert "Bridge reopens at dawn" in html and "<p>New.</p>" in html
    assert "Live preview" in html and "live_preview_follow.js" in html
    assert page["Cache-Control"].startswith("max-age=0")
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Bridge reopens", "<p>Saved text.</p>")
    # Readers see the saved story, and no live preview script.
    reader_page = Client().get(article.get_absolute_url()).content.decode()
    assert "Bridge reopens at dawn" not in reader_page and "live_preview_follow.js" not in reader_page


def test_before_any_typing_it_shows_the_saved_story(editor_client):
    article = make_ready_article(headline="Bridge reopens")
    assert "Bridge reopens" in editor_client.get(live(article)).content.decode()


def test_the_unsaved_body_is_cleaned_as_a_save_would(editor_client):
    article = make_ready_article()
    editor_client.post(live(article), typed(article, body="<p>Hi<script>alert(1)</script></p><img src=x onerror=y>"))
    html = editor_client.get(live(article)).content.decode()
    assert "alert(1)" not in html and "onerror" not in html


@pytest.mark.parametrize(
    "changes",
    [{"headline": ""}, {"headline": "x" * 201}, {"body": "x" * 200_001}, {"lead_photo_caption": "x" * 301}],
)
def test_bad_input_is_a_400_and_keeps_the_last_good_text(editor_client, changes):
    article = make_ready_article(headline="Bridge reopens")
    editor_client.post(live(article), typed(article, headline="Good text"))
    response = editor_client.post(live(article), typed(article, **changes))
    assert response.status_code == 400
    assert "Good text" in editor_client.get(live(article)).content.decode()


def test_only_those_who_may_edit_the_story_get_it(client):
    author = make_author()
    reporter = make_user("Reporter", author=author)
    own_draft, other_draft = make_draft(authors=[author]), make_draft()
    reporter_client = Client()
    reporter_client.force_login(reporter)
    assert reporter_client.get(live(own_draft)).status_code == 200
    assert reporter_client.get(live(other_draft)).status_code == 404
    assert reporter_client.post(live(other_draft), typed(other_draft)).status_code == 404
    assert client.get(live(own_draft)).status_code == 404
    assert client.post(live(own_draft), typed(own_draft)).status_code in (403, 404)
    assert reporter_client.get(reverse("feed:live-preview", args=[999999])).status_code == 404
