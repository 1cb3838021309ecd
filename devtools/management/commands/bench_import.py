import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from devtools.bench.wordpress_export import write_export, write_photos

from .bench_ingest import peak_rss_mb


class Command(BaseCommand):
    help = (
        "Time and peak memory of import_wordpress on a generated export (default 10,000 posts and 1,000 "
        "photos), then of importing it again; run against a throwaway database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--photos", type=int, default=1_000)
        # The measured run, in a process of its own (used by the command itself).
        parser.add_argument("--run", nargs=2, metavar=("EXPORT", "MEDIA_DIR"), help=argparse.SUPPRESS)

    def handle(self, *args, posts, photos, run, **options):
        if run:
            self._measure(*run)
            return
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            uploads = Path(folder) / "uploads"
            paths = write_photos(uploads, photos)
            export = Path(folder) / "export.xml"
            write_export(export, posts=posts, photo_paths=paths)
            megabytes = export.stat().st_size / 1e6
            self.stdout.write(
                f"Generated {posts:,} posts and {photos:,} photos ({megabytes:.0f} MB of XML) "
                f"in {time.perf_counter() - started:.0f} s; DEBUG {'on' if settings.DEBUG else 'off'}"
            )
            user = get_user_model().objects.filter(username="bench-importer").first()
            if user is None:
                get_user_model().objects.create_superuser("bench-importer", "bench@example.org", None)
            # Each run in a process of its own, so that its peak memory is the import's alone.
            for label in ("first import", "second import (nothing changed)"):
                output = subprocess.run(
                    [sys.executable, "manage.py", "bench_import", "--run", str(export), str(uploads)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                figures = json.loads(output.strip().splitlines()[-1])
                self.stdout.write(
                    f"{label}: {figures['seconds']:.0f} s ({figures['cpu_seconds']:.0f} s of CPU), "
                    f"peak {figures['peak_mb']:.0f} MB; "
                    f"{figures['imported']} imported, {figures['updated']} updated, {figures['unchanged']} unchanged, "
                    f"{figures['photos']} photos, {figures['redirects']} redirects"
                )

    def _measure(self, export, media_dir):
        from imports.wordpress import WordPressImport

        user = get_user_model().objects.get(username="bench-importer")
        started, cpu_started = time.perf_counter(), time.process_time()
        report = WordPressImport(export, user=user, media_dir=media_dir).run()
        figures = {
            "seconds": time.perf_counter() - started,
            # On a shared machine the wall time says more about the others' load than about the import.
            "cpu_seconds": time.process_time() - cpu_started,
            "peak_mb": peak_rss_mb(),
            "imported": report.imported,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "photos": report.photos_imported,
            "redirects": report.redirects_made,
        }
        self.stdout.write(json.dumps(figures))
