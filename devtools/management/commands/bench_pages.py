"""Reader-page throughput under the production server: `make bench` runs this in a throwaway
PostgreSQL database (created and dropped by the Makefile).

1. Seeds N published stories with COPY (bylines, tags, related links, a few shared photos, search
   vectors; devtools/bench/stories.py) and times each phase.
2. Starts gunicorn (gunicorn.conf.py, 2 workers, DEBUG off) on 127.0.0.1, first with the cache off,
   then with it on, and drives each page with wrk: the home page, an article, the feed page reached
   by 100 "Show More" clicks, and /healthz, the trivial baseline every page is compared with. The
   pages take turns over three rounds, and each keeps its median round.
3. Counts each page's queries in-process, reads each worker's peak memory (VmHWM) and prints a table.
"""

import io
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from PIL import Image
from taggit.models import Tag

from authors.models import Author
from devtools.bench.stories import TextMaker, seed_stories
from feed.caching import content_changed
from feed.models import Article, Section
from media.models import Photo, PhotoCredit

from .bench_search import vocabulary

SLUG_PREFIX = "page-bench-"
SHOW_MORE_CLICKS = 100
SHOW_MORE_RE = re.compile(r'data-show-more href="([^"]+)"')


def wrk_seconds(value):
    """wrk's latency ("812.00us", "3.21ms", "1.02s") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = wrk_seconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = wrk_seconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(non_2xx.group(1)) if non_2xx else 0}


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


def jpeg(width, height, seed):
    image = Image.effect_mandelbrot((width, height), (-2.2 + seed / 10, -1.2, 1.0, 1.2), 40).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(f"bench-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")


class Command(BaseCommand):
    help = "Seed N stories, then measure reader pages under gunicorn with wrk, cache off and warm (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--duration", type=int, default=5, help="Seconds of wrk per page and round.")
        parser.add_argument(
            "--rounds",
            type=int,
            default=3,
            help="Rounds over all pages; each page's row is its median round. A neighbour on a shared"
            " machine can slow one 10-second run by a third; interleaved rounds keep that out of the ratios.",
        )
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--port", type=int, default=8601)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, articles, duration, rounds, connections, port, workers, **options):
        if rounds < 1:
            raise CommandError("--rounds must be at least 1.")
        if connection.vendor != "postgresql":
            raise CommandError("bench_pages measures the production set-up; point DATABASE_URL at PostgreSQL.")
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed: apt-get install -y wrk")
        self.seed(articles)
        call_command("collectstatic", "--noinput", verbosity=0)
        base = f"http://127.0.0.1:{port}"
        newest = Article.objects.published().order_by("-published_at", "-id").first()
        pages = {"baseline (/healthz)": "/healthz", "home": "/", "article": newest.get_absolute_url()}
        rows, memory = [], {}
        modes = ["off", "warm"] + (["warm-mem"] if os.environ.get("REDIS_URL") else [])
        for mode in modes:
            with self.server(port, workers, cache=mode) as master:
                if "deep feed" not in pages:
                    pages["deep feed (100 × Show More)"] = self.follow_show_more(base)
                results = {name: [] for name in pages}
                for path in pages.values():
                    # Warm-up: fills each worker's cache (or Redis) and its database connection.
                    self.run_wrk(base + path, 2, connections)
                for round_number in range(1, rounds + 1):
                    self.stdout.write(f"  wrk {mode:>4} cache, round {round_number} of {rounds} …")
                    for name, path in pages.items():
                        results[name].append(self.run_wrk(base + path, duration, connections))
                for name, path in pages.items():
                    median = sorted(results[name], key=lambda result: result["rps"])[(rounds - 1) // 2]
                    errors = sum(result["errors"] for result in results[name])
                    rows.append({"mode": mode, "page": name, "path": path, **median, "errors": errors})
                memory[mode] = max(peak_rss_mb(pid) for pid in children(master))
        self.report(rows, memory, pages, workers, connections, duration, rounds)

    # Seeding.

    def seed(self, target):
        existing = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
        if existing >= target:
            self.stdout.write(f"{existing:,} bench stories already there")
            return
        # A few shared photos (renditions are made once each, as an upload would); not timed.
        credit, _ = PhotoCredit.objects.get_or_create(photographer="Bench Photographer", source="Ledger Wire")
        photos = [
            Photo.objects.create(image=jpeg(1600, 900, n), alt_text=f"Bench photo {n}", caption="", credit=credit)
            for n in range(4)
        ]
        started = time.perf_counter()
        sections = [
            Section.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Bench section {n}", "position": n})[0]
            for n in range(6)
        ]
        authors = Author.objects.bulk_create(
            [Author(name=f"Bench Author{n}", slug=f"bench-author-{n}", role="Reporter") for n in range(40)]
        )
        tags = Tag.objects.bulk_create([Tag(name=f"Bench topic {n}", slug=f"bench-topic-{n}") for n in range(300)])
        text = TextMaker(vocabulary(), random.Random(2026))
        self.phases = {"sections, authors, tags, text pool": time.perf_counter() - started}
        self.phases |= seed_stories(
            count=target - existing,
            first_number=existing,
            slug_prefix=SLUG_PREFIX,
            text=text,
            sections=sections,
            authors=authors,
            tags=tags,
            photos=photos,
            progress=lambda step: self.stdout.write(f"  {step} ({time.perf_counter() - started:.1f} s)"),
        )
        # Bulk inserts send no signals: say so to the page cache, as feed/signals.py asks.
        content_changed()
        self.seed_seconds = time.perf_counter() - started
        self.seeded = target - existing
        self.stdout.write(
            f"Seeded {self.seeded:,} stories (bylines, 3 tags and 2 related links each, search vectors) in"
            f" {self.seed_seconds:.1f} s: {self.seeded / self.seed_seconds:,.0f} stories/s"
        )
        self.stdout.write(self.phase_breakdown())

    def phase_breakdown(self):
        return "  " + " · ".join(f"{name} {seconds:.1f} s" for name, seconds in self.phases.items())

    # The server.

    def server(self, port, workers, cache):
        """gunicorn with the cache "off", "warm" (Redis when REDIS_URL is set) or "warm-mem" (LocMem)."""
        command = self

        class Server:
            def __enter__(self):
                env = os.environ | {
                    "BIND": f"127.0.0.1:{port}",
                    "WEB_CONCURRENCY": str(workers),
                    "DEBUG": "0",
                    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
                    "SECURE_SSL_REDIRECT": "0",
                    "CACHE": "0" if cache == "off" else "1",
                    # warm-mem: each worker's own memory instead of Redis, to show what Redis costs.
                    "REDIS_URL": "" if cache == "warm-mem" else os.environ.get("REDIS_URL", ""),
                    # No worker recycling mid-run: the peak memory read afterwards is the run's.
                    "GUNICORN_MAX_REQUESTS": "0",
                }
                self.process = subprocess.Popen(
                    [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(100):
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                        break
                    except OSError:
                        time.sleep(0.2)
                else:
                    self.process.kill()
                    raise CommandError(f"gunicorn did not answer on port {port}")
                command.stdout.write(f"gunicorn up (pid {self.process.pid}, cache {cache})")
                return self.process.pid

            def __exit__(self, *exc):
                self.process.send_signal(signal.SIGTERM)
                self.process.wait(30)

        return Server()

    def follow_show_more(self, base):
        path = "/"
        for _ in range(SHOW_MORE_CLICKS):
            html = urllib.request.urlopen(base + path, timeout=30).read().decode()
            path = "/" + SHOW_MORE_RE.search(html).group(1).replace("&amp;", "&").lstrip("/")
        return path

    def run_wrk(self, url, duration, connections):
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return parse_wrk(output)

    # Queries per request, in this process, against the same database.

    def queries(self, path, warm):
        client = Client(HTTP_HOST="127.0.0.1")
        seconds = settings.NEWSROOM_PAGE_CACHE_SECONDS if warm else 0
        with override_settings(NEWSROOM_PAGE_CACHE_SECONDS=seconds):
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return len(captured)

    def report(self, rows, memory, pages, workers, connections, duration, rounds):
        out = self.stdout.write
        out("")
        out(
            f"{Article.objects.published().count():,} published stories · gunicorn {workers} sync workers on"
            f" {os.cpu_count()} cores · wrk -t2 -c{connections} -d{duration}s, median of {rounds} rounds · warm: "
            + (
                "Redis on this machine; warm-mem: each worker's memory"
                if "warm-mem" in memory
                else "each worker's memory"
            )
        )
        if hasattr(self, "seed_seconds"):
            out(
                f"seeding: {self.seeded:,} stories in {self.seed_seconds:.1f} s"
                f" ({self.seeded / self.seed_seconds:,.0f}/s)"
            )
            out(self.phase_breakdown())
        out("")
        header = f"{'cache':<9}{'page':<30}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'queries':>9}{'of baseline':>13}"
        out(header)
        out("-" * len(header))
        for mode in memory:
            mode_rows = [row for row in rows if row["mode"] == mode]
            baseline = next(row for row in mode_rows if row["path"] == "/healthz")["rps"]
            for row in mode_rows:
                queries = 0 if row["path"] == "/healthz" else self.queries(row["path"], warm=mode != "off")
                errors = f"  ({row['errors']} non-2xx!)" if row["errors"] else ""
                out(
                    f"{mode:<9}{row['page']:<30}{row['rps']:>9.1f}{row['p50']:>9.1f}{row['p99']:>9.1f}"
                    f"{queries:>9}{row['rps'] / baseline:>12.1%}{errors}"
                )
        home = {row["mode"]: row["rps"] for row in rows if row["path"] == "/"}
        deep = {row["mode"]: row["rps"] for row in rows if "before=" in row["path"]}
        out("")
        out(f"deep feed / first page, cache off: {deep['off'] / home['off']:.0%}")
        out(
            "peak worker memory (VmHWM) after the run: "
            + ", ".join(f"cache {mode}: {mb:.0f} MB" for mode, mb in memory.items())
        )
