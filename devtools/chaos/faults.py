"""What the chaos run breaks, and what the readers and the writer saw meanwhile: PostgreSQL stopped
as in a crash and started again, Redis killed and started again."""

import logging
import socket
import statistics
import subprocess
import time
from collections import Counter

import psycopg
from django.db import connection

from devtools.chaos.load import Readers, Writer
from devtools.servers import wait_until
from feed.models import Article


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


class Redis:
    """A redis-server of its own on 127.0.0.1:`port`, without persistence; its pid file in `workdir`."""

    def __init__(self, port, workdir):
        self.port, self.workdir = port, workdir
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
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
        return wait_until(self.answers, "Redis")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class PostgreSQL:
    """The throwaway cluster behind DATABASE_URL, driven by `pg_ctl` (a command line with -D and -l)."""

    def __init__(self, pg_ctl):
        self.pg_ctl = pg_ctl

    def crash(self):
        subprocess.run([*self.pg_ctl, "stop", "-m", "immediate", "-w"], check=True, capture_output=True)

    def start(self):
        subprocess.run([*self.pg_ctl, "start"], check=True, capture_output=True)
        return wait_until(self.answers, "PostgreSQL")

    def answers(self):
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


def database_restart(postgres, port, paths, readers, down_seconds, write_interval):
    """Readers and a writer; PostgreSQL crashes, stays down `down_seconds` and comes back."""
    # Search pages are never cached: with them in the mix, some readers need the database all along.
    paths = [*paths, "/search/?q=city", "/search/?q=council+budget"]
    # The writer's pool says each failed reconnection; the table says what matters.
    logging.getLogger("psycopg.pool").setLevel(logging.ERROR)
    writer = Writer(write_interval)
    with Readers(port, paths, readers) as load:
        writer.start()
        time.sleep(5)
        went_down = time.monotonic()
        postgres.crash()
        time.sleep(down_seconds)
        came_back = postgres.start()
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


def redis_outage(redis, port, paths, readers, down_seconds):
    """Readers; Redis is killed, stays down `down_seconds` and is started again."""
    with Readers(port, paths, readers) as load:
        time.sleep(5)
        went_down = time.monotonic()
        redis.kill()
        time.sleep(down_seconds)
        redis.start()
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
