"""JSON as django-ninja makes it, but with times to the microsecond: Django's encoder cuts them to
milliseconds (for JavaScript's Date), and a change feed's `changed_at` must round-trip exactly."""

from datetime import datetime

from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


class ExactTimeEncoder(NinjaJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class ExactTimeRenderer(JSONRenderer):
    encoder_class = ExactTimeEncoder
