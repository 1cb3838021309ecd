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
The load is in devtools/chaos/load.py, the faults in faults.py, the table in report.py.
"""

import os
import shlex
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.bench import newsroom
from devtools.chaos.faults import PostgreSQL, Redis, database_restart, redis_outage
from devtools.chaos.load import reader_paths, wrk_rotating
from devtools.chaos.report import report
from devtools.servers import gunicorn
from feed.models import Article


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
            newsroom.seed(options["stories"], self.stdout.write)
        pg_ctl = shlex.split(os.environ.get("CHAOS_PG_CTL", ""))
        redis_port = int(os.environ.get("CHAOS_REDIS_PORT", "0"))
        if not pg_ctl or not redis_port:
            raise CommandError("Set CHAOS_PG_CTL and CHAOS_REDIS_PORT (chaos/run.sh does).")
        workdir = Path(os.environ.get("CHAOS_DIR") or settings.BASE_DIR / "var" / "chaos")
        workdir.mkdir(parents=True, exist_ok=True)
        postgres, redis = PostgreSQL(pg_ctl), Redis(redis_port, workdir)
        log = workdir / "gunicorn.log"
        server = gunicorn(
            port,
            workers=workers,
            env={"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"},
            args=["--pid", str(workdir / "gunicorn.pid")],
            log=log,
        )
        redis.start()
        try:
            with server:
                paths = reader_paths(port)
                stories = Article.objects.published().count()
                # This thread's connection would not survive the restart; later queries take a new one.
                connection.close()
                self.stdout.write(f"load: wrk, {readers} connections, {load_seconds} s over {len(paths)} pages …")
                load = wrk_rotating(port, paths, readers, load_seconds, workdir)
                self.stdout.write(
                    f"database restart: {readers} readers and a writer; PostgreSQL down {down_seconds} s …"
                )
                restart = database_restart(postgres, port, paths, readers, down_seconds, options["write_interval"])
                self.stdout.write(f"Redis outage: {readers} readers; Redis killed for {redis_down_seconds} s …")
                outage = redis_outage(redis, port, paths, readers, redis_down_seconds)
            outage["logged"] = log.read_text().count("Exception ignored")
        finally:
            redis.kill()
        failures = report(self.stdout.write, stories, workers, readers, load, restart, outage)
        if failures:
            kept = settings.BASE_DIR / "var" / "chaos-gunicorn.log"
            kept.parent.mkdir(exist_ok=True)
            shutil.copyfile(log, kept)
            raise CommandError("Not met: " + "; ".join(failures) + f" (the server's log: {kept})")
