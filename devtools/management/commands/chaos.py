"""Staying up when parts fail: `make chaos` (chaos/run.sh) runs this against its own throwaway
PostgreSQL cluster and Redis server, never the shared ones, and prints a table of what it measured.

1. Load: wrk, 50 connections for 60 s over the home page, articles and "Show More" feed pages.
2. Database restart: 50 reader threads and one writer; PostgreSQL is stopped abruptly
   (`pg_ctl stop -m immediate`, as a crash) and started again. Readers may get 503s only while it
   is down; none may fail a second after it is back; every write the writer saw committed is there.
3. Redis outage: Redis is killed (SIGKILL) under 50 readers and started again; no server errors.

Exits non-zero when any of these is not met. The PostgreSQL cluster is given to it as CHAOS_PG_CTL
(a pg_ctl command line with -D and -l for the throwaway cluster); it starts Redis on CHAOS_REDIS_PORT
and gunicorn itself, with their pid files and gunicorn's log in CHAOS_DIR (chaos/run.sh cleans up).
"""

import http.client
import logging
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

from feed.models import Article, Section

from .bench_pages import SHOW_MORE_RE, parse_wrk
from .bench_pages import Command as BenchPages

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


@dataclass(frozen=True)
class Outcome:
    started: float
    finished: float
    status: int | None  # None: no HTTP answer at all (refused, reset, timed out)
    error: str = ""

    @property
    def failed(self):
        return self.status != 200


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


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


