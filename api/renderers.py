"""JSON as django-ninja makes it, but with times to the microsecond: Django's encoder cuts them to
milliseconds (for JavaScript's Date), and a change feed's `changed_at` must round-trip exactly."""

from datetime import datetime

from django.http import HttpResponse
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class ExactTimeEncoder(NinjaJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class ExactTimeRenderer(JSONRenderer):
    encoder_class = ExactTimeEncoder


def json_response(request, data, status=200):
    """`data` as django-ninja answers it, for an endpoint that builds its answer to its schema itself:
    ninja would have pydantic check and copy each of a story list's hundreds of fields (a fifth of its
    time). tests/properties/test_api_schema.py holds these answers to the schema."""
    renderer = ExactTimeRenderer()
    return HttpResponse(
        renderer.render(request, data, response_status=status),
        status=status,
        content_type=f"{renderer.media_type}; charset={renderer.charset}",
    )
