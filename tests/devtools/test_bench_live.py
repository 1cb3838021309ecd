"""The live story part of `make bench` (devtools/bench/live.py), against the test's live server: the
seeded story, the poll's ETag and the update-to-poll measurement (its figures are not asserted)."""

import pytest
from django.db import connection

from devtools.bench import live
from devtools.bench.wrk import wrk
from feed.roles import sync_roles
from live.models import LiveUpdate
from tests.factories import make_ready_article

# The live server answers from its own thread: it must see what the test commits.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def roles():
    """A transactional test's flush removes the roles the migrations made."""
    sync_roles()


def test_the_seeded_live_story_has_its_updates_posted_by_the_desk_once():
    bench = live.seed_live_story(updates=3)
    assert bench.story.is_live and bench.story.is_published
    updates = LiveUpdate.objects.filter(story=bench.story)
    assert updates.count() == 3
    assert {update.created_by for update in updates} == {bench.editor}
    again = live.seed_live_story(updates=3)
    assert again.story == bench.story and updates.count() == 3
    assert bench.poll_path == f"/live/{live.SLUG}/poll/"


def test_the_poll_etag_is_answered_304_and_changes_with_an_update(live_server):
    bench = live.seed_live_story(updates=2)
    etag = live.current_etag(live_server.url, bench.poll_path)
    assert live.get(live_server.url, bench.poll_path, etag)[0] == 304
    bench.post("One more.")
    status, new_etag, _ = live.get(live_server.url, bench.poll_path, etag)
    assert status == 200 and new_etag != etag


# The bench runs on PostgreSQL. On SQLite the live server shares the test's in-memory database, and an
# update written while a poll reads the table can fail with "database table is locked" (it did in CI).
@pytest.mark.skipif(connection.vendor != "postgresql", reason="posts while polling: PostgreSQL only")
def test_update_latency_times_each_update_until_a_poll_returns_it(live_server):
    bench = live.seed_live_story(updates=2)
    latency = live.update_latency(live_server.url, bench, updates=2, interval=0.2)
    assert len(latency.seconds) == 2 and all(seconds >= 0 for seconds in latency.seconds)
    assert latency.polls >= 2
    assert LiveUpdate.objects.filter(story=bench.story, body__contains="Latency probe").count() == 2


def test_update_latency_fails_when_no_poll_returns_the_update(live_server, monkeypatch):
    """Polling another story's endpoint never returns the update posted: an error, not a figure."""
    bench = live.seed_live_story(updates=1)
    other = make_ready_article(live_coverage=True)
    monkeypatch.setattr(live.LiveBench, "poll_path", f"/live/{other.slug}/poll/")
    with pytest.raises(RuntimeError, match="was not returned by a poll"):
        live.update_latency(live_server.url, bench, updates=1, interval=0.1, timeout=0.5)


def test_wrk_sends_the_headers_it_is_given(monkeypatch):
    commands = []

    class Done:
        stdout = "     50%  1.00ms\n     99%  2.00ms\n  10 requests in 1.00s\nRequests/sec: 10.0\n"

    monkeypatch.setattr("subprocess.run", lambda command, **kwargs: commands.append(command) or Done())
    result = wrk("http://127.0.0.1:1/", connections=1, seconds=1, headers={"If-None-Match": '"abc"'})
    assert result["rps"] == 10.0
    (command,) = commands
    assert command[command.index("-H") + 1] == 'If-None-Match: "abc"'
