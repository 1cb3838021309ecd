"""The NinjaAPI: what every endpoint shares. Its errors are JSON with a `detail`, and a bad request is
a 400 (never ninja's 422, never a 500)."""

from csp.decorators import csp_update
from django.core.exceptions import BadRequest
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError

from feed.workflow import EditorialError, NotAllowed

from . import photos, writes  # noqa: F401  (add the write side to the stories router)
from .directory import router as directory_router
from .renderers import ExactTimeRenderer
from .services import StaleVersion, UnknownReference
from .stories import router as stories_router
from .throttling import ClientRateThrottle

api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description="Published stories, sections, topics and authors, and a change feed. See docs/api.md.",
    openapi_url="/schema/",
    docs_url="/docs/",
    urls_namespace="api",
    throttle=[ClientRateThrottle()],
    renderer=ExactTimeRenderer(),
    # Swagger UI (django-ninja's copy, served from our static files) sets inline styles and data: images.
    docs_decorator=csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]}),
)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=400)


@api.exception_handler(Http404)
def not_found(request, exc):
    # Our own messages ("No such section.") say which part of the address is unknown.
    return api.create_response(request, {"detail": str(exc) or "Not Found"}, status=404)


@api.exception_handler(NotAllowed)
def not_allowed(request, exc):
    return api.create_response(request, {"detail": str(exc), "problems": exc.problems}, status=403)


@api.exception_handler(EditorialError)
def refused(request, exc):
    """The story is not in a state for this (not ready to publish, already published, …)."""
    return api.create_response(request, {"detail": str(exc), "problems": exc.problems}, status=409)


@api.exception_handler(StaleVersion)
def stale(request, exc):
    body = {"detail": str(exc), "changed_fields": exc.changed_fields, "version": exc.article.version}
    return api.create_response(request, body, status=409)


@api.exception_handler(UnknownReference)
def unknown_reference(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


api.add_router("/", stories_router)
api.add_router("/", directory_router)
