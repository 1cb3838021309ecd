"""The JSON API against its own OpenAPI schema (/api/schema/), by Schemathesis: every operation fed
values the schema allows and values it does not, anonymous and with an Editor's token. No answer may be
a server error, and every answer the schema describes must match it. `make test` runs a tenth of
PROPERTY_EXAMPLES per operation and caller (5), `make fuzz` (and CI) 100.

Schemathesis's own pytest plugin does not run under pytest 9 (it sets a private attribute of the test
item), so each operation's Hypothesis strategy is drawn from here."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.api import api
from api.models import ApiToken
from feed import workflow

EXAMPLES = max(5, int(os.environ.get("PROPERTY_EXAMPLES", 1000)) // 10)
CHECKS = [not_a_server_error, response_schema_conformance]
OPERATIONS = [
    (path, method.upper())
    for path, item in api.get_openapi_schema(path_prefix="/api/")["paths"].items()
    for method in item
]
by_schema = settings(max_examples=EXAMPLES, deadline=None, print_blob=True, suppress_health_check=list(HealthCheck))


@pytest.fixture
def api_schema(world, settings):
    settings.NEWSROOM_API_RATE = "100000/min"  # the budget is tested in tests/api; here every request runs
    # Requests go straight to the WSGI application, not through Django's test client; like the client, keep
    # each request's end from closing the connection, or the test's transaction goes with it (PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tombstones(world, django_capture_on_commit_callbacks):
    """Two stories taken down, for the change feed's tombstones."""
    with django_capture_on_commit_callbacks(execute=True):
        workflow.kill(article=world.articles[0], user=world.editor, notice="Withdrawn.")
        workflow.unpublish(article=world.articles[1], user=world.editor)


@pytest.fixture
def editor_token(world):
    token = ApiToken(user=world.editor, name="Schemathesis")
    secret = token.new_secret()
    token.save()
    return secret


@pytest.mark.parametrize("caller", ["anonymous", "editor"])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_the_api_answers_by_its_schema(api_schema, editor_token, tombstones, path, method, caller):
    headers = {"Authorization": f"Bearer {editor_token}"} if caller == "editor" else {}

    @by_schema
    @given(case=api_schema[path][method].as_strategy())
    def answers(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    answers()


def test_every_operation_is_fuzzed():
    assert len(OPERATIONS) >= 15 and ("/api/stories/", "POST") in OPERATIONS
