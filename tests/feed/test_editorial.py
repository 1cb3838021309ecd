"""The newsroom's daily workflow in the admin: publishing, checks, embargo, kill, corrections,
preview, revisions, conflicts, the trash and the history log."""

import io
from datetime import timedelta

import pytest
import reversion
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feed.models import Article, Correction
from media.models import Photo
from tests.factories import (
    article_form_data,
    change_url,
    form_errors,
    image_file,
    make_article,
    make_author,
    make_credit,
    make_draft,
    make_photo,
    make_ready_article,
    make_user,
    refusal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return make_user("Editor", first_name="Olena", last_name="Editor")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def schedule_data(article, at):
    """The form as posted by "Schedule" with the publication time set to `at`."""
    local = timezone.localtime(at)
    return article_form_data(
        article,
        _schedule="Schedule",
        published_at_0=local.strftime("%Y-%m-%d"),
        published_at_1=local.strftime("%H:%M:%S"),
    )


def log_messages(article):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(article.pk))]


def test_publish_now_puts_the_story_live_and_logs_it(editor_client, client):
    article = make_draft()
    response = editor_client.post(change_url(article), article_form_data(article, _publish="Publish now"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert timezone.now() - article.published_at < timedelta(minutes=1)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Published." in log_messages(article)


def test_reporter_submits_for_review_and_then_cannot_edit(client):
    author = make_author()
    reporter = make_user("Reporter", author=author)
    article = make_draft(authors=[author])
    client.force_login(reporter)
    response = client.post(change_url(article), article_form_data(article, _submit_review="Submit for review"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    response = client.post(change_url(article), article_form_data(article, headline="Changed after review"))
    assert response.status_code == 403


def test_new_story_saved_by_a_reporter_is_a_draft_credited_to_its_creator(client):
    reporter = make_user("Reporter")
    client.force_login(reporter)
    template = make_draft()
    data = article_form_data(template, headline="Fresh story", slug="fresh-story", _publish="Publish now")
    data |= {"bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0"}
    assert client.post(reverse("admin:feed_article_add"), data).status_code == 403
    data.pop("_publish")
    data["_save_draft"] = "Save draft"
    assert client.post(reverse("admin:feed_article_add"), data).status_code == 302
    story = Article.objects.get(slug="fresh-story")
    assert (story.status, story.created_by) == (Article.Status.DRAFT, reporter)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"summary": ""}, "Write a summary"),
        ({"lead_photo": ""}, "Choose a lead photo"),
        ({"bylines-0-DELETE": "on"}, "Add at least one byline."),
    ],
)
def test_a_refused_publish_keeps_the_text_as_a_draft_and_says_what_is_missing(editor_client, changes, message):
    article = make_draft(headline="Original")
    data = article_form_data(article, headline="Changed", _publish="Publish now", **changes)
    said = refusal(editor_client, article, data)
    assert "is saved as draft, but not published" in said
    assert message in said
    article.refresh_from_db()
    assert (article.status, article.headline) == (Article.Status.DRAFT, "Changed")


def test_a_refused_publish_of_a_new_story_keeps_it_as_a_draft(editor_client):
    template = make_draft()
    data = article_form_data(template, headline="Fresh story", slug="fresh-story", summary="", _publish="Publish now")
    data |= {"bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0"}
    response = editor_client.post(reverse("admin:feed_article_add"), data)
    story = Article.objects.get(slug="fresh-story")
    assert response["Location"] == change_url(story)
    assert story.status == Article.Status.DRAFT
    page = editor_client.get(response["Location"]).content.decode()
    assert "Write a summary." in page
    assert "Add at least one byline." in page


def test_alt_text_of_blank_spaces_stops_publishing(editor_client):
    article = make_draft(lead_photo=make_photo(alt_text="   "))
    assert "needs alt text" in refusal(editor_client, article, article_form_data(article, _publish="Publish now"))


