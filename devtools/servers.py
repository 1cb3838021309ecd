"""gunicorn as production runs it, on 127.0.0.1, for the tools that measure or audit the site:
bench_pages, chaos and the audit/ scripts. Imports nothing from Django, so that audit/ can use it
outside manage.py.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class DidNotStart(Exception):
    """A server (gunicorn, or Redis or PostgreSQL in the chaos run) that did not answer in time."""


def wait_until(answers, name, seconds=30):
    """Calls answers() until it returns true; returns the time.monotonic() at which it did."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers():
            return time.monotonic()
        time.sleep(0.05)
    raise DidNotStart(f"{name} did not answer within {seconds} s")


def http_answers(url):
    try:
        urllib.request.urlopen(url, timeout=1)
        return True
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(port, *, workers=2, env=None, args=(), log=None):
    """gunicorn with gunicorn.conf.py and DEBUG off on 127.0.0.1:`port`, its process once /healthz
    answers; stopped on the way out. `env` adds to or overrides the environment; `args` are more
    gunicorn options (an app after them replaces newsroom.wsgi); its output goes to `log` or nowhere."""
    environment = os.environ | {
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "SECURE_SSL_REDIRECT": "0",
        # No worker recycling mid-run: figures such as peak memory are then the whole run's.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(log.open("w")) if log else subprocess.DEVNULL
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *args],
            cwd=ROOT,
            env=environment | (env or {}),
            stdout=output,
            stderr=subprocess.STDOUT,
        )

        def answers():
            if process.poll() is not None:
                raise DidNotStart(f"gunicorn exited with status {process.returncode}" + (f": see {log}" if log else ""))
            return http_answers(f"http://127.0.0.1:{port}/healthz")

        try:
            wait_until(answers, f"gunicorn on port {port}")
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)
