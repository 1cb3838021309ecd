"""Delivering notifications to partners (Django's tasks API; docs/webhooks.md).

Each attempt is claimed by its number: a task whose attempt is no longer the delivery's next one does
nothing, so a delivery queued twice (by the sweep after a worker died, and by its own retry) is sent once
per attempt. A failed attempt is tried again later (RETRY_DELAYS), then the delivery is "failed" with the
error shown in the admin, where an editor can send it again.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

import requests
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from common.tasks import enqueue_on_commit

from .models import Delivery

logger = logging.getLogger(__name__)

# Seconds before each further attempt: within about seven hours a partner's outage is ridden out.
RETRY_DELAYS = (30, 120, 600, 3600, 21600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# (connect, read) seconds: a partner that hangs must not hold a worker.
TIMEOUT = (5, 10)
# An attempt neither finished nor rescheduled this long after it was claimed was lost (a worker killed).
LOST_AFTER = timedelta(minutes=2)


def signature(secret, timestamp, body):
    """HMAC-SHA256 of "<timestamp>.<body>" keyed with the endpoint's secret, in hex."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def signed_request(delivery):
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Newsroom-Webhooks/1",
        "Newsroom-Event": delivery.event,
        "Newsroom-Delivery": str(delivery.pk),
        "Newsroom-Signature": f"t={timestamp},v1={signature(delivery.endpoint.secret, timestamp, body)}",
    }
    return body, headers


@task()
def deliver(delivery_id, attempt):
    """Makes attempt number `attempt` (from 0) to deliver; returns what happened."""
    claimed = Delivery.objects.filter(pk=delivery_id, state=Delivery.State.QUEUED, attempts=attempt).update(
        attempts=F("attempts") + 1, next_attempt_at=timezone.now() + LOST_AFTER
    )
    if not claimed:
        return "superseded"  # delivered, failed for good, or this attempt already made
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    body, headers = signed_request(delivery)
    try:
        response = requests.post(
            delivery.endpoint.url, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as error:
        return _attempt_failed(delivery, None, f"{type(error).__name__}: {error}")
    if 200 <= response.status_code < 300:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.DELIVERED, response_status=response.status_code, error="", delivered_at=timezone.now()
        )
        return "delivered"
    return _attempt_failed(delivery, response.status_code, f"The endpoint answered {response.status_code}.")


def _attempt_failed(delivery, status, message):
    logger.warning(
        "Webhook delivery %s to %s failed (attempt %s): %s", delivery.pk, delivery.endpoint, delivery.attempts, message
    )
    row = Delivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts)
    if delivery.attempts >= MAX_ATTEMPTS:
        row.update(state=Delivery.State.FAILED, response_status=status, error=message)
        return "failed"
    due = timezone.now() + timedelta(seconds=RETRY_DELAYS[delivery.attempts - 1])
    row.update(response_status=status, error=message, next_attempt_at=due)
    retry = deliver
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=due)
    enqueue_on_commit(retry, delivery.pk, delivery.attempts)
    return "retrying"


def send_again(deliveries):
    """Queues one more attempt of each delivery (the admin's action); returns how many."""
    count = 0
    for delivery in deliveries.exclude(state=Delivery.State.QUEUED):
        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.QUEUED, next_attempt_at=timezone.now())
        enqueue_on_commit(deliver, delivery.pk, delivery.attempts)
        count += 1
    return count


@task()
def sweep_deliveries():
    """Queues again the attempts whose task was lost (a worker killed, a queue emptied). The scheduler runs it
    every minute. Returns how many."""
    lost = Delivery.objects.filter(state=Delivery.State.QUEUED, next_attempt_at__lt=timezone.now() - LOST_AFTER)
    count = 0
    for delivery_id, attempts in lost.values_list("pk", "attempts"):
        # Not swept again for LOST_AFTER, however long the worker takes to come back.
        if Delivery.objects.filter(pk=delivery_id, state=Delivery.State.QUEUED, attempts=attempts).update(
            next_attempt_at=timezone.now()
        ):
            enqueue_on_commit(deliver, delivery_id, attempts)
            count += 1
    if count:
        logger.warning("Queued %s webhook deliveries again, their task lost", count)
    return count
