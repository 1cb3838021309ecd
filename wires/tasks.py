"""The wire poller as a periodic job (newsroom/scheduler.py queues it every minute)."""

from django_tasks import task

from .inbox import poll_active_sources


@task()
def poll_wire_sources():
    """One pass over every active wire source. Returns each source's counts (new, replaced, …) and
    the sources whose pass failed."""
    reports, failures = poll_active_sources()
    return {
        "polled": {
            str(report.source): {str(what): count for what, count in report.counts.items()} for report in reports
        },
        "failed": [str(source) for source, _error in failures],
    }
