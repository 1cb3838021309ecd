import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings
from django.urls import reverse

from devtools.bench.processes import children, peak_rss_mb, reset_peak_rss, rss_mb
from devtools.management.commands.bench_ingest import synthetic_jpeg
from devtools.servers import gunicorn
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


def multipart_body(fields, path, boundary):
    """A form post's body in a temporary file, the photo copied in from disk: a browser's upload as a
    server receives it, streamed, without the client holding the photo in memory."""
    body = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, for the caller to close)
    for name, value in fields.items():
        body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    body.write(
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="bench.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
    )
    with open(path, "rb") as photo:
        shutil.copyfileobj(photo, body)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    body.seek(0)
    return body


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
        parser.add_argument("--port", type=int, default=8641, help="gunicorn's port for the web worker's figure.")

    def handle(self, *args, width, height, runs, file, mode, port, **options):
        if mode is None:
            # Each mode in a process of its own that never made the test image (hundreds of MB).
            with tempfile.NamedTemporaryFile(suffix=".jpg") as made:
                made.write(synthetic_jpeg(width, height))
                made.flush()
                for each in MODES:
                    command = [sys.executable, "manage.py", "bench_photo_save", "--file", made.name, "--mode", each]
                    subprocess.run([*command, "--runs", str(runs)], check=True)
                self.in_gunicorn_worker(made.name, runs, port)
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

    def in_gunicorn_worker(self, path, runs, port):
        """The "after" save posted to a gunicorn worker as a browser posts it: the worker's peak memory
        is the production figure (the test client holds copies of the upload that a worker does not)."""
        password = secrets.token_urlsafe()
        user = get_user_model().objects.create_superuser("bench-photo-save-worker", password=password)
        credit, _ = PhotoCredit.objects.get_or_create(source="Benchmark")
        form = {"alt_text": "Benchmark", "credit": credit.pk, "focal_x": "0.5", "focal_y": "0.5"}
        form |= {"crops-TOTAL_FORMS": "0", "crops-INITIAL_FORMS": "0"}
        add_path = reverse("admin:media_photo_add")
        in_request, peaks, known = [], [], set(Photo.objects.values_list("pk", flat=True))
        env = {"STATIC_MANIFEST": "0", "CACHE": "0"}
        try:
            with gunicorn(port, workers=1, env=env) as server:
                (worker,) = children(server.pid)
                browser = Browser(port)
                login = {"username": user.username, "password": password}
                browser.post_form(reverse("admin:login"), login, expect=302)
                for _ in range(runs):
                    token = browser.csrf_token(add_path)
                    boundary = "bench-" + os.urandom(8).hex()
                    with multipart_body(form | {"csrfmiddlewaretoken": token}, path, boundary) as body:
                        resident = rss_mb(worker)
                        reset_peak_rss(worker)
                        started = time.perf_counter()
                        browser.request("POST", add_path, body, f"multipart/form-data; boundary={boundary}", expect=302)
                        in_request.append(time.perf_counter() - started)
                    peaks.append(peak_rss_mb(worker))
        finally:
            for photo in Photo.objects.exclude(pk__in=known):
                photo.image.storage.delete(photo.image.name)
                photo.delete()
            user.delete()
        self.stdout.write(
            f"after, in a gunicorn worker: admin photo save posted over HTTP ({runs} runs): in the request median "
            f"{median(in_request):.2f} s (min {min(in_request):.2f}), the worker's peak {max(peaks):.0f} MB "
            f"({resident:.0f} MB resident before the last request)"
        )


class Browser:
    """Just enough of one to log in to the admin and post its forms: cookies and CSRF tokens."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies = {}

    def request(self, method, path, body=None, content_type=None, expect=200):
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Content-Length"] = str(len(body) if isinstance(body, bytes) else os.fstat(body.fileno()).st_size)
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        page = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        if response.status != expect:
            raise CommandError(f"{method} {path} answered {response.status}, not {expect}")
        return page

    def csrf_token(self, path):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.request("GET", path))[1]

    def post_form(self, path, fields, expect):
        body = urlencode(fields | {"csrfmiddlewaretoken": self.csrf_token(path)}).encode()
        return self.request("POST", path, body, "application/x-www-form-urlencoded", expect=expect)
