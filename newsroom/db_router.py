"""Reader pages read from PostgreSQL replicas; everything else uses the primary ("default").

Replicas are the DATABASES aliases listed in NEWSROOM_READ_REPLICAS, which settings.py makes
from DATABASE_REPLICA_URLS. A request
uses them only when ReplicaMiddleware says it may: an anonymous GET or HEAD outside the admin and
the preview. The admin, previews, logged-in staff (who expect to see what they just saved, not a
lagging copy), every POST and every management command read and write the primary.
"""

import random
from contextvars import ContextVar

from django.conf import settings

_replicas_allowed = ContextVar("replicas_allowed", default=False)

PRIMARY_ONLY_PREFIXES = ("/admin/", "/preview/")


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replicas_allowed.get():
            replicas = settings.NEWSROOM_READ_REPLICAS
            if replicas:
                return random.choice(replicas)
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


def replicas_may_serve(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIMARY_ONLY_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaMiddleware:
    """Lets the router send this request's reads to a replica when replicas_may_serve() says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replicas_allowed.set(replicas_may_serve(request))
        try:
            return self.get_response(request)
        finally:
            _replicas_allowed.reset(token)