def test_scheduled_story_appears_at_its_time_without_any_job(editor_client, client, monkeypatch):
    article = make_draft()
    when = timezone.now() + timedelta(hours=3)
    assert editor_client.post(change_url(article), schedule_data(article, when)).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get("/").content.decode()
    later = when + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.headline in client.get("/").content.decode()


def test_scheduling_needs_a_future_time(editor_client):
    article = make_draft()
    said = refusal(editor_client, article, article_form_data(article, _schedule="Schedule"))
    assert "give a publication time in the future" in said
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_embargo_blocks_publish_now_even_for_an_editor(editor_client):
    embargo = timezone.now() + timedelta(days=1)
    article = make_draft(embargo_until=embargo)
    assert "under embargo until" in refusal(editor_client, article, article_form_data(article, _publish="Publish now"))
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_embargo_allows_scheduling_at_or_after_it(editor_client):
    embargo = timezone.now() + timedelta(days=1)
    article = make_draft(embargo_until=embargo)

    assert "under embargo until" in refusal(
        editor_client, article, schedule_data(article, embargo - timedelta(hours=1))
    )
    article.refresh_from_db()
    assert (
        editor_client.post(change_url(article), schedule_data(article, embargo + timedelta(hours=1))).status_code == 302
    )
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_database_refuses_a_published_story_before_its_embargo():
    article = make_draft(embargo_until=timezone.now() + timedelta(days=1))
    article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()


def places_a_story_is_listed(client, article):
    """Every reader-facing list that could show the story: pages, feeds, sitemaps, search."""
    month = timezone.localtime(article.published_at).strftime("%Y-%m")
    urls = [
        "/",
        reverse("feed:section", args=[article.section.slug]),
        reverse("feed:site-rss"),
        reverse("feed:site-atom"),
        reverse("feed:partners-rss"),
        reverse("feed:sitemap", args=[f"articles-{month}"]),
        reverse("feed:sitemap-news"),
        reverse("feed:search") + "?q=Kherson",
    ]
    return [url for url in urls if article.get_absolute_url() in client.get(url).content.decode()]


def test_killed_story_answers_410_and_leaves_every_list(editor_client, client):
    article = make_article(headline="Ferry sinks off Kherson", authors=[make_author()], tags=["Kherson"])
    assert len(places_a_story_is_listed(client, article)) == 8
    url = reverse("admin:feed_article_kill", args=[article.pk])
    assert editor_client.post(url, {"notice": "Withdrawn for legal reasons."}).status_code == 302
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    assert "Withdrawn for legal reasons." in response.content.decode()
    assert places_a_story_is_listed(client, article) == []
    assert client.get(reverse("feed:tag", args=["kherson"])).status_code == 404
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert any(message.startswith("Killed") for message in log_messages(article))


def test_kill_needs_a_notice(editor_client):
    article = make_article()
    response = editor_client.post(reverse("admin:feed_article_kill", args=[article.pk]), {"notice": ""})
    assert response.status_code == 200
    article.refresh_from_db()
    assert not article.is_killed


def test_preview_shows_a_draft_with_a_banner_to_staff_only(editor_client, client):
    article = make_draft(headline="Not yet out")
    url = reverse("feed:preview", args=[article.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Preview" in soup.select_one(".preview-banner").get_text()
    assert soup.h1.get_text() == "Not yet out"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"]
    assert client.get(url).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404


def test_correction_is_appended_shown_and_listed(editor_client, client):
    article = make_ready_article(published_at=timezone.now() - timedelta(days=1))
    data = article_form_data(article)
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-text": "An earlier version gave the wrong district.",
    }
    assert editor_client.post(change_url(article), data).status_code == 302
    note = Correction.objects.get(article=article)
    assert note.created_by.username.startswith("editor")
    article.refresh_from_db()
    assert article.updated_at is not None
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert "wrong district" in page.select_one(".story__corrections").get_text()
    listing = BeautifulSoup(client.get(reverse("feed:corrections")).content, "html.parser")
    assert listing.select_one(f"#correction-{note.pk} a")["href"] == note.get_absolute_url()


def test_corrections_cannot_be_edited_away(editor_client):
    article = make_article()
    note = Correction.objects.create(article=article, text="The original note.")
    data = article_form_data(article)
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-INITIAL_FORMS": "1",
        "corrections-0-id": note.pk,
        "corrections-0-article": article.pk,
        "corrections-0-text": "Rewritten.",
        "corrections-0-DELETE": "on",
    }
    editor_client.post(change_url(article), data)
    note.refresh_from_db()
    assert note.text == "The original note."


