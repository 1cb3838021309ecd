"""The write side: tokens, roles, versions and Idempotency-Key."""

import json
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from api.models import ApiToken, IdempotentRequest
from feed.models import Article
from tests.api.conftest import bearer_client, issue_token
from tests.factories import (
    make_article,
    make_author,
    make_draft,
    make_photo,
    make_ready_article,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db


def send(client, method, url, data=None, **headers):
    body = json.dumps(data or {})
    return getattr(client, method)(url, body, content_type="application/json", **headers)


@pytest.fixture
def section():
    return make_section(slug="politics")


def draft_data(**changes):
    return {
        "headline": "Council votes",
        "summary": "The vote.",
        "body_html": "<p>Text.</p>",
        "section": "politics",
    } | changes


def test_a_reporter_files_a_draft_recorded_with_the_token_s_name(token_client, section):
    writer = make_author(slug="writer")
    reporter = make_user("Reporter", author=writer)
    response = send(token_client(reporter), "post", "/api/stories/", draft_data(authors=["writer"], tags=["Kyiv"]))
    assert response.status_code == 201, response.content
    filed = response.json()
    story = Article.objects.get(pk=filed["id"])
    assert (story.status, story.created_by, story.headline) == ("draft", reporter, "Council votes")
    assert filed["authors"] == ["writer"] and filed["tags"] == ["Kyiv"] and filed["url"] is None
    entry = LogEntry.objects.get(object_id=str(story.pk))
    assert entry.user == reporter
    assert "token “Newsletter tool”" in entry.get_change_message()
    assert "token “Newsletter tool”" in Version.objects.get_for_object(story).get().revision.comment


@pytest.mark.parametrize(
    "headers", [{}, {"HTTP_AUTHORIZATION": "Bearer nrt_unknown"}, {"HTTP_AUTHORIZATION": "Basic x"}]
)
def test_no_or_an_unknown_token_is_401(client, section, headers):
    response = send(client, "post", "/api/stories/", draft_data(), **headers)
    assert response.status_code == 401
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"revoked_at": timezone.now()}, {"expires_at": timezone.now() - timedelta(seconds=1)}],
    ids=["revoked", "expired"],
)
def test_a_revoked_or_expired_token_is_401(section, fields):
    _token, secret = issue_token(make_user("Editor"), **fields)
    assert send(bearer_client(secret), "post", "/api/stories/", draft_data()).status_code == 401


def test_a_token_of_a_deactivated_user_is_401(section):
    user = make_user("Editor")
    _token, secret = issue_token(user)
    user.is_active = False
    user.save()
    assert send(bearer_client(secret), "post", "/api/stories/", draft_data()).status_code == 401


def test_the_token_is_stored_only_hashed():
    token, secret = issue_token(make_user("Editor"))
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in {stored.key_hash, stored.prefix} and len(stored.key_hash) == 64
    assert secret.startswith(stored.prefix)


def test_a_reporter_s_token_cannot_publish(token_client):
    reporter = make_user("Reporter")
    story = make_draft(created_by=reporter)
    response = send(token_client(reporter), "post", f"/api/stories/{story.pk}/publish/")
    assert response.status_code == 403
    assert response.json()["detail"] == "Your role cannot publish stories."
    story.refresh_from_db()
    assert story.status == "draft"


def test_a_bio_manager_s_token_cannot_file_or_edit_stories(token_client, section):
    client = token_client(make_user("Bio manager"))
    assert send(client, "post", "/api/stories/", draft_data()).status_code == 403
    story = make_draft()
    assert send(client, "patch", f"/api/stories/{story.pk}/", {"version": story.version}).status_code == 404


def test_an_editor_s_token_publishes_through_the_workflow(token_client):
    story = make_draft()
    response = send(token_client(make_user("Editor")), "post", f"/api/stories/{story.pk}/publish/")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "Published" and response.json()["url"]
    story.refresh_from_db()
    assert story.is_published
    assert LogEntry.objects.filter(change_message="Published. (through the API, token “Newsletter tool”)").exists()


def test_a_story_not_ready_is_refused_with_what_it_lacks(token_client):
    story = make_draft(summary="", lead_photo=None)
    response = send(token_client(make_user("Editor")), "post", f"/api/stories/{story.pk}/publish/")
    assert response.status_code == 409
    assert response.json()["problems"] == ["Write a summary.", "Choose a lead photo."]


def test_submit_schedule_unpublish_kill_and_correct(token_client):
    editor_client = token_client(make_user("Editor"))
    reporter = make_user("Reporter")
    story = make_draft(created_by=reporter)
    assert send(token_client(reporter), "post", f"/api/stories/{story.pk}/submit/").json()["state"] == "In review"
    later = (timezone.now() + timedelta(days=1)).isoformat()
    scheduled = send(editor_client, "post", f"/api/stories/{story.pk}/schedule/", {"at": later})
    assert scheduled.json()["state"] == "Scheduled"
    assert send(editor_client, "post", f"/api/stories/{story.pk}/unpublish/").json()["state"] == "Draft"
    send(editor_client, "post", f"/api/stories/{story.pk}/publish/")
    corrected = send(editor_client, "post", f"/api/stories/{story.pk}/corrections/", {"text": "It was Tuesday."})
    assert corrected.status_code == 200
    assert story.corrections.get().text == "It was Tuesday."
    killed = send(editor_client, "post", f"/api/stories/{story.pk}/kill/", {"notice": "Withdrawn."})
    assert killed.json()["state"] == "Killed"


