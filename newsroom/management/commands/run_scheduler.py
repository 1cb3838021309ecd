import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from newsroom.scheduler import JOBS, queue_due_jobs


class Command(BaseCommand):
    help = "Queues the periodic jobs (newsroom/scheduler.py) when they are due, until stopped. A worker runs them."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Queue what is due now, then stop.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between looks (default 5).")

    def handle(self, *args, once, interval, **options):
        self.stdout.write(
            "Scheduler: " + ", ".join(f"{job.name} every {job.every}" for job in JOBS), style_func=self.style.SUCCESS
        )
        try:
            while True:
                for name in queue_due_jobs():
                    self.stdout.write(f"Queued {name}")
                if once:
                    return
                time.sleep(interval)
                # As after a request: a connection the database dropped meanwhile is not reused.
                close_old_connections()
        except KeyboardInterrupt:
            self.stdout.write("Scheduler stopped.")