def test_corrections_page_leaves_out_unpublished_stories(client):
    hidden = make_draft()
    Correction.objects.create(article=hidden, text="Note on a draft.")
    Correction.objects.create(article=make_article(), text="Note on a live story.")
    page = client.get(reverse("feed:corrections")).content.decode()
    assert "Note on a live story." in page
    assert "Note on a draft." not in page


def test_revisions_list_diff_and_restore(editor_client, client):
    article = make_ready_article(headline="First headline")
    editor_client.post(change_url(article), article_form_data(article, headline="Second headline"))
    article.refresh_from_db()
    editor_client.post(
        change_url(article),
        article_form_data(article, headline="Third headline", body="<p>A new first paragraph.</p>"),
    )
    article.refresh_from_db()
    history = BeautifulSoup(
        editor_client.get(reverse("admin:feed_article_history", args=[article.pk])).content, "html.parser"
    )
    links = [a["href"] for a in history.select("#revisions a")]
    assert len(links) == 2
    first_revision = links[-1]
    diff = BeautifulSoup(editor_client.get(first_revision).content, "html.parser")
    assert "Second headline" in diff.select_one("table del").get_text()
    assert "Third headline" in diff.select_one("table ins").get_text()
    assert "A new first paragraph." in " ".join(node.get_text() for node in diff.select(".body-diff ins"))
    assert editor_client.post(first_revision).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Second headline"
    assert "A new first paragraph." not in article.body
    assert article.status == Article.Status.PUBLISHED
    assert any(message.startswith("Restored the revision") for message in log_messages(article))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_restoring_a_revision_does_not_bring_a_killed_story_back(editor_client, client):
    article = make_article(authors=[make_author()])
    editor_client.post(change_url(article), article_form_data(article, headline="Live version"))
    editor_client.post(reverse("admin:feed_article_kill", args=[article.pk]), {"notice": "Withdrawn."})
    history = BeautifulSoup(
        editor_client.get(reverse("admin:feed_article_history", args=[article.pk])).content, "html.parser"
    )
    editor_client.post(history.select("#revisions a")[-1]["href"])
    article.refresh_from_db()
    assert article.is_killed
    assert client.get(article.get_absolute_url()).status_code == 410


def test_second_editor_is_stopped_with_who_and_what_and_keeps_their_input(editor, editor_client):
    with reversion.create_revision():  # as the admin's add form does
        article = make_ready_article(headline="Shelling in Kharkiv")
    other = Client()
    other.force_login(make_user("Editor", username="taras"))
    # Both open the form at the same version.
    mine = article_form_data(article, headline="Shelling in Kharkiv: three hurt")
    theirs = article_form_data(article, summary="Their new summary.", headline="Shelling in Kharkiv overnight")
    assert editor_client.post(change_url(article), mine).status_code == 302
    response = other.post(change_url(article), theirs)
    assert response.status_code == 200
    errors = form_errors(response)
    assert "Olena Editor saved this story" in errors
    assert "headline" in errors
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_headline")["value"] == "Shelling in Kharkiv overnight"
    assert soup.select_one("#id_summary").get_text().strip() == "Their new summary."
    article.refresh_from_db()
    assert article.headline == "Shelling in Kharkiv: three hurt"
    # Saving again, deliberately, replaces the first editor's version.
    theirs["known_version"] = soup.select_one("#id_known_version")["value"]
    assert other.post(change_url(article), theirs).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Shelling in Kharkiv overnight"


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
