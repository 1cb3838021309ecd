from django.db import models


class PeriodicJob(models.Model):
    """When the scheduler (newsroom/scheduler.py) last queued a periodic job; kept in the database, so a
    restarted scheduler, or a second one, queues nothing twice and misses no window."""

    name = models.CharField(max_length=100, primary_key=True)
    last_queued_at = models.DateTimeField()

    def __str__(self):
        return self.name
