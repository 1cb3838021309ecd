"""Renaming a published story's slug leaves a 301 from every address it had, so that links in feeds,
sitemaps and shares keep working; drafts and stories not yet live leave nothing behind."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feed import workflow
from feed.models import Article, Redirect
from tests.factories import article_form_data, change_url, make_article, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def rename(article, slug):
    story = Article.objects.get(pk=article.pk)
    story.slug = slug
    workflow.save_changes(article=story, user=make_user("Editor"))
    return story


def test_every_former_address_of_a_live_story_answers_301_to_the_current_one(client):
    story = make_ready_article(slug="first-address")
    rename(story, "second-address")
    rename(story, "third-address")
    for old in ["first-address", "second-address"]:
        response = client.get(f"/news/{old}/")
        assert response.status_code == 301, old
        assert response["Location"] == "/news/third-address/"
    assert client.get("/news/third-address/").status_code == 200


def test_renaming_back_gives_the_address_back_to_the_story(client):
    story = make_ready_article(slug="first-address")
    rename(story, "second-address")
    rename(story, "first-address")
    assert client.get("/news/first-address/").status_code == 200
    assert client.get("/news/second-address/")["Location"] == "/news/first-address/"
    assert not Redirect.objects.filter(old_path="/news/first-address/").exists()


def test_a_former_address_taken_by_a_new_story_is_the_new_storys(client):
    story = make_ready_article(slug="shared-address")
    rename(story, "renamed")
    newcomer = make_ready_article(slug="shared-address", headline="The newcomer")
    assert client.get("/news/shared-address/").status_code == 200
    assert b"The newcomer" in client.get(newcomer.get_absolute_url()).content


def test_a_renamed_draft_or_scheduled_story_leaves_no_address_behind(client):
    draft = make_article(slug="draft-address", status="draft", published_at=None)
    rename(draft, "draft-renamed")
    scheduled = make_ready_article(slug="scheduled-address", published_at=timezone.now() + timedelta(hours=2))
    rename(scheduled, "scheduled-renamed")
    assert not Redirect.objects.filter(old_path="/news/draft-address/").exists()
    assert client.get("/news/draft-address/").status_code == 404
    # Recorded (the story is published, only not yet live), but it says nothing until the story is live.
    assert client.get("/news/scheduled-address/").status_code == 404


def test_the_old_address_of_a_killed_story_leads_to_its_410(client):
    story = make_ready_article(slug="old-address")
    rename(story, "new-address")
    workflow.kill(article=Article.objects.get(pk=story.pk), user=make_user("Editor"), notice="Withdrawn.")
    response = client.get("/news/old-address/", follow=True)
    assert response.redirect_chain == [("/news/new-address/", 301)]
    assert response.status_code == 410


def test_a_rename_in_the_admin_form_keeps_the_old_address(client):
    story = make_ready_article(slug="as-published")
    editor = make_user("Editor")
    client.force_login(editor)
    response = client.post(change_url(story), article_form_data(story, slug="as-corrected", _continue="Save"))
    assert response.status_code == 302
    client.logout()
    assert client.get("/news/as-published/")["Location"] == "/news/as-corrected/"
