"""Bearer tokens for the write side (api/models.py ApiToken)."""

from django.utils import timezone
from ninja.security import HttpBearer

from .models import ApiToken, digest


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. An unknown, revoked or expired token is a 401. The token's user
    acts, with that user's role: the services check the permissions as for the admin."""

    def authenticate(self, request, token):
        found = ApiToken.objects.usable().select_related("user").filter(key_hash=digest(token)).first()
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found
