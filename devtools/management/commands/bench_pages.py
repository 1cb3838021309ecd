"""Reader-page throughput under the production server: `make bench` runs this in a throwaway
PostgreSQL database (created and dropped by the Makefile).

1. Seeds N published stories with COPY (bylines, tags, related links, a few shared photos, search
   vectors; devtools/bench/stories.py) and times each phase.
2. Starts gunicorn (gunicorn.conf.py, 2 workers, DEBUG off) on 127.0.0.1, first with the cache off,
   then with it on, and drives each page with wrk: the home page, an article, the feed page reached
   by 100 "Show More" clicks (or the last, with fewer stories), the poll endpoint of a live story with
   40 updates asked with the ETag of its last answer (a 304, as a reader's page polls while nothing
   is new), and /healthz, the trivial baseline every page is compared with. The pages take turns over
   three rounds, and each keeps its median.
3. Counts each page's queries in-process, reads each worker's peak memory (VmHWM) and prints a table.
4. Measures the time from an update's commit to the first poll that returns it, polling every second
   (devtools/bench/live.py), with the cache on when it is Redis, which this process shares with the
   workers (each worker's own memory would keep the old poll answer), else with the cache off.
"""

import os
import shutil

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from devtools.bench import live, newsroom
from devtools.bench.wrk import show_more_trail, wrk
from devtools.servers import gunicorn
from feed.models import Article

SHOW_MORE_CLICKS = 100
LIVE_POLL = "live poll, 304 (40 updates)"
LATENCY_UPDATES = 10
API_LIST = "API story list (20)"
POLL_TARGET = 0.6  # of /healthz's requests per second, with the cache on


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


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
        self.seeding = newsroom.seed(articles, self.stdout.write)
        live_story = live.seed_live_story()
        call_command("collectstatic", "--noinput", verbosity=0)
        base = f"http://127.0.0.1:{port}"
        newest = Article.objects.published().exclude(pk=live_story.story.pk).order_by("-published_at", "-id").first()
        pages = {
            "baseline (/healthz)": "/healthz",
            "home": "/",
            "article": newest.get_absolute_url(),
            LIVE_POLL: live_story.poll_path,
            API_LIST: "/api/stories/?limit=20",
        }
        rows, memory = [], {}
        modes = ["off", "warm"] + (["warm-mem"] if os.environ.get("REDIS_URL") else [])
        latency_mode = "warm" if os.environ.get("REDIS_URL") else "off"
        for mode in modes:
            with self.server(port, workers, cache=mode) as server:
                self.stdout.write(f"gunicorn up (pid {server.pid}, cache {mode})")
                if not any(name.startswith("deep feed") for name in pages):
                    pages.update([self.deep_feed(base)])
                results = {name: [] for name in pages}
                for path in pages.values():
                    # Warm-up: fills each worker's cache (or Redis) and its database connection.
                    wrk(base + path, connections=connections, seconds=2)
                # The poll is asked as a page that has the newest updates asks: with their ETag.
                headers = {LIVE_POLL: {"If-None-Match": live.current_etag(base, live_story.poll_path)}}
                for round_number in range(1, rounds + 1):
                    self.stdout.write(f"  wrk {mode:>4} cache, round {round_number} of {rounds} …")
                    for name, path in pages.items():
                        result = wrk(base + path, connections=connections, seconds=duration, headers=headers.get(name))
                        results[name].append(result)
                for name, path in pages.items():
                    median = sorted(results[name], key=lambda result: result["rps"])[(rounds - 1) // 2]
                    errors = sum(result["errors"] for result in results[name])
                    rows.append({"mode": mode, "page": name, "path": path, **median, "errors": errors})
                memory[mode] = max(peak_rss_mb(pid) for pid in children(server.pid))
                if mode == latency_mode:
                    self.stdout.write(f"  update to poll, cache {mode}: {LATENCY_UPDATES} updates …")
                    latency = live.update_latency(base, live_story, updates=LATENCY_UPDATES)
        self.report(rows, memory, pages, workers, connections, duration, rounds)
        self.report_live(rows, latency, latency_mode)

    # The server.

    def server(self, port, workers, cache):
        """gunicorn with the cache "off", "warm" (Redis when REDIS_URL is set) or "warm-mem" (LocMem)."""
        env = {
            "CACHE": "0" if cache == "off" else "1",
            # warm-mem: each worker's own memory instead of Redis, to show what Redis costs.
            "REDIS_URL": "" if cache == "warm-mem" else os.environ.get("REDIS_URL", ""),
            # wrk is one client: the API's budget per client would answer it 429 after 120 requests.
            "API_RATE": "100000000/min",
        }
        return gunicorn(port, workers=workers, env=env)

    def deep_feed(self, base):
        """The feed page SHOW_MORE_CLICKS "Show More" clicks reach, or the last one: its row's name and path."""
        trail = show_more_trail(base, SHOW_MORE_CLICKS)
        if not trail:
            raise CommandError("The home page has no Show More link: seed more stories (--articles).")
        return f"deep feed ({len(trail)} × Show More)", trail[-1]

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
        if self.seeding:
            seeding = self.seeding
            out(f"seeding: {seeding.stories:,} stories in {seeding.seconds:.1f} s ({seeding.rate:,.0f}/s)")
            out(seeding.phase_breakdown())
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
        api_list = {row["mode"]: row["rps"] for row in rows if row["page"] == API_LIST}
        out(f"API story list (20) / home page, cache off: {api_list['off'] / home['off']:.0%} (target: 100% or more)")
        out(
            "peak worker memory (VmHWM) after the run: "
            + ", ".join(f"cache {mode}: {mb:.0f} MB" for mode, mb in memory.items())
        )

    def report_live(self, rows, latency, latency_mode):
        out = self.stdout.write
        out("")
        for row in rows:
            if row["page"] == LIVE_POLL and row["mode"] != "off":
                baseline = next(other for other in rows if other["mode"] == row["mode"] and other["path"] == "/healthz")
                ratio = row["rps"] / baseline["rps"]
                verdict = "met" if ratio >= POLL_TARGET else "NOT met"
                out(
                    f"live poll answered 304, cache {row['mode']}: {row['rps']:.0f} req/s, {ratio:.0%} of /healthz"
                    f" (target {POLL_TARGET:.0%}: {verdict})"
                )
        target = 2 + latency.interval
        verdict = "met" if latency.worst < target else "NOT met"
        seconds = ", ".join(f"{value:.2f}" for value in sorted(latency.seconds))
        out(
            f"update commit to first poll returning it, polling every {latency.interval:g} s, cache {latency_mode}:"
            f" median {latency.median:.2f} s, worst {latency.worst:.2f} s over {len(latency.seconds)} updates"
            f" (target under {target:g} s: {verdict}); each: {seconds}"
        )
