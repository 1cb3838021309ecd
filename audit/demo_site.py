"""Run the seeded demo site as production runs it (DEBUG off, gunicorn, WhiteNoise) in a throwaway folder."""

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The gunicorn launcher bench_pages and chaos use (it imports nothing from Django).
sys.path.insert(0, str(ROOT))
from devtools.servers import gunicorn  # noqa: E402

WORK = ROOT / "var" / "audit"
PORT = int(os.environ.get("AUDIT_PORT", "8801"))
BASE_URL = f"http://127.0.0.1:{PORT}"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
PYTHON = sys.executable


def environment():
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": f"sqlite:///{WORK / 'db.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "uploads"),
        "STATIC_ROOT": str(WORK / "static"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Served over plain http on loopback: no redirect to https, no https-only cookies.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
    }
    return env


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def running():
    """Seeds a fresh demo database, serves it on 127.0.0.1:PORT, yields the admin password."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    env = environment()
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("ensure_admin", "--password-file", str(WORK / "admin-password.txt"), env=env)
    with gunicorn(PORT, env=env, args=["--pythonpath", "audit", "serve_wsgi:application"], log=WORK / "gunicorn.log"):
        yield (WORK / "admin-password.txt").read_text().strip()


def page_paths():
    """The addresses audited: one of each kind of reader page, named, and the admin's new-article form."""
    html = urllib.request.urlopen(BASE_URL + "/").read().decode()
    video = urllib.request.urlopen(BASE_URL + "/video/").read().decode()

    def first(prefix, text):
        start = text.index(f'href="{prefix}') + len('href="')
        return text[start : text.index('"', start)]

    article = first("/news/", html)
    article_html = urllib.request.urlopen(BASE_URL + article).read().decode()
    paths = {
        "home": "/",
        "article": article,
        "author": first("/authors/", article_html),
        "tag": first("/tags/", article_html),
        "search": "/search/?q=Kharkiv",
        "video page": "/video/",
        "video story": first("/news/", video[video.index("<main") :]),
        "admin article form": "/admin/feed/article/add/",
    }
    if 'href="/live/' in html:  # seed_demo's live story, and the page of one of its updates
        live = first("/live/", html)
        live_html = urllib.request.urlopen(BASE_URL + live).read().decode()
        paths |= {"live page": live, "live update": first(f"{live}updates/", live_html)}
    # The Ukrainian edition's home and its newest story.
    ukrainian_html = urllib.request.urlopen(BASE_URL + "/uk/").read().decode()
    paths |= {"uk home": "/uk/", "uk article": first("/uk/news/", ukrainian_html)}
    return paths


def page_language(name):
    """The `lang` a page's <html> must carry: uk for the Ukrainian edition's pages, en for the rest."""
    return "uk" if name.startswith("uk ") else "en"


def log_in(page, password):
    page.goto(BASE_URL + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(BASE_URL + "/admin/")
