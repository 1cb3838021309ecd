"""`make chaos`, the task worker's part: renditions of 20 photos queued, the worker killed with SIGKILL while it
builds them, then started again with the sweep; every photo must end with all its renditions, each built once."""

import signal
import subprocess
import sys
import time
from collections import Counter

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools.bench.newsroom import jpeg
from media.models import Photo, PhotoCredit
from media.tasks import sweep_renditions


def worker():
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "-v0"]
    )


def states(photos):
    return Counter(Photo.objects.filter(pk__in=photos).values_list("renditions_state", flat=True))


class Command(BaseCommand):
    help = (
        "Kills the task worker (SIGKILL) while it builds the renditions of 20 photos; checks none is lost or doubled."
    )

    def add_arguments(self, parser):
        parser.add_argument("--photos", type=int, default=20)
        parser.add_argument("--timeout", type=float, default=1200)

    def handle(self, *args, photos, timeout, **options):
        from django_tasks_db.models import DBTaskResult

        if connection.settings_dict["ENGINE"] != "django.db.backends.postgresql":
            self.stdout.write("(not PostgreSQL: the database queue is the one of this database)")
        credit, _ = PhotoCredit.objects.get_or_create(photographer="Chaos", source="Ledger Wire")
        ids = [
            Photo.objects.create(image=jpeg(1600, 900, n), alt_text=f"Chaos {n}", credit=credit).pk
            for n in range(photos)
        ]
        self.stdout.write(f"== {photos} photos queued; worker started")
        first = worker()
        deadline = time.monotonic() + timeout
        # Killed in the middle of a build: some photos done, one running.
        while not (states(ids)["ready"] >= photos // 4 and DBTaskResult.objects.filter(status="RUNNING").exists()):
            if time.monotonic() > deadline or first.poll() is not None:
                first.kill()
                raise CommandError("the worker built nothing, or stopped by itself")
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
        at_kill = states(ids)
        running = DBTaskResult.objects.filter(status="RUNNING").count()
        self.stdout.write(
            f"   SIGKILL with {at_kill['ready']} ready, {at_kill['queued']} queued ({running} task left RUNNING)"
        )
        second = worker()
        try:
            while states(ids)["queued"]:
                if time.monotonic() > deadline:
                    raise CommandError(f"photos still queued after {timeout:.0f} s: {states(ids)}")
                # The scheduler's sweep (every minute, for photos queued longer than 5 minutes), run here.
                sweep_renditions.call(lost_after_seconds=60)
                time.sleep(5)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(60)
        builds = Counter(
            result.args_kwargs["args"][0]
            for result in DBTaskResult.objects.filter(status="SUCCESSFUL", task_path__endswith="build_photo_renditions")
            if result.return_value == "built"
        )
        problems = []
        for photo in Photo.objects.filter(pk__in=ids):
            names = {name for entries in photo.renditions.values() for e in entries for name in e["files"].values()}
            on_disk = set(default_storage.listdir(f"renditions/{photo.pk}")[1])
            if photo.renditions_state != "ready" or not photo.renditions.get("lead"):
                problems.append(f"photo {photo.pk}: {photo.renditions_state} {photo.renditions_error}")
            if not all(default_storage.exists(name) for name in names):
                problems.append(f"photo {photo.pk}: a rendition file is missing")
            if on_disk != {name.rsplit("/", 1)[1] for name in names}:
                problems.append(f"photo {photo.pk}: {len(on_disk)} files on disk for {len(names)} renditions")
            if builds[photo.pk] != 1:
                problems.append(f"photo {photo.pk}: built {builds[photo.pk]} times")
        self.stdout.write(
            f"   after the restart: {states(ids)['ready']}/{photos} ready, builds per photo "
            f"{sorted(Counter(builds[pk] for pk in ids).items())} (count: photos), "
            f"{DBTaskResult.objects.filter(status='RUNNING').count()} task row(s) left RUNNING by the kill"
        )
        if problems:
            raise CommandError("; ".join(problems))
        self.stdout.write("== worker killed mid-build: every photo has all its renditions, each built once")
