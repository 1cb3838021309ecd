"""The desk: the admin's front page for the newsroom's roles, its lists and its one-click actions."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desk.models import EditingSession
from feed.models import Article
from tests.factories import make_article, make_author, make_draft, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def in_review(**kw):
    """A story ready to publish, submitted for review."""
    return make_ready_article(status=Article.Status.REVIEW, published_at=None, **kw)


def desk_page(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


def act(client, article, action):
    return client.post(reverse("desk:act", args=[article.pk, action]))


def test_the_admin_front_page_is_the_desk_for_an_editor(client):
    editor = make_user("Editor")
    waiting = in_review(headline="Waiting for an editor")
    soon = make_article(headline="Out tomorrow", published_at=timezone.now() + timedelta(days=1))
    live = make_article(headline="Out an hour ago", published_at=timezone.now() - timedelta(hours=1))
    old = make_article(headline="Out last week", published_at=timezone.now() - timedelta(days=7))
    mine = make_draft(headline="My own draft", created_by=editor)
    EditingSession.objects.create(
        user=make_user("Reporter", first_name="Olena", last_name="Shevchenko"),
        article=live,
        started_at=timezone.now(),
        last_seen=timezone.now(),
    )

    response = desk_page(client, editor)

    assert response.context["in_review"] == [waiting]
    assert response.context["scheduled"] == [soon]
    assert response.context["live"] == [live]
    assert response.context["my_drafts"] == [mine]
    assert [session.article for session in response.context["being_edited"]] == [live]
    assert old.headline not in response.text
    assert "Olena Shevchenko" in response.text
    assert reverse("desk:act", args=[waiting.pk, "publish"]) in response.text
    assert reverse("desk:quick_post") in response.text


def test_the_desk_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    editor = make_user("Editor")
    client.force_login(editor)

    def stories(count):
        for n in range(count):
            in_review()
            make_draft(created_by=editor)
            story = make_article(published_at=timezone.now() - timedelta(minutes=n + 1))
            make_article(published_at=timezone.now() + timedelta(hours=n + 1))
            make_ready_article(live_coverage=True)
            EditingSession.objects.create(
                user=make_user("Reporter"), article=story, started_at=timezone.now(), last_seen=timezone.now()
            )

    stories(1)
    # Expect 11 queries: the session, the user, the user's own and the groups' permissions, the user's
    # author profile (the admin's header), then one per list: live now, in review, scheduled, live, my
    # drafts and being edited now (the sessions with their users, stories and sections).
    with django_assert_max_num_queries(11) as few:
        client.get("/admin/")
    with_one = len(few.captured_queries)
    stories(8)
    with django_assert_max_num_queries(with_one):
        response = client.get("/admin/")
    assert len(response.context["in_review"]) == 9
    assert len(response.context["live_now"]) == 9


def test_being_edited_now_leaves_out_the_user_s_own_sessions(client):
    editor = make_user("Editor")
    story = make_ready_article()
    EditingSession.objects.create(user=editor, article=story, started_at=timezone.now(), last_seen=timezone.now())
    assert desk_page(client, editor).context["being_edited"] == []


def test_a_reporter_sees_only_their_own_drafts_and_may_submit_them(client):
    author = make_author()
    reporter = make_user("Reporter", author=author)
    own = make_draft(headline="My story", authors=[author])
    others = in_review(headline="Somebody else's story")

    response = desk_page(client, reporter)

    assert response.context["my_drafts"] == [own]
    assert others.headline not in response.text
    assert reverse("desk:act", args=[own.pk, "review"]) in response.text
    assert reverse("desk:act", args=[own.pk, "publish"]) not in response.text
    assert act(client, own, "review").status_code == 302
    own.refresh_from_db()
    assert own.status == Article.Status.REVIEW


def test_an_editor_publishes_from_the_desk_through_the_workflow(client):
    editor = make_user("Editor")
    story = in_review()
    client.force_login(editor)

    response = act(client, story, "publish")

    assert response.status_code == 302 and response.url == "/admin/"
    story.refresh_from_db()
    assert story.is_published
    assert "Published." in client.get("/admin/").text


def test_a_refused_action_says_why_and_changes_nothing(client):
    editor = make_user("Editor")
    story = make_article(status=Article.Status.REVIEW, published_at=None, headline="No photo yet")
    client.force_login(editor)

    response = act(client, story, "publish")

    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW
    page = client.get(response.url).text
    assert "Choose a lead photo." in page and "Add at least one byline." in page


def test_a_reporter_cannot_publish_from_the_desk(client):
    author = make_author()
    reporter = make_user("Reporter", author=author)
    own = make_draft(authors=[author])
    client.force_login(reporter)

    act(client, own, "publish")

    own.refresh_from_db()
    assert own.status == Article.Status.DRAFT
    assert "Your role cannot publish stories." in client.get("/admin/").text


def test_others_drafts_unknown_actions_and_get_requests_are_refused(client):
    reporter = make_user("Reporter")
    others = make_draft()
    client.force_login(reporter)

    assert act(client, others, "review").status_code == 404
    assert client.post(reverse("desk:act", args=[others.pk, "explode"])).status_code == 404
    assert client.get(reverse("desk:act", args=[others.pk, "review"])).status_code == 405
    others.refresh_from_db()
    assert others.status == Article.Status.DRAFT


def test_desk_actions_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Editor"))
    story = in_review()

    assert act(client, story, "publish").status_code == 403
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW


def test_a_superuser_gets_the_desk_and_a_link_to_the_stock_app_list(client):
    admin = User.objects.create_superuser("root", password="x")
    response = desk_page(client, admin)
    assert 'href="/admin/apps/"' in response.text
    client.force_login(admin)
    apps = client.get("/admin/apps/")
    assert apps.status_code == 200 and "app_list" in apps.context


def test_a_bio_manager_gets_the_admin_s_own_front_page(client):
    response = desk_page(client, make_user("Bio manager"))
    assert "app_list" in response.context
    assert "in_review" not in response.context


def test_the_desk_needs_a_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
