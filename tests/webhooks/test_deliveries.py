"""Partners are told, signed, when a story readers can see changes (webhooks/, feed/events.py)."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from feed import events, workflow
from feed.tasks import announce_went_live
from tests.factories import make_draft, make_ready_article, make_user
from webhooks.models import Delivery, Endpoint
from webhooks.tasks import MAX_ATTEMPTS, deliver, sweep_deliveries

pytestmark = pytest.mark.django_db


class Partner(ThreadingHTTPServer):
    """A partner's server on 127.0.0.1: keeps what it receives and answers `status`."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PartnerHandler)
        self.received = []
        self.status = 204

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_port}/hooks/newsroom"


class PartnerHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), body))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def partner():
    server = Partner()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def endpoint(partner):
    return Endpoint.objects.create(name="Partner app", url=partner.url)


@pytest.fixture
def editor():
    return make_user("Editor")


def verified(endpoint, headers, body):
    """The payload, if its signature is the endpoint's, as a partner checks it (docs/webhooks.md)."""
    fields = dict(part.split("=", 1) for part in headers["Newsroom-Signature"].split(","))
    expected = hmac.new(endpoint.secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(fields["v1"], expected)
    assert abs(int(fields["t"]) - timezone.now().timestamp()) < 60
    return json.loads(body)


def test_publishing_tells_the_partner_once_signed(partner, endpoint, editor, django_capture_on_commit_callbacks):
    story = make_draft(headline="Bridge reopens")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_now(article=story, user=editor)
    # The scheduler's went-live pass covers stories published at once too: it must not tell them again.
    with django_capture_on_commit_callbacks(execute=True):
        announce_went_live.call((story.published_at - timedelta(minutes=1)).isoformat(), timezone.now().isoformat())

    assert len(partner.received) == 1
    headers, body = partner.received[0]
    payload = verified(endpoint, headers, body)
    assert headers["Newsroom-Event"] == payload["event"] == "story.published"
    assert payload["story"]["id"] == story.pk
    assert payload["story"]["headline"] == "Bridge reopens"
    assert payload["story"]["url"].endswith(story.get_absolute_url())
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("delivered", 1, 204)
    assert headers["Newsroom-Delivery"] == str(delivery.pk)


def test_a_tampered_body_fails_the_check(partner, endpoint, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_now(article=make_draft(), user=editor)
    headers, body = partner.received[0]
    with pytest.raises(AssertionError):
        verified(endpoint, headers, body.replace(b"story.published", b"story.killed!!"))


def test_a_scheduled_story_is_told_when_it_goes_live(partner, endpoint, editor, django_capture_on_commit_callbacks):
    story = make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(article=story, user=editor, at=timezone.now() + timedelta(minutes=5))
    assert partner.received == []
    with django_capture_on_commit_callbacks(execute=True):
        announce_went_live.call(timezone.now().isoformat(), (timezone.now() + timedelta(minutes=6)).isoformat())
    assert partner.received == []  # not live yet: the pass only announces what readers can see
    story.refresh_from_db()
    type(story).objects.filter(pk=story.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        announce_went_live.call((timezone.now() - timedelta(minutes=1)).isoformat(), timezone.now().isoformat())
    assert [json.loads(body)["event"] for _, body in partner.received] == ["story.published"]


def test_a_live_story_scheduled_again_is_told_as_taken_off_the_site(
    partner, endpoint, editor, django_capture_on_commit_callbacks
):
    live, draft = make_ready_article(), make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(article=draft, user=editor, at=timezone.now() + timedelta(hours=1))
        workflow.schedule(article=live, user=editor, at=timezone.now() + timedelta(hours=1))
    told = [json.loads(body) for _, body in partner.received]
    assert [(item["event"], item["story"]["id"]) for item in told] == [("story.unpublished", live.pk)]


def test_edits_corrections_unpublishing_and_kills_are_told(
    partner, endpoint, editor, django_capture_on_commit_callbacks
):
    live, other = make_ready_article(), make_ready_article()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_changes(article=live, user=editor)
        workflow.append_correction(article=live, user=editor, text="The bridge is 300 m long, not 30 m.")
        workflow.kill(article=live, user=editor, notice="Withdrawn for legal reasons.")
        workflow.unpublish(article=other, user=editor)
    told = [json.loads(body) for _, body in partner.received]
    assert [(item["event"], item["story"]["id"]) for item in told] == [
        ("story.updated", live.pk),
        ("story.corrected", live.pk),
        ("story.killed", live.pk),
        ("story.unpublished", other.pk),
    ]
    assert told[2]["story"]["kill_notice"] == "Withdrawn for legal reasons."


def test_drafts_are_nobody_elses_business(partner, endpoint, editor, django_capture_on_commit_callbacks):
    draft = make_draft()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_changes(article=draft, user=editor)
        workflow.append_correction(article=draft, user=editor, text="Spelling.")
        workflow.move_to_trash(article=draft, user=editor)
    assert partner.received == [] and not Delivery.objects.exists()


def test_each_endpoint_hears_only_the_events_it_asked_for(
    partner, endpoint, editor, django_capture_on_commit_callbacks
):
    Endpoint.objects.create(name="Takedowns only", url=partner.url, events=[events.KILLED])
    Endpoint.objects.create(name="Paused", url=partner.url, active=False)
    live = make_ready_article()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.save_changes(article=live, user=editor)
        workflow.kill(article=live, user=editor, notice="Withdrawn.")
    assert sorted(Delivery.objects.values_list("endpoint__name", "event")) == [
        ("Partner app", "story.killed"),
        ("Partner app", "story.updated"),
        ("Takedowns only", "story.killed"),
    ]


def test_a_rolled_back_change_tells_nobody(partner, endpoint, editor, django_capture_on_commit_callbacks):
    story = make_draft()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        workflow.publish_now(article=story, user=editor)
        raise RuntimeError("the request failed after publishing")
    assert partner.received == [] and not Delivery.objects.exists()


def test_a_failing_partner_is_tried_again_then_the_delivery_fails_with_the_error(
    partner, endpoint, editor, django_capture_on_commit_callbacks
):
    partner.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_now(article=make_draft(), user=editor)
    # Tests run tasks at once (no deferral): every retry follows the last.
    assert len(partner.received) == MAX_ATTEMPTS
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("failed", MAX_ATTEMPTS, 500)
    assert delivery.error == "The endpoint answered 500."


def test_an_unreachable_partner_fails_with_the_reason(endpoint, editor, django_capture_on_commit_callbacks):
    Endpoint.objects.filter(pk=endpoint.pk).update(url="http://127.0.0.1:9/nobody-listens")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish_now(article=make_draft(), user=editor)
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and delivery.error.startswith("ConnectionError")


def test_an_attempt_is_made_once_however_often_its_task_runs(partner, endpoint):
    delivery = Delivery.objects.create(
        endpoint=endpoint, event="story.updated", key="twice", story_id=1, payload={"id": "twice"}
    )
    assert deliver.call(delivery.pk, 0) == "delivered"
    assert deliver.call(delivery.pk, 0) == "superseded"  # e.g. queued again by the sweep meanwhile
    assert len(partner.received) == 1


def test_the_sweep_sends_again_what_a_killed_worker_lost(partner, endpoint, editor, django_capture_on_commit_callbacks):
    lost = Delivery.objects.create(
        endpoint=endpoint, event="story.updated", key="lost", story_id=1, payload={"id": "lost"},
        attempts=1, next_attempt_at=timezone.now() - timedelta(minutes=5),
    )  # fmt: skip
    waiting = Delivery.objects.create(
        endpoint=endpoint, event="story.updated", key="waiting", story_id=1, payload={"id": "waiting"},
        attempts=1, next_attempt_at=timezone.now() + timedelta(minutes=5),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_deliveries.call() == 1
    assert [json.loads(body)["id"] for _, body in partner.received] == ["lost"]
    lost.refresh_from_db(), waiting.refresh_from_db()
    assert (lost.state, lost.attempts, waiting.state, waiting.attempts) == ("delivered", 2, "queued", 1)
