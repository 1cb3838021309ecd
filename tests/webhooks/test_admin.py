"""Endpoints and their deliveries in the admin."""

import pytest
from django.urls import reverse

from tests.factories import make_user
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(is_superuser=True))
    return client


def test_an_endpoint_is_added_with_the_events_it_wants(admin_client):
    response = admin_client.post(
        reverse("admin:webhooks_endpoint_add"),
        {"name": "Partner app", "url": "partner.example/hooks", "events": ["story.published", "story.killed"],
         "active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    endpoint = Endpoint.objects.get()
    assert (endpoint.url, endpoint.events) == ("https://partner.example/hooks", ["story.published", "story.killed"])
    assert len(endpoint.secret) >= 40
    page = admin_client.get(reverse("admin:webhooks_endpoint_change", args=[endpoint.pk]))
    assert endpoint.secret in page.text


@pytest.mark.parametrize(
    ("url", "events"), [("javascript:alert(1)", ["story.published"]), ("https://partner.example", ["story.eaten"])]
)
def test_a_bad_endpoint_is_a_form_error(admin_client, url, events):
    response = admin_client.post(
        reverse("admin:webhooks_endpoint_add"), {"name": "Partner", "url": url, "events": events}
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not Endpoint.objects.exists()


def test_a_failed_delivery_shows_its_error_and_can_be_sent_again(admin_client, django_capture_on_commit_callbacks):
    endpoint = Endpoint.objects.create(name="Partner app", url="http://127.0.0.1:9/nobody-listens")
    failed = Delivery.objects.create(
        endpoint=endpoint, event="story.killed", key="k", story_id=7, payload={"id": "k"}, state="failed",
        attempts=6, error="The endpoint answered 503.", response_status=503,
    )  # fmt: skip
    listing = admin_client.get(reverse("admin:webhooks_delivery_changelist") + "?state=failed")
    assert listing.status_code == 200 and "Partner app" in listing.text
    page = admin_client.get(reverse("admin:webhooks_delivery_change", args=[failed.pk]))
    assert "The endpoint answered 503." in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:webhooks_delivery_changelist"),
            {"action": "deliver_again", "_selected_action": [failed.pk]},
            follow=True,
        )
    assert "1 notification(s) queued to be sent again" in response.text
    failed.refresh_from_db()
    # One more attempt, made at once here (tests run tasks when queued); nobody listens, so it failed again.
    assert (failed.attempts, failed.state, failed.error.split(":")[0]) == (7, "failed", "ConnectionError")


def test_an_editor_cannot_see_the_webhooks(client):
    client.force_login(make_user("Editor"))
    assert client.get(reverse("admin:webhooks_endpoint_changelist")).status_code == 403


def test_a_new_endpoint_starts_with_every_event_ticked_and_a_delivery_page_is_read_only(admin_client):
    form = admin_client.get(reverse("admin:webhooks_endpoint_add")).context["adminform"].form
    assert form["events"].value() == ["story.published", "story.updated", "story.corrected", "story.unpublished",
                                      "story.killed"]  # fmt: skip
    endpoint = Endpoint.objects.create(name="Partner app", url="https://partner.example/hooks")
    delivery = Delivery.objects.create(endpoint=endpoint, event="story.killed", key="k", story_id=7, payload={})
    page = admin_client.get(reverse("admin:webhooks_delivery_change", args=[delivery.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    assert admin_client.post(reverse("admin:webhooks_delivery_change", args=[delivery.pk]), {}).status_code == 403
