"""gunicorn settings for `make serve`, `make bench` and production; each can be set from the environment.

Sync workers: the pages are CPU-bound template rendering over short database queries, and nginx in
front (manage.py serve, docs/deploy.md) takes slow clients off them. Start with 2 workers per core
(WEB_CONCURRENCY).
"""

import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load the app once in the master; workers share its memory pages and start fast.
preload_app = True
# Recycle workers now and then, so that a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# Trust X-Forwarded-* only from the load balancer's addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No SCRIPT_NAME or PATH_INFO from request headers, not even from the load balancer's addresses: one
# sent by a client would make Django route another path than the one the page cache keys on.
forwarder_headers = ""
