"""`manage.py serve` (what `make serve` runs): the site as production serves it on one machine, nginx
in front of gunicorn.

gunicorn's sync workers each serve one connection at a time, so a few clients that send their request
slowly would hold all of them. nginx takes each request whole before passing it on, over a Unix
socket that nothing else can reach, and serves the uploads itself. Beside them, the task worker and the
scheduler (docs/operations.md, "Background work"). Stops them all on Ctrl+C or SIGTERM, and the others
when one of them exits.
"""

import getpass
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

# The header nginx writes the client's address into; gunicorn's REMOTE_ADDR is the socket's.
CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"


def nginx_binary():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def write_nginx_config(run_dir, listen):
    """The nginx configuration for serving from `run_dir` on `listen` (host:port); returns its path."""
    run_dir.mkdir(parents=True, exist_ok=True)
    config = run_dir / "nginx.conf"
    config.write_text(
        render_to_string(
            "newsroom/nginx.conf",
            {
                "run_dir": run_dir,
                "socket": run_dir / "gunicorn.sock",
                "listen": listen,
                "media_root": settings.MEDIA_ROOT,
                # Run as root (as in a container), nginx would hand its workers to "nobody", who
                # cannot read the uploads; they stay with whoever runs `make serve`.
                "user": getpass.getuser() if os.geteuid() == 0 else None,
            },
        )
    )
    return config


def start(run_dir, listen, *, gunicorn_args=(), env=None):
    """Starts gunicorn on the socket and nginx in front of it; returns both processes."""
    nginx = nginx_binary()
    if nginx is None:
        raise CommandError("nginx is not installed (Debian: apt-get install nginx-light).")
    config = write_nginx_config(run_dir, listen)
    socket = run_dir / "gunicorn.sock"
    socket.unlink(missing_ok=True)
    environment = (env or os.environ) | {"CLIENT_ADDRESS_HEADER": CLIENT_ADDRESS_HEADER, "BIND": listen}
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"unix:{socket}", *gunicorn_args],
        cwd=settings.BASE_DIR,
        env=environment,
    )
    front = subprocess.Popen([nginx, "-c", str(config), "-p", str(run_dir), "-e", "stderr"], env=environment)
    return gunicorn, front


def background_commands():
    """The worker of the configured task backend and the scheduler that queues the periodic jobs."""
    if settings.TASKS_BACKEND == "rq":
        worker = ["rqworker", "--with-scheduler", "--job-class", "django_tasks_rq.Job"]
    else:
        worker = ["db_worker", "--no-reload"]
    return [[sys.executable, "manage.py", *worker], [sys.executable, "manage.py", "run_scheduler"]]


def stop(processes):
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


class Command(BaseCommand):
    help = "Serves the site as in production: nginx on BIND (default 127.0.0.1:8000) in front of gunicorn."

    def handle(self, **options):
        listen = os.environ.get("BIND", "127.0.0.1:8000")
        processes = start(Path(settings.BASE_DIR) / "var" / "serve", listen)
        processes += [subprocess.Popen(command, cwd=settings.BASE_DIR) for command in background_commands()]
        self.stdout.write(
            f"Serving on http://{listen}/ (nginx in front of gunicorn), with the task worker and the scheduler; "
            "Ctrl+C stops them all."
        )
        signal.signal(signal.SIGTERM, lambda *args: stop(processes))
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop(processes)
