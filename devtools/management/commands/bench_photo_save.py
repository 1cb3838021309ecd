import subprocess
import sys
import tempfile
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.test import Client, override_settings
from django.urls import reverse

from devtools.management.commands.bench_ingest import synthetic_jpeg
from media.models import Photo, PhotoCredit
from media.tasks import build_photo_renditions

MODES = {
    # Renditions in the request, as before issue 19: the task runs as the request's transaction commits.
    "before": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    # The save queues the task (a row of the database queue) and returns; a worker builds the renditions.
    "after": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
}


def median(values):
    return sorted(values)[len(values) // 2]


def peak_rss_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def reset_peak_rss():
    # Linux: writing 5 to clear_refs sets VmHWM back to the current resident size.
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


class Command(BaseCommand):
    help = (
        "The admin's photo save of a 24-megapixel JPEG, renditions in the request (before) and queued for the "
        "worker (after): time in the request and the web process's peak memory; then the worker's build."
    )

    def add_arguments(self, parser):
        parser.add_argument("--width", type=int, default=6000)
        parser.add_argument("--height", type=int, default=4000)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--file", help="Post this JPEG (default: make one, then measure in fresh processes).")
        parser.add_argument("--mode", choices=MODES, help="Measure one mode in this process.")

    def handle(self, *args, width, height, runs, file, mode, **options):
        if mode is None:
            # Each mode in a process of its own that never made the test image (hundreds of MB).
            with tempfile.NamedTemporaryFile(suffix=".jpg") as made:
                made.write(synthetic_jpeg(width, height))
                made.flush()
                for each in MODES:
                    command = [sys.executable, "manage.py", "bench_photo_save", "--file", made.name, "--mode", each]
                    subprocess.run([*command, "--runs", str(runs)], check=True)
            return
        with open(file, "rb") as source:
            data = source.read()
        user = get_user_model().objects.create_superuser("bench-photo-save", password=None)
        credit, _ = PhotoCredit.objects.get_or_create(source="Benchmark")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        form = {"alt_text": "Benchmark", "credit": credit.pk, "focal_x": "0.5", "focal_y": "0.5"}
        form |= {"crops-TOTAL_FORMS": "0", "crops-INITIAL_FORMS": "0"}
        in_request, request_cpu, request_peaks, builds, build_cpu, build_peaks = [], [], [], [], [], []
        photos = []
        reset_peak_rss()
        resident_before = peak_rss_mb()  # Django, the admin, and this command's copy of the file
        try:
            with override_settings(TASKS=MODES[mode]):
                for _ in range(runs):
                    upload = SimpleUploadedFile("bench.jpg", data, content_type="image/jpeg")
                    reset_peak_rss()
                    started, cpu = time.perf_counter(), time.process_time()
                    response = client.post(reverse("admin:media_photo_add"), form | {"image": upload})
                    in_request.append(time.perf_counter() - started)
                    request_cpu.append(time.process_time() - cpu)
                    request_peaks.append(peak_rss_mb())
                    assert response.status_code == 302, response.status_code
                    photos.append(Photo.objects.latest("pk"))
                # The worker's part after every request: memory it kept would count against the requests.
                for photo in photos if mode == "after" else []:
                    assert photo.renditions_state == "queued"
                    reset_peak_rss()
                    started, cpu = time.perf_counter(), time.process_time()
                    assert build_photo_renditions.call(photo.pk, photo.renditions_job) == "built"
                    builds.append(time.perf_counter() - started)
                    build_cpu.append(time.process_time() - cpu)
                    build_peaks.append(peak_rss_mb())
        finally:
            files = []
            for photo in photos:
                photo.refresh_from_db()
                files = [name for entries in photo.renditions.values() for e in entries for name in e["files"].values()]
                for name in [*files, photo.image.name]:
                    photo.image.storage.delete(name)
                photo.delete()
            user.delete()
        self.stdout.write(
            f"{mode}: admin photo save of a {len(data) / 1e6:.1f} MB JPEG ({runs} runs), {len(files)} rendition "
            f"files: in the request median {median(in_request):.2f} s (min {min(in_request):.2f}; CPU "
            f"{median(request_cpu):.2f} s), web process peak {max(request_peaks):.0f} "
            f"MB ({resident_before:.0f} MB before the first request)"
            + (
                f"; the worker's build median {median(builds):.2f} s (CPU {median(build_cpu):.2f} s), "
                f"its peak {max(build_peaks):.0f} MB"
                if builds
                else ""
            )
        )