def test_an_edit_based_on_the_current_version_is_saved(token_client):
    reporter = make_user("Reporter")
    story = make_draft(created_by=reporter)
    response = send(
        token_client(reporter), "patch", f"/api/stories/{story.pk}/", {"version": story.version, "headline": "New"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["headline"] == "New" and response.json()["version"] == story.version + 1
    assert "Edited: headline. (through the API" in LogEntry.objects.latest("pk").get_change_message()


def test_a_stale_version_is_409_with_what_changed(token_client, section):
    client = token_client(make_user("Reporter"))
    story = Article.objects.get(pk=send(client, "post", "/api/stories/", draft_data()).json()["id"])
    known = story.version
    send(client, "patch", f"/api/stories/{story.pk}/", {"version": known, "summary": "Theirs."})
    response = send(client, "patch", f"/api/stories/{story.pk}/", {"version": known, "headline": "Mine"})
    assert response.status_code == 409
    conflict = response.json()
    assert conflict["changed_fields"] == ["summary"]
    assert conflict["version"] == known + 1
    story.refresh_from_db()
    assert story.headline != "Mine"


def test_a_reporter_cannot_edit_another_s_draft_nor_see_it(token_client):
    story = make_draft(created_by=make_user("Reporter"))
    response = send(token_client(make_user("Reporter")), "patch", f"/api/stories/{story.pk}/", {"version": 1})
    assert response.status_code == 404


def test_a_repeated_idempotency_key_returns_the_first_result(token_client, section):
    client = token_client(make_user("Editor"))
    first = send(client, "post", "/api/stories/", draft_data(), HTTP_IDEMPOTENCY_KEY="abc-1")
    again = send(client, "post", "/api/stories/", draft_data(headline="Other"), HTTP_IDEMPOTENCY_KEY="abc-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert Article.objects.count() == 1
    other = send(client, "post", "/api/stories/", draft_data(), HTTP_IDEMPOTENCY_KEY="abc-2")
    assert other.json()["id"] != first.json()["id"]
    reused = send(client, "post", f"/api/stories/{first.json()['id']}/submit/", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert reused.status_code == 400


def test_a_refused_request_keeps_its_answer_for_its_key(token_client):
    """As a success is: a retry learns what happened to the request it repeats; a new attempt takes a new key."""
    story = make_draft(summary="")
    client = token_client(make_user("Editor"))
    refused = send(client, "post", f"/api/stories/{story.pk}/publish/", HTTP_IDEMPOTENCY_KEY="k")
    assert refused.status_code == 409
    story.summary = "Now written."
    story.lead_photo = make_photo()
    story.save()
    again = send(client, "post", f"/api/stories/{story.pk}/publish/", HTTP_IDEMPOTENCY_KEY="k")
    assert (again.status_code, again.json()) == (409, refused.json())
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT
    assert send(client, "post", f"/api/stories/{story.pk}/publish/", HTTP_IDEMPOTENCY_KEY="k2").status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [("Reporter", 403), ("Editor", 404)],
)
def test_a_refusal_by_role_or_an_unknown_story_is_kept_too(token_client, role, status):
    story = make_ready_article()
    client = token_client(make_user(role))
    url = f"/api/stories/{story.pk + 1000 if status == 404 else story.pk}/kill/"
    first = send(client, "post", url, {"notice": "Withdrawn."}, HTTP_IDEMPOTENCY_KEY="k")
    again = send(client, "post", url, {"notice": "Withdrawn."}, HTTP_IDEMPOTENCY_KEY="k")
    assert (first.status_code, again.status_code) == (status, status)
    assert again.json() == first.json()
    assert Article.objects.get(pk=story.pk).status == Article.Status.PUBLISHED


def test_a_refused_write_leaves_nothing_behind_but_its_answer(token_client, section):
    client = token_client(make_user("Editor"))
    response = send(client, "post", "/api/stories/", draft_data(authors=["nobody"]), HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 400
    assert not Article.objects.exists()
    assert IdempotentRequest.objects.get(key="k").status_code == 400


def test_a_request_the_endpoint_never_ran_keeps_nothing(token_client, section):
    client = token_client(make_user("Editor"))
    assert send(client, "post", "/api/stories/", {"headline": 3}, HTTP_IDEMPOTENCY_KEY="k").status_code == 400
    assert not IdempotentRequest.objects.exists()
    assert send(client, "post", "/api/stories/", draft_data(), HTTP_IDEMPOTENCY_KEY="k").status_code == 201


@pytest.mark.parametrize(
    "data",
    [
        draft_data(section="nowhere"),
        draft_data(authors=["nobody"]),
        draft_data(headline=""),
        draft_data(headline="Nul\x00"),
        draft_data(tags=["x" * 101]),
        {"headline": "No section"},
    ],
)
def test_bad_input_is_a_400_and_files_nothing(token_client, section, data):
    response = send(token_client(make_user("Editor")), "post", "/api/stories/", data)
    assert response.status_code == 400, response.content
    assert not Article.objects.exists()


def test_a_malformed_body_is_a_400(token_client, section):
    client = token_client(make_user("Editor"))
    response = client.post("/api/stories/", "{not json", content_type="application/json")
    assert response.status_code == 400


def test_the_write_side_is_in_the_schema_with_bearer_auth(client):
    schema = client.get("/api/schema/").json()
    assert "post" in schema["paths"]["/api/stories/"] and "patch" in schema["paths"]["/api/stories/{story_id}/"]
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_a_published_story_s_edit_keeps_its_rules(token_client):
    story = make_article(authors=[make_author()], lead_photo=make_photo())
    response = send(
        token_client(make_user("Editor")),
        "patch",
        f"/api/stories/{story.pk}/",
        {"version": story.version, "summary": ""},
    )
    assert response.status_code == 409
    assert response.json()["problems"] == ["Write a summary."]


def test_the_admin_shows_a_new_token_once_and_revokes_it(admin_client):
    user = make_user("Editor")
    response = admin_client.post(
        "/admin/api/apitoken/add/",
        {"user": user.pk, "name": "Newsletter tool", "expires_at_0": "2099-01-01", "expires_at_1": "00:00:00"},
        follow=True,
    )
    token = ApiToken.objects.get()
    [message] = [str(message) for message in response.context["messages"] if "copy it now" in str(message)]
    secret = message.split(" is ")[1].split(" ")[0]
    assert secret.startswith(token.prefix) and token.user == user
    assert secret not in admin_client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    client = bearer_client(secret)
    make_section(slug="politics")
    assert send(client, "post", "/api/stories/", draft_data()).status_code == 201
    admin_client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert send(client, "post", "/api/stories/", draft_data()).status_code == 401


def test_a_token_s_requests_count_against_its_user(token_client, settings):
    settings.NEWSROOM_API_RATE = "2/min"
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    user = make_user("Editor")
    story = make_draft()
    first, second = token_client(user), token_client(user, name="Other tool")
    url = f"/api/stories/{story.pk}/"
    assert send(first, "patch", url, {"version": 0}, REMOTE_ADDR="192.0.2.1").status_code == 409
    assert send(second, "patch", url, {"version": 0}, REMOTE_ADDR="192.0.2.2").status_code == 409
    assert send(first, "patch", url, {"version": 0}, REMOTE_ADDR="192.0.2.3").status_code == 429


def test_a_draft_with_a_lead_photo_goes_live(token_client, section):
    client = token_client(make_user("Editor"))
    photo = make_photo()
    data = draft_data(authors=[make_author().slug], lead_photo=photo.pk)
    filed = send(client, "post", "/api/stories/", data).json()
    assert filed["lead_photo"] == photo.pk
    assert send(client, "post", f"/api/stories/{filed['id']}/publish/").status_code == 200
    assert send(client, "post", "/api/stories/", draft_data(lead_photo=999999)).status_code == 400
    removed = send(client, "patch", f"/api/stories/{filed['id']}/", {"version": filed["version"] + 1, "lead_photo": 0})
    assert removed.status_code == 409  # a live story keeps what it needed to go live
    assert removed.json()["problems"] == ["Choose a lead photo."]


def test_a_bio_manager_s_token_edits_only_author_bios(token_client, section):
    client = token_client(make_user("Bio manager"))
    make_author(slug="writer")
    edited = send(client, "patch", "/api/authors/writer/", {"bio": "Twenty years in Kharkiv.", "role": "Editor"})
    assert edited.status_code == 200, edited.content
    assert edited.json()["bio"] == "Twenty years in Kharkiv."
    assert "through the API" in LogEntry.objects.latest("pk").get_change_message()
    story = make_draft()
    assert send(client, "post", "/api/stories/", draft_data()).status_code == 403
    assert send(client, "post", f"/api/stories/{story.pk}/publish/").status_code == 404


def test_a_reporter_s_token_edits_its_own_bios_only(token_client):
    own = make_author(slug="own")
    client = token_client(make_user("Reporter", author=own))
    make_author(slug="colleague")
    assert send(client, "patch", "/api/authors/own/", {"short_bio": "Covers courts."}).status_code == 200
    assert send(client, "patch", "/api/authors/own/", {"role": "Chief"}).status_code == 403
    assert send(client, "patch", "/api/authors/colleague/", {"bio": "x"}).status_code == 403
    assert send(client, "patch", "/api/authors/nobody/", {"bio": "x"}).status_code == 404
