"""Slow clients cannot stop the site: `manage.py serve` puts nginx in front of gunicorn's sync workers.

Twenty connections trickle a header line every 3 s for 14 s (reconnecting when nginx cuts them off
after its 10 s client_header_timeout, as an attacker would), while a reader asks for
the home page once a second: every answer must be a 200 within 2 s. Served from a throwaway SQLite
database of its own, on a free port."""

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from django.conf import settings

from devtools.servers import http_answers, wait_until
from newsroom.management.commands.serve import nginx_binary, start, stop

SLOW_CLIENTS = 20
ATTACK_SECONDS = 14  # nginx's 10 s client_header_timeout, and the reconnections after it
TRICKLE_EVERY = 3


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """The site as `make serve` runs it; yields its address."""
    if nginx_binary() is None:
        pytest.skip("!!! nginx is not installed (apt-get install nginx-light): slow-client test SKIPPED !!!")
    listen = f"127.0.0.1:{free_port()}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "uploads"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "BIND": listen,
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=settings.BASE_DIR, env=env, check=True)
    processes = start(tmp_path / "serve", listen, env=env)
    try:
        wait_until(lambda: http_answers(f"http://{listen}/healthz"), "manage.py serve")
        yield f"http://{listen}"
    finally:
        stop(processes)


def trickle(address, until):
    """One slow client: a request head sent a line at a time, never finished."""
    host, port = address.removeprefix("http://").split(":")
    while time.monotonic() < until:
        try:
            with socket.create_connection((host, int(port)), timeout=5) as connection:
                connection.sendall(b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\n")
                while time.monotonic() < until:
                    time.sleep(TRICKLE_EVERY)
                    connection.sendall(b"X-Slow: 1\r\n")
        except OSError:
            time.sleep(0.1)


@pytest.mark.long
def test_twenty_slow_clients_do_not_keep_readers_waiting(served):
    until = time.monotonic() + ATTACK_SECONDS
    attackers = [threading.Thread(target=trickle, args=(served, until), daemon=True) for _ in range(SLOW_CLIENTS)]
    for attacker in attackers:
        attacker.start()
    time.sleep(1)
    answers = []
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{served}/", timeout=2) as response:
                answers.append((response.status, time.monotonic() - started))
        except OSError as error:
            answers.append((repr(error), time.monotonic() - started))
        time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    for attacker in attackers:
        attacker.join()
    assert len(answers) >= ATTACK_SECONDS - 2
    slow_or_failed = [(status, round(seconds, 2)) for status, seconds in answers if status != 200 or seconds >= 2]
    assert slow_or_failed == []
