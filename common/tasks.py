"""Enqueuing background work (Django's tasks API; docs/operations.md, "Background work")."""

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs):
    """Queues `task` once the current transaction commits (at once outside one): a rolled-back save
    queues nothing, and the worker never looks for a row that is not committed yet."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
