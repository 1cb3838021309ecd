"""The newsroom's daily workflow in the admin: publishing, checks, embargo, kill, corrections,
preview, revisions, conflicts and the history log."""

from datetime import timedelta

import pytest
import reversion
from bs4 import BeautifulSoup
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feed.models import Article, Correction
from tests.factories import (
    article_form_data,
    change_url,
    form_errors,
    log_messages,
    make_article,
    make_author,
    make_draft,
    make_photo,
    make_ready_article,
    make_user,
    refusal,
)

pytestmark = pytest.mark.django_db


def schedule_data(article, at):
    """The form as posted by "Schedule" with the publication time set to `at`."""
    local = timezone.localtime(at)
    return article_form_data(
        article,
        _schedule="Schedule",
        published_at_0=local.strftime("%Y-%m-%d"),
        published_at_1=local.strftime("%H:%M:%S"),
    )


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


def test_overlapping_saves_wait_for_a_choice_and_keep_what_was_typed(editor, editor_client):
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
    assert "Olena Editor saved this story" in form_errors(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert [radio["value"] for radio in soup.select("input[name=merge-headline]")] == ["mine", "theirs"]
    assert soup.select_one("#id_headline")["value"] == "Shelling in Kharkiv overnight"
    assert soup.select_one("#id_summary").get_text().strip() == "Their new summary."
    article.refresh_from_db()
    assert article.headline == "Shelling in Kharkiv: three hurt"
    # Choosing goes through: the chosen headline, and the summary nobody else touched.
    against = soup.select_one("input[name=merge_against]")["value"]
    response = other.post(change_url(article), theirs | {"merge_against": against, "merge-headline": "mine"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Shelling in Kharkiv overnight"
    assert article.summary == "Their new summary."


def test_saves_of_different_fields_and_paragraphs_merge_and_say_so(editor, editor_client):
    with reversion.create_revision():
        article = make_ready_article(headline="Fire", body="<p>One.</p><p>Two.</p><p>Three.</p>", tags=["Lviv"])
    other = Client()
    other.force_login(make_user("Editor", username="taras"))
    first = article_form_data(article, headline="Fire in Lviv", body="<p>One, first.</p><p>Two.</p><p>Three.</p>")
    second = article_form_data(
        article, summary="Second's summary.", body="<p>One.</p><p>Two.</p><p>Three, second.</p>", tags="Fire"
    )
    assert editor_client.post(change_url(article), first | {"tags": "Lviv, Kyiv"}).status_code == 302
    response = other.post(change_url(article), second, follow=True)
    article.refresh_from_db()
    assert article.headline == "Fire in Lviv"
    assert article.summary == "Second's summary."
    assert article.body == "<p>One, first.</p><p>Two.</p><p>Three, second.</p>"
    assert sorted(article.tags.names()) == ["Fire", "Kyiv"]  # Lviv removed by the second, Kyiv added by the first
    note = " ".join(str(message) for message in response.context["messages"])
    assert "Merged with Olena Editor’s save at" in note
    assert "Headline (theirs)" in note and "paragraph 1 (theirs)" in note


def test_a_save_without_a_kept_base_version_is_stopped_as_before(editor_client):
    article = make_ready_article(headline="Old")  # saved outside the admin: no revision
    data = article_form_data(article, headline="Mine")
    Article.objects.filter(pk=article.pk).update(headline="Theirs", version=article.version + 1)
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "saved this story" in form_errors(response)
