"""What the chaos run puts on the site: wrk rotating over reader pages, reader threads that time
every request, and a writer that publishes stories through the ORM."""

import http.client
import secrets
import threading
import time
import urllib.request
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from devtools.bench.wrk import show_more_trail, wrk
from feed.models import Article, Section

# wrk: each connection walks the list of paths in turn, starting at a different place.
WRK_ROTATE_PATHS = """
local paths = {%s}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
function init(args)
  index = offset * 7
end
function request()
  index = index + 1
  return wrk.format("GET", paths[(index %% #paths) + 1])
end
"""


def reader_paths(port):
    """The home page, the newest ten articles, a section and three "Show More" pages, each answering 200."""
    base = f"http://127.0.0.1:{port}"
    articles = [article.get_absolute_url() for article in Article.objects.published().order_by("-published_at")[:10]]
    section = Section.objects.first()
    paths = ["/", *articles, f"/section/{section.slug}/", *show_more_trail(base, 3)]
    for path in paths:
        status = urllib.request.urlopen(base + path, timeout=30).status
        if status != 200:
            raise CommandError(f"{path} answered {status} before any chaos")
    return paths


def wrk_rotating(port, paths, connections, seconds, workdir):
    """wrk over all the paths at once (a Lua script in workdir); its figures (devtools.bench.wrk.parse)."""
    script = workdir / "rotate.lua"
    script.write_text(WRK_ROTATE_PATHS % ", ".join(f'"{path}"' for path in paths))
    return wrk(f"http://127.0.0.1:{port}", connections=connections, seconds=seconds, script=script)


@dataclass(frozen=True)
class Outcome:
    started: float
    finished: float
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    error: str = ""

    @property
    def failed(self):
        return self.status != 200


class Readers:
    """N threads that GET the paths in turn until stopped, each request timed and kept."""

    def __init__(self, port, paths, count):
        self.port, self.paths, self.count = port, paths, count
        self.outcomes = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def read(self, offset):
        index = offset * 7
        while not self.stop.is_set():
            index += 1
            path = self.paths[index % len(self.paths)]
            started = time.monotonic()
            try:
                client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                client.request("GET", path)
                response = client.getresponse()
                response.read()
                client.close()
                outcome = Outcome(started, time.monotonic(), response.status)
            except (OSError, http.client.HTTPException) as error:
                outcome = Outcome(started, time.monotonic(), None, type(error).__name__)
                time.sleep(0.05)
            with self.lock:
                self.outcomes.append(outcome)

    def __enter__(self):
        self.threads = [threading.Thread(target=self.read, args=(n,), daemon=True) for n in range(self.count)]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(40)


class Writer(threading.Thread):
    """Publishes a story every `interval` seconds through the ORM (the same settings and pool as the
    site), and remembers each one whose INSERT committed: an acknowledged write."""

    def __init__(self, interval):
        super().__init__(daemon=True)
        self.interval = interval
        self.stop = threading.Event()
        self.acknowledged = {}
        self.refused = 0
        self.token = secrets.token_hex(3)

    def run(self):
        section = Section.objects.first()
        number = 0
        while not self.stop.wait(self.interval):
            number += 1
            headline = f"Chaos write {self.token} {number}"
            try:
                article = Article.objects.create(
                    headline=headline,
                    slug=f"chaos-{self.token}-{number}",
                    summary="Written while the database was being restarted.",
                    body="<p>Written while the database was being restarted.</p>",
                    section=section,
                    status=Article.Status.PUBLISHED,
                    published_at=timezone.now(),
                )
                self.acknowledged[article.pk] = headline
            except DatabaseError:
                self.refused += 1
            finally:
                # What a request's end does: the connection goes back to the pool (or is dropped).
                close_old_connections()
        connection.close()
