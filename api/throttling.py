"""The API's request budget per client (an address, or a token's user), counted in Django's cache by
django-ninja's throttle."""

from django.conf import settings
from ninja.throttling import SimpleRateThrottle


def client_address(request):
    """The client's address: REMOTE_ADDR, or behind a proxy the header it writes (CLIENT_ADDRESS_HEADER,
    as the login lockout reads it). Never X-Forwarded-For as a client sent it, which anyone can vary."""
    if settings.CLIENT_ADDRESS_HEADER:
        return request.META.get(settings.CLIENT_ADDRESS_HEADER) or request.META.get("REMOTE_ADDR", "")
    return request.META.get("REMOTE_ADDR", "")


class ClientRateThrottle(SimpleRateThrottle):
    """NEWSROOM_API_RATE requests per client; over it django-ninja answers 429 with Retry-After. Read
    from the settings at each request, so that a test (or a deployment) can change it."""

    scope = "client"

    def __init__(self):
        self.rate = None

    def allow_request(self, request):
        self.rate = settings.NEWSROOM_API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request):
        # A token's requests count against its user, wherever they come from.
        token = getattr(request, "auth", None)
        ident = f"user-{token.user_id}" if token is not None else client_address(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
