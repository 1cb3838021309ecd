import io
import subprocess
import sys
import tempfile
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image

from devtools.bench.processes import peak_rss_mb
from media.images import read_credit, validate_image_upload
from media.models import Photo, PhotoCredit


def synthetic_jpeg(width, height):
    """A detailed (not flat) test photo, so the encoders do real work."""
    image = Image.effect_mandelbrot((width, height), (-2.2, -1.2, 1.0, 1.2), 60).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(image, noise, 0.25).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Time and peak memory to ingest one 24-megapixel JPEG: checks, cleaning and all renditions."

    def add_arguments(self, parser):
        parser.add_argument("--width", type=int, default=6000)
        parser.add_argument("--height", type=int, default=4000)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--file", help="Ingest this JPEG (default: make one, then measure in a fresh process).")

    def handle(self, *args, width, height, runs, file, **options):
        if file is None:
            # Making the test image takes hundreds of MB; measure in a process that never did.
            with tempfile.NamedTemporaryFile(suffix=".jpg") as made:
                made.write(synthetic_jpeg(width, height))
                made.flush()
                command = [sys.executable, "manage.py", "bench_ingest", "--file", made.name, "--runs", str(runs)]
                subprocess.run(command, check=True)
            return
        with open(file, "rb") as source:
            data = source.read()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        rss_before = peak_rss_mb()
        timings = []
        for _ in range(runs):
            upload = SimpleUploadedFile("bench.jpg", data, content_type="image/jpeg")
            with transaction.atomic():
                started = time.perf_counter()
                validate_image_upload(upload)
                read_credit(upload)
                credit, _ = PhotoCredit.objects.get_or_create(source="Benchmark")
                photo = Photo.objects.create(image=upload, alt_text="Benchmark", credit=credit)
                timings.append(time.perf_counter() - started)
                files = sum(len(entry["files"]) for entries in photo.renditions.values() for entry in entries)
                transaction.set_rollback(True)
            for entries in photo.renditions.values():
                for entry in entries:
                    for name in entry["files"].values():
                        photo.image.storage.delete(name)
            photo.image.storage.delete(photo.image.name)
        peak_mb = peak_rss_mb()
        self.stdout.write(
            f"Ingest of a {width}x{height} ({width * height / 1e6:.0f} MP) JPEG of {len(data) / 1e6:.1f} MB "
            f"into {files} rendition files: median {sorted(timings)[len(timings) // 2]:.2f} s "
            f"(min {min(timings):.2f} s, {runs} runs); process peak RSS {peak_mb:.0f} MB "
            f"({rss_before:.0f} MB before the first run)."
        )