class Command(BaseCommand):
    help = "Load, database restart and Redis outage against a throwaway PostgreSQL and Redis (make chaos)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8701)
        parser.add_argument("--stories", type=int, default=1000, help="Seeded as `make bench` does, if none yet.")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--readers", type=int, default=50)
        parser.add_argument("--load-seconds", type=int, default=60)
        parser.add_argument("--down-seconds", type=float, default=5.0, help="How long PostgreSQL stays down.")
        parser.add_argument("--redis-down-seconds", type=float, default=6.0)
        parser.add_argument("--write-interval", type=float, default=0.1)

    def handle(self, *args, port, workers, readers, load_seconds, down_seconds, redis_down_seconds, **options):
        if connection.vendor != "postgresql":
            raise CommandError("chaos restarts PostgreSQL: point DATABASE_URL at the throwaway cluster.")
        if not Article.objects.exists():
            BenchPages(stdout=self.stdout).seed(options["stories"])
        pg_ctl = shlex.split(os.environ.get("CHAOS_PG_CTL", ""))
        redis_port = int(os.environ.get("CHAOS_REDIS_PORT", "0"))
        if not pg_ctl or not redis_port:
            raise CommandError("Set CHAOS_PG_CTL and CHAOS_REDIS_PORT (chaos/run.sh does).")
        self.pg_ctl, self.redis_port, self.port = pg_ctl, redis_port, port
        self.workdir = Path(os.environ.get("CHAOS_DIR") or settings.BASE_DIR / "var" / "chaos")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.redis = None
        self.start_redis()
        try:
            with self.gunicorn(workers) as log:
                paths = self.reader_paths()
                stories = Article.objects.published().count()
                # This thread's connection would not survive the restart; later queries take a new one.
                connection.close()
                load = self.load(paths, readers, load_seconds)
                restart = self.database_restart(paths, readers, down_seconds, options["write_interval"])
                outage = self.redis_outage(paths, readers, redis_down_seconds)
            outage["logged"] = log.read_text().count("Exception ignored")
        finally:
            self.stop_redis()
        failures = self.report(stories, workers, readers, load, restart, outage)
        if failures:
            kept = settings.BASE_DIR / "var" / "chaos-gunicorn.log"
            kept.parent.mkdir(exist_ok=True)
            shutil.copyfile(log, kept)
            raise CommandError("Not met: " + "; ".join(failures) + f" (the server's log: {kept})")

    # The servers.

    def start_redis(self):
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--pidfile",
                str(self.workdir / "redis.pid"),
            ],
            stdout=subprocess.DEVNULL,
        )
        self.wait_for(lambda: self.redis_answers(), "Redis")

    def stop_redis(self):
        if self.redis and self.redis.poll() is None:
            self.redis.kill()
            self.redis.wait(10)

    def redis_answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def database_answers(self):
        params = connection.get_connection_params()
        try:
            with psycopg.connect(
                host=params.get("host"),
                port=params.get("port"),
                user=params.get("user"),
                dbname=params.get("dbname"),
                connect_timeout=1,
            ) as probe:
                probe.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    def wait_for(self, answers, name, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if answers():
                return time.monotonic()
            time.sleep(0.05)
        raise CommandError(f"{name} did not come up within {seconds} s")

    def gunicorn(self, workers):
        command = self
        log = self.workdir / "gunicorn.log"

        class Server:
            def __enter__(self):
                env = os.environ | {
                    "BIND": f"127.0.0.1:{command.port}",
                    "WEB_CONCURRENCY": str(workers),
                    "DEBUG": "0",
                    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
                    "SECURE_SSL_REDIRECT": "0",
                    "REDIS_URL": f"redis://127.0.0.1:{command.redis_port}/0",
                    "GUNICORN_MAX_REQUESTS": "0",
                }
                self.log_file = log.open("w")
                self.process = subprocess.Popen(
                    [
                        str(Path(sys.executable).with_name("gunicorn")),
                        "-c",
                        "gunicorn.conf.py",
                        "--pid",
                        str(command.workdir / "gunicorn.pid"),
                    ],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=self.log_file,
                    stderr=subprocess.STDOUT,
                )

                def answers():
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{command.port}/healthz", timeout=1)
                        return True
                    except OSError:
                        return False

                try:
                    command.wait_for(answers, "gunicorn")
                except CommandError:
                    self.__exit__()
                    raise
                return log

            def __exit__(self, *exc):
                self.process.send_signal(signal.SIGTERM)
                self.process.wait(30)
                self.log_file.close()

        return Server()

    def reader_paths(self):
        """The home page, the newest ten articles, a section and three "Show More" pages."""
        base = f"http://127.0.0.1:{self.port}"
        articles = [
            article.get_absolute_url() for article in Article.objects.published().order_by("-published_at")[:10]
        ]
        section = Section.objects.first()
        paths = ["/", *articles, f"/section/{section.slug}/"]
        path = "/"
        for _ in range(3):
            html = urllib.request.urlopen(base + path, timeout=30).read().decode()
            found = SHOW_MORE_RE.search(html)
            if not found:
                break
            path = "/" + found.group(1).replace("&amp;", "&").lstrip("/")
            paths.append(path)
        for path in paths:
            status = urllib.request.urlopen(base + path, timeout=30).status
            if status != 200:
                raise CommandError(f"{path} answered {status} before any chaos")
        return paths

    # The three checks.

    def load(self, paths, readers, seconds):
        self.stdout.write(f"load: wrk, {readers} connections, {seconds} s over {len(paths)} pages …")
        script = self.workdir / "rotate.lua"
        script.write_text(WRK_ROTATE_PATHS % ", ".join(f'"{path}"' for path in paths))
        output = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{readers}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                str(script),
                f"http://127.0.0.1:{self.port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = parse_wrk(output)
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        result["socket_errors"] = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
        result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
        return result

    def database_restart(self, paths, readers, down_seconds, write_interval):
        self.stdout.write(f"database restart: {readers} readers and a writer; PostgreSQL down {down_seconds} s …")
        # Search pages are never cached: with them in the mix, some readers need the database all along.
        paths = [*paths, "/search/?q=city", "/search/?q=council+budget"]
        # The writer's pool says each failed reconnection; the table says what matters.
        logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
        writer = Writer(write_interval)
        with Readers(self.port, paths, readers) as load:
            writer.start()
            time.sleep(5)
            went_down = time.monotonic()
            subprocess.run([*self.pg_ctl, "stop", "-m", "immediate", "-w"], check=True, capture_output=True)
            time.sleep(down_seconds)
            subprocess.run([*self.pg_ctl, "start"], check=True, capture_output=True)
            came_back = self.wait_for(self.database_answers, "PostgreSQL")
            time.sleep(10)
            writer.stop.set()
            writer.join(30)
        connection.close()
        outcomes = load.outcomes
        grace = came_back + 1
        present = dict(Article.objects.filter(pk__in=writer.acknowledged).values_list("pk", "headline"))
        return {
            "downtime": came_back - went_down,
            "requests": len(outcomes),
            "during": [o for o in outcomes if o.started < grace and o.finished > went_down],
            "errors_during": sum(o.failed for o in outcomes if o.started < grace and o.finished > went_down),
            "errors_before": sum(o.failed for o in outcomes if o.finished <= went_down),
            "errors_after": sum(o.failed for o in outcomes if o.started >= grace),
            "requests_after": sum(o.started >= grace for o in outcomes),
            "statuses": Counter(o.status or o.error for o in outcomes),
            "last_error_after_back": max((o.finished - came_back for o in outcomes if o.failed), default=None),
            "acknowledged": len(writer.acknowledged),
            "present": sum(present.get(pk) == headline for pk, headline in writer.acknowledged.items()),
            "refused": writer.refused,
        }

    def redis_outage(self, paths, readers, down_seconds):
        self.stdout.write(f"Redis outage: {readers} readers; Redis killed for {down_seconds} s …")
        with Readers(self.port, paths, readers) as load:
            time.sleep(5)
            went_down = time.monotonic()
            self.redis.kill()
            self.redis.wait(10)
            time.sleep(down_seconds)
            self.start_redis()
            came_back = time.monotonic()
            time.sleep(5)
        outcomes = load.outcomes
        during = [o for o in outcomes if went_down <= o.started < came_back]
        return {
            "requests": len(outcomes),
            "requests_during": len(during),
            "p99_during": percentile([o.finished - o.started for o in during], 0.99) * 1000,
            "median_during": statistics.median(o.finished - o.started for o in during) * 1000 if during else 0,
            "server_errors": sum(o.status is None or o.status >= 500 for o in outcomes),
            "errors": sum(o.failed for o in outcomes),
            "statuses": Counter(o.status or o.error for o in outcomes),
        }

    def report(self, stories, workers, readers, load, restart, outage):
        out = self.stdout.write
        failures = []

        def row(check, figure, met):
            if not met:
                failures.append(f"{check}: {figure}")
            out(f"{check:<44}{figure:<52}{'ok' if met else 'NOT MET'}")

        out("")
        out(
            f"make chaos · {stories:,} published stories · gunicorn {workers} sync workers on {os.cpu_count()} cores"
            f" · own PostgreSQL and Redis · {readers} concurrent readers"
        )
        out("")
        header = f"{'check':<44}{'figure':<52}result"
        out(header)
        out("-" * len(header))
        row(
            "load: wrk, home/article/Show More",
            f"{load['requests']:,} req, {load['rps']:.0f}/s, p50 {load['p50']:.0f} ms, p99 {load['p99']:.0f} ms",
            True,
        )
        row(
            "load: errors (non-2xx/3xx + socket)",
            f"{load['errors']} + {load['socket_errors']}",
            load["errors"] + load["socket_errors"] == 0,
        )
        row("db restart: downtime (stop -> answering)", f"{restart['downtime']:.1f} s", True)
        row("db restart: errors before the stop", str(restart["errors_before"]), restart["errors_before"] == 0)
        row(
            "db restart: errors while down (+1 s)",
            f"{restart['errors_during']} of {len(restart['during']):,} requests",
            True,
        )
        row(
            "db restart: errors from back+1 s",
            f"{restart['errors_after']} of {restart['requests_after']:,} requests"
            + (
                f" (last error {restart['last_error_after_back']:+.1f} s from back)"
                if restart["last_error_after_back"] is not None
                else ""
            ),
            restart["errors_after"] == 0,
        )
        statuses = restart["statuses"]
        row(
            "db restart: answers seen",
            ", ".join(f"{status}: {count:,}" for status, count in sorted(statuses.items(), key=str)),
            not any(status != 200 and status != 503 for status in statuses),
        )
        row(
            "db restart: acknowledged writes present",
            f"{restart['present']} of {restart['acknowledged']} ({restart['refused']} refused while down)",
            restart["present"] == restart["acknowledged"] > 0,
        )
        row(
            "redis killed: server errors",
            f"{outage['server_errors']} of {outage['requests']:,} requests ({outage['requests_during']:,} while down)",
            outage["server_errors"] == 0 and outage["errors"] == 0,
        )
        row(
            "redis killed: latency while down",
            f"median {outage['median_during']:.0f} ms, p99 {outage['p99_during']:.0f} ms",
            True,
        )
        row("redis killed: ignored cache errors logged", f"{outage['logged']:,}", outage["logged"] > 0)
        return failures
