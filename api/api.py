"""The NinjaAPI: what every endpoint shares. Its errors are JSON with a `detail`, and a bad request is
a 400 (never ninja's 422, never a 500)."""

from csp.decorators import csp_update
from ninja import NinjaAPI
from ninja.errors import ValidationError

from . import photos, writes  # noqa: F401  (add the write side to the stories router)
from .directory import router as directory_router
from .renderers import ExactTimeRenderer
from .services import REFUSALS, refusal
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


def refused(request, exc):
    """A 400, 403, 404 or 409 with a JSON body saying why (api/services.py refusal())."""
    status, body = refusal(exc)
    return api.create_response(request, body, status=status)


for refusal_class in REFUSALS:
    api.add_exception_handler(refusal_class, refused)


api.add_router("/", stories_router)
api.add_router("/", directory_router)
