"""The live story bench_pages measures: a story with 40 updates, its poll endpoint asked with the ETag
of its last answer (so answered 304), and how long an update takes from its commit to the first poll
that returns it, with a poller asking every second as a reader's page does."""

import http.client
import json
import random
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from authors.models import Author
from feed.models import Article, Byline, Section
from live.services import post_update

SLUG = "bench-live-story"
UPDATES = 40
POLL_INTERVAL = 1.0


@dataclass(frozen=True)
class LiveBench:
    story: Article
    editor: User

    @property
    def poll_path(self):
        return reverse("live:poll", kwargs={"slug": self.story.slug})

    def post(self, text):
        """Posts an update as the live desk does; returns it once committed."""
        return post_update(article=self.story, user=self.editor, body=f"<p>{text}</p>")


def seed_live_story(updates=UPDATES):
    """A published live story with `updates` updates, posted through the live desk's service, and the
    editor who posts them; the story already there when seeded before."""
    editor, created = User.objects.get_or_create(username="bench-live-editor", defaults={"is_staff": True})
    if created:
        editor.groups.add(Group.objects.get(name="Editor"))
    story = Article.objects.filter(slug=SLUG).first()
    if story is not None:
        return LiveBench(story, editor)
    section, _ = Section.objects.get_or_create(slug="bench-live", defaults={"name": "Bench live", "position": 99})
    author, _ = Author.objects.get_or_create(slug="bench-live-author", defaults={"name": "Bench Live Author"})
    story = Article.objects.create(
        headline="Bench live story",
        slug=SLUG,
        summary="A live story for the benchmark.",
        body="<p>Updates follow.</p>",
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
        live_coverage=True,
    )
    Byline.objects.create(article=story, author=author, position=0)
    bench = LiveBench(story, editor)
    for number in range(1, updates + 1):
        bench.post(f"Update number {number}: air defence is working over the region, stay in shelters.")
    return bench


def get(base, path, etag=None):
    """(status, ETag, body) of a GET, with If-None-Match when `etag` is given."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", path, headers={"If-None-Match": etag} if etag else {})
        response = connection.getresponse()
        return response.status, response.getheader("ETag"), response.read()
    finally:
        connection.close()


def current_etag(base, path):
    """The poll's ETag now, checked to answer 304 when sent back."""
    status, etag, _ = get(base, path)
    if status != 200 or not etag:
        raise RuntimeError(f"{path} answered {status} without an ETag")
    status, _, _ = get(base, path, etag)
    if status != 304:
        raise RuntimeError(f"{path} with If-None-Match of its own ETag answered {status}, not 304")
    return etag


class Poller(threading.Thread):
    """Asks the poll endpoint every `interval` seconds with the ETag of its last answer, as live.js
    does, and notes when it first saw each update."""

    def __init__(self, base, path, interval):
        super().__init__(daemon=True)
        self.base, self.path, self.interval = base, path, interval
        self.first_seen = {}  # update id -> time.monotonic()
        self.seen = threading.Condition()
        self.stopping = threading.Event()
        self.polls = 0

    def run(self):
        etag, tick = None, time.monotonic()
        while not self.stopping.is_set():
            status, new_etag, body = get(self.base, self.path, etag)
            answered = time.monotonic()
            self.polls += 1
            if status == 200:
                etag = new_etag
                with self.seen:
                    for update in json.loads(body)["updates"]:
                        self.first_seen.setdefault(update["id"], answered)
                    self.seen.notify_all()
            tick += self.interval
            self.stopping.wait(max(0, tick - time.monotonic()))

    def wait_for(self, update_id, timeout):
        with self.seen:
            self.seen.wait_for(lambda: update_id in self.first_seen, timeout)
            return self.first_seen.get(update_id)


@dataclass(frozen=True)
class Latency:
    seconds: list  # one per update posted
    interval: float
    polls: int

    @property
    def median(self):
        return statistics.median(self.seconds)

    @property
    def worst(self):
        return max(self.seconds)


def update_latency(base, bench, *, updates=5, interval=POLL_INTERVAL, timeout=30, seed=2026):
    """Seconds from each of `updates` updates' commit to the first poll that returned it. Updates are
    posted at random moments between polls, as they would be."""
    rng = random.Random(seed)
    poller = Poller(base, bench.poll_path, interval)
    poller.start()
    seconds = []
    try:
        for number in range(updates):
            time.sleep(interval * (1 + rng.random()))
            update = bench.post(f"Latency probe {number + 1}.")
            committed = time.monotonic()
            seen = poller.wait_for(update.pk, timeout)
            if seen is None:
                raise RuntimeError(f"update {update.pk} was not returned by a poll within {timeout} s")
            # The poller's clock may read a hair before this thread's after the commit: never below 0.
            seconds.append(max(0.0, seen - committed))
    finally:
        poller.stopping.set()
        poller.join(timeout=interval + 10)
    return Latency(seconds, interval, poller.polls)
