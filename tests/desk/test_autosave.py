"""Autosave: the article form's text kept as the user's private working copy, offered back on reopening."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desk.models import WorkingCopy
from feed.models import Article
from tests.factories import article_form_data, make_author, make_draft, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def autosave(client, article, **fields):
    data = {"known_version": article.version} | fields
    return client.post(reverse("desk:autosave", args=[article.pk]), data)


def change_url(article, query=""):
    return reverse("admin:feed_article_change", args=[article.pk]) + query


def test_typed_text_is_kept_without_touching_the_story(client):
    editor = make_user("Editor")
    story = make_ready_article(headline="Saved headline")
    before = Article.objects.values().get(pk=story.pk)
    client.force_login(editor)

    response = autosave(client, story, headline="Typed headline", body="<p>Typed mid-sent</p>")

    assert response.status_code == 200 and response.json()["kept"] is True
    copy = WorkingCopy.objects.get(user=editor, article=story)
    assert copy.fields == {"headline": "Typed headline", "body": "<p>Typed mid-sent</p>"}
    assert copy.base_version == story.version
    assert Article.objects.values().get(pk=story.pk) == before


def test_text_matching_the_saved_story_keeps_no_copy(client):
    editor = make_user("Editor")
    story = make_ready_article()
    client.force_login(editor)
    autosave(client, story, headline="Changed")
    response = autosave(client, story, headline=story.headline, body=story.body)
    assert response.json()["kept"] is False
    assert not WorkingCopy.objects.exists()


def test_reopening_offers_the_restore_with_a_diff_and_restores_exactly_the_text(client):
    editor = make_user("Editor")
    story = make_ready_article(body="<p>First paragraph.</p><p>Second paragraph.</p>")
    client.force_login(editor)
    typed = "<p>First paragraph.</p><p>Second paragraph, rewritten with “quotes” &amp; an unfinished sen</p>"
    autosave(client, story, headline="A sharper headline", body=typed)
    saved_at = timezone.localtime(WorkingCopy.objects.get().saved_at)

    page = client.get(change_url(story))

    assert f"Restore your unsaved changes from {saved_at:%H:%M}" in page.text
    diff = dict(page.context["working_copy_diff"])
    assert diff["Headline"] == [("removed", story.headline), ("added", "A sharper headline")]
    assert diff["Body"] == [
        ("removed", "Second paragraph."),
        ("added", "Second paragraph, rewritten with “quotes” & an unfinished sen"),
    ]

    restored = client.get(change_url(story, "?restore=1"))

    form = restored.context["adminform"].form
    assert form["headline"].value() == "A sharper headline"
    assert form["body"].value() == typed
    assert "Your unsaved changes are back in the form." in restored.text
    story.refresh_from_db()
    assert story.headline != "A sharper headline"


def test_a_change_of_formatting_alone_is_named_in_the_diff(client):
    client.force_login(make_user("Editor"))
    story = make_ready_article(body="<p>The bridge reopened.</p>")
    autosave(client, story, body="<p>The <strong>bridge</strong> reopened.</p>")
    page = client.get(change_url(story))
    assert page.context["working_copy_diff"] == [("Body", [("added", "Changes to formatting or links only")])]


def test_a_restore_typed_against_an_older_version_still_warns_of_the_colleague_s_save(client):
    editor = make_user("Editor")
    story = make_ready_article()
    client.force_login(editor)
    autosave(client, story, headline="Mine")
    story.summary = "A colleague's summary."
    story.save()

    form = client.get(change_url(story, "?restore=1")).context["adminform"].form

    assert form["known_version"].value() == story.version - 1


def test_saving_the_story_deletes_the_working_copy(client):
    editor = make_user("Editor")
    story = make_ready_article()
    client.force_login(editor)
    autosave(client, story, headline="Typed")
    response = client.post(change_url(story), article_form_data(story, headline="Typed"))
    assert response.status_code == 302
    assert not WorkingCopy.objects.exists()


def test_discard_forgets_the_copy(client):
    editor = make_user("Editor")
    story = make_ready_article()
    client.force_login(editor)
    autosave(client, story, headline="Typed")
    response = client.post(reverse("desk:discard", args=[story.pk]))
    assert response.status_code == 302
    assert not WorkingCopy.objects.exists()
    assert "Restore your unsaved changes" not in client.get(change_url(story)).text


def test_a_working_copy_is_private_to_its_user(client):
    story = make_ready_article()
    client.force_login(make_user("Editor"))
    autosave(client, story, headline="Mine, not yours")
    client.force_login(make_user("Editor"))
    page = client.get(change_url(story))
    assert "Restore your unsaved changes" not in page.text
    assert page.context["adminform"].form["headline"].value() == story.headline
    assert client.get(change_url(story, "?restore=1")).context["adminform"].form["headline"].value() == story.headline


@pytest.mark.parametrize(
    "story",
    [
        "somebody else's draft",
        "a published story",
        "a story in the trash",
        "no such story",
    ],
)
def test_stories_a_reporter_cannot_change_are_404(client, story):
    reporter = make_user("Reporter")
    article = {
        "somebody else's draft": lambda: make_draft(),
        "a published story": lambda: make_ready_article(),
        "a story in the trash": lambda: make_draft(created_by=reporter, deleted_at=timezone.now() - timedelta(hours=1)),
        "no such story": lambda: Article(pk=999_999, version=1),
    }[story]()
    client.force_login(reporter)
    assert autosave(client, article, headline="x").status_code == 404
    assert not WorkingCopy.objects.exists()


def test_a_reporter_may_autosave_their_own_draft(client):
    author = make_author()
    reporter = make_user("Reporter", author=author)
    story = make_draft(authors=[author])
    client.force_login(reporter)
    assert autosave(client, story, summary="Typed").json()["kept"] is True


@pytest.mark.parametrize(
    "data",
    [
        {"headline": "x" * 201, "known_version": 1},
        {"headline": "ok"},
        {"headline": "ok", "known_version": "abc"},
        {"headline": "ok", "known_version": "0"},
        {"body": "x" * 200_001, "known_version": 1},
    ],
)
def test_bad_input_is_a_400_and_keeps_nothing(client, data):
    story = make_ready_article()
    client.force_login(make_user("Editor"))
    response = client.post(reverse("desk:autosave", args=[story.pk]), data)
    assert response.status_code == 400
    assert not WorkingCopy.objects.exists()


def test_autosave_needs_the_csrf_token_a_login_and_a_post():
    story = make_ready_article()
    response = autosave(Client(), story, headline="x")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Editor"))
    assert autosave(client, story, headline="x").status_code == 403
    assert client.get(reverse("desk:autosave", args=[story.pk])).status_code == 405
    assert not WorkingCopy.objects.exists()


def test_the_script_runs_on_forms_the_user_may_change_and_only_there(client):
    author = make_author()
    reporter = make_user("Reporter", author=author)
    own = make_draft(authors=[author])
    published = make_ready_article()
    client.force_login(reporter)

    editable = client.get(change_url(own)).text
    read_only = client.get(change_url(published)).text

    assert "desk/autosave.js" in editable and 'id="desk-editing"' in editable
    assert reverse("desk:autosave", args=[own.pk]) in editable
    assert 'id="desk-editing"' not in read_only
    assert "desk/autosave.js" not in client.get("/").text
