"""Two requests with one Idempotency-Key at the same time: the second waits for the first and replays its
answer; nothing is done twice. PostgreSQL only: SQLite's test database is not shared between threads."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory
from ninja import Status

from api.services import idempotent
from tests.api.conftest import issue_token
from tests.factories import make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need a shared database"),
]


def waiting_on_a_lock(tries=200):
    """Whether another connection comes to wait on a row lock (the first request's uncommitted key)."""
    with connection.cursor() as cursor:
        for _ in range(tries):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
            threading.Event().wait(0.05)
    return False


def test_a_retry_sent_while_the_first_request_runs_replays_its_answer():
    token, _secret = issue_token(make_user("Editor"))
    ran, first_claimed, let_first_finish = [], threading.Event(), threading.Event()
    answers = {}

    def request():
        made = RequestFactory().post("/api/stories/", HTTP_IDEMPOTENCY_KEY="same")
        made.auth = token
        return made

    def first_run():
        ran.append("first")
        first_claimed.set()
        let_first_finish.wait(10)
        return Status(201, {"id": 1})

    def second_run():
        ran.append("second")
        return Status(201, {"id": 2})

    def send(name, run):
        try:
            answer = idempotent(request(), run)
            answers[name] = (answer.status_code, answer.value)
        finally:
            connection.close()

    first = threading.Thread(target=send, args=("first", first_run))
    first.start()
    assert first_claimed.wait(10)
    second = threading.Thread(target=send, args=("second", second_run))
    second.start()
    assert waiting_on_a_lock(), "the retry should wait for the first request's key"
    let_first_finish.set()
    first.join(10)
    second.join(10)
    assert ran == ["first"]
    assert answers == {"first": (201, {"id": 1}), "second": (201, {"id": 1})}
