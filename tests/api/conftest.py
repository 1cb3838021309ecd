from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from api.models import ApiToken


def issue_token(user, name="Newsletter tool", **kw):
    """(token row, secret) for `user`."""
    token = ApiToken(user=user, name=name, **kw)
    secret = token.new_secret()
    token.save()
    return token, secret


def bearer_client(secret):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def token_client():
    """token_client(user, **token fields): a test client sending a new token of `user`."""

    def make(user, **kw):
        kw.setdefault("expires_at", timezone.now() + timedelta(days=1))
        _token, secret = issue_token(user, **kw)
        return bearer_client(secret)

    return make
