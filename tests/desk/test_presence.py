"""Presence: who else has a story's form open, kept by the form's heartbeat, on the form and the list."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desk.models import EditingSession
from tests.factories import make_draft, make_ready_article, make_user

pytestmark = pytest.mark.django_db


def heartbeat(client, article):
    return client.post(reverse("desk:presence", args=[article.pk]))


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_heartbeat_tells_each_editor_who_else_has_the_story_open():
    story = make_ready_article()
    olena = logged_in(make_user("Editor", first_name="Olena", last_name="Shevchenko"))
    ivan = logged_in(make_user("Editor", username="ivan"))

    assert heartbeat(olena, story).json() == {"editing": []}
    since = timezone.localtime(EditingSession.objects.get().started_at)
    assert heartbeat(ivan, story).json() == {"editing": [f"Olena Shevchenko has been editing since {since:%H:%M}"]}
    assert heartbeat(olena, story).json()["editing"][0].startswith("ivan has been editing since")


def test_the_change_form_and_the_list_show_who_is_editing(client):
    story = make_ready_article(headline="Bridge reopens")
    heartbeat(logged_in(make_user("Editor", first_name="Olena")), story)
    client.force_login(make_user("Editor"))

    form = client.get(reverse("admin:feed_article_change", args=[story.pk])).text
    listing = client.get(reverse("admin:feed_article_changelist")).text

    assert "Olena has been editing since" in form
    assert "Olena" in listing


def test_the_list_s_editing_column_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.force_login(make_user("Editor"))

    def stories_being_edited(count):
        for _ in range(count):
            heartbeat(logged_in(make_user("Editor")), make_ready_article())

    url = reverse("admin:feed_article_changelist")
    stories_being_edited(1)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    # Counted now: each request (the heartbeats below) empties the connection's log of queries.
    with_one = len(few.captured_queries)
    stories_being_edited(6)
    # The same queries with seven stories as with one: the sessions (with users) are one prefetch.
    with django_assert_max_num_queries(with_one):
        response = client.get(url)
    assert response.text.count("has been editing") == 0
    assert sum(len(article.active_editing_sessions) for article in response.context["cl"].result_list) == 7


def test_a_silent_session_counts_as_gone_and_starts_again(client):
    story = make_ready_article()
    olena = make_user("Editor", first_name="Olena")
    long_ago = timezone.now() - timedelta(minutes=5)
    EditingSession.objects.create(user=olena, article=story, started_at=long_ago, last_seen=long_ago)
    client.force_login(make_user("Editor"))

    assert heartbeat(client, story).json() == {"editing": []}
    assert "Olena has been editing" not in client.get(reverse("admin:feed_article_change", args=[story.pk])).text

    heartbeat(logged_in(olena), story)
    assert EditingSession.objects.get(user=olena).started_at > long_ago


def test_leaving_ends_the_session():
    story = make_ready_article()
    olena = logged_in(make_user("Editor", first_name="Olena"))
    heartbeat(olena, story)
    assert olena.post(reverse("desk:leave", args=[story.pk])).status_code == 200
    assert heartbeat(logged_in(make_user("Editor")), story).json() == {"editing": []}


def test_presence_is_404_for_stories_the_user_cannot_change(client):
    client.force_login(make_user("Reporter"))
    for story in (make_draft(), make_ready_article()):
        assert heartbeat(client, story).status_code == 404
        assert client.post(reverse("desk:leave", args=[story.pk])).status_code == 404
    assert client.post("/admin/desk/stories/999999/presence/").status_code == 404
    assert not EditingSession.objects.exists()


def test_presence_needs_the_csrf_token_and_a_post():
    story = make_ready_article()
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("Editor"))
    assert heartbeat(client, story).status_code == 403
    assert client.get(reverse("desk:presence", args=[story.pk])).status_code == 405
    assert not EditingSession.objects.exists()
