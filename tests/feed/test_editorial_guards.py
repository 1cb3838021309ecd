"""Crafted requests against the editorial admin (found in review): each is refused cleanly."""

from datetime import timedelta

import pytest
import reversion
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from feed.models import Article, Byline
from tests.factories import (
    article_form_data,
    change_url,
    form_errors,
    make_author,
    make_draft,
    make_ready_article,
    make_user,
    refusal,
)

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reporter():
    author = make_author()
    return make_user("Reporter", author=author), author


def test_reporter_cannot_link_to_someone_elses_draft_by_posting_its_id(reporter):
    user, author = reporter
    mine, secret = make_draft(authors=[author]), make_draft(headline="Secret merger")
    data = article_form_data(mine, _save_draft="Save draft")
    data |= {"related_links-TOTAL_FORMS": "1", "related_links-0-target": secret.pk, "related_links-0-position": "0"}
    response = logged_in(user).post(change_url(mine), data)
    assert response.status_code == 200
    assert not mine.related_links.exists()
    assert "Secret merger" not in response.content.decode()


def test_admin_view_on_site_redirect_does_not_reveal_others_drafts(reporter, editor_client):
    user, _ = reporter
    secret = make_draft(headline="Secret merger", slug="secret-merger")
    url = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Article).pk, secret.pk])
    assert logged_in(user).get(url).status_code == 404
    assert editor_client.get(url).status_code == 302
    assert logged_in(user).get(url.replace(f"/{secret.pk}/", "/not-a-number/")).status_code == 404


def test_reporters_tag_filter_offers_no_tag_of_others_drafts(reporter):
    user, _ = reporter
    make_draft(tags=["secret-merger-tag"])
    page = logged_in(user).get(reverse("admin:feed_article_changelist")).content.decode()
    assert "secret-merger-tag" not in page


def test_bio_manager_cannot_relink_a_profile_to_another_user():
    manager = make_user("Bio manager")
    author = make_author(name="Oksana Other")
    url = reverse("admin:authors_author_change", args=[author.pk])
    data = {"name": author.name, "slug": author.slug, "role": "", "short_bio": "", "bio": "", "is_active": "on"}
    logged_in(manager).post(url, data | {"user": manager.pk})
    author.refresh_from_db()
    assert author.user_id is None


def test_reporter_sees_no_revisions_of_others_published_stories(reporter, editor_client):
    user, _ = reporter
    with reversion.create_revision():
        story = make_ready_article(body="<p>Confidential source name: Ivan.</p>")
    editor_client.post(change_url(story), article_form_data(story, body="<p>Cut.</p>"))
    client = logged_in(user)
    assert client.get(reverse("admin:feed_article_history", args=[story.pk])).status_code == 403
    version = Version.objects.get_for_object(story).last()
    response = client.get(reverse("admin:feed_article_revision", args=[story.pk, version.pk]))
    assert response.status_code == 404


def test_plain_save_of_a_live_story_refuses_an_embargo_after_its_time(editor_client):
    story = make_ready_article()
    tomorrow = timezone.localtime(timezone.now() + timedelta(days=1))
    data = article_form_data(
        story, embargo_until_0=tomorrow.strftime("%Y-%m-%d"), embargo_until_1=tomorrow.strftime("%H:%M:%S")
    )
    response = editor_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "under embargo until" in form_errors(response)


def test_plain_save_of_a_live_story_keeps_its_last_byline(editor_client):
    story = make_ready_article()
    response = editor_client.post(change_url(story), article_form_data(story, **{"bylines-0-DELETE": "on"}))
    assert "Add at least one byline" in form_errors(response)
    assert story.bylines.count() == 1


def test_a_killed_story_cannot_be_published_again_and_a_live_one_not_twice(editor_client):
    killed = make_ready_article(status=Article.Status.KILLED, killed_at=timezone.now(), kill_notice="Legal.")
    assert "cannot be published again" in refusal(editor_client, killed, article_form_data(killed, _publish="Publish"))
    killed.refresh_from_db()
    assert killed.is_killed
    live = make_ready_article(published_at=timezone.now() - timedelta(days=30))
    assert "already published" in refusal(editor_client, live, article_form_data(live, _publish="Publish now"))
    assert Article.objects.get(pk=live.pk).published_at == live.published_at


def test_only_published_stories_can_be_killed(editor_client):
    story = make_draft()
    response = editor_client.post(reverse("admin:feed_article_kill", args=[story.pk]), {"notice": "x"})
    assert response.status_code == 404
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT


def test_restoring_a_revision_whose_author_is_gone_says_so(editor_client):
    gone = make_author(name="Gone Author")
    with reversion.create_revision():
        story = make_ready_article(authors=[gone])
    Byline.objects.filter(author=gone).update(author=make_author())
    gone.delete()
    version = Version.objects.get_for_object(story).get()
    url = reverse("admin:feed_article_revision", args=[story.pk, version.pk])
    response = editor_client.post(url, follow=True)
    assert response.status_code == 200
    assert "cannot be restored" in BeautifulSoup(response.content, "html.parser").get_text()


def test_a_form_without_its_version_is_refused(editor_client):
    story = make_ready_article(headline="Original")
    data = article_form_data(story, headline="Changed")
    del data["known_version"]
    response = editor_client.post(change_url(story), data)
    assert "reload the page" in form_errors(response)
    assert Article.objects.get(pk=story.pk).headline == "Original"
