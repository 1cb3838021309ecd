import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from wires.inbox import poll_active_sources


class Command(BaseCommand):
    help = "Polls every active wire source once, or keeps polling with --loop SECONDS (docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="Poll again this many seconds after each pass.")

    def handle(self, *args, loop=None, **options):
        if loop is not None and loop < 1:
            raise CommandError("--loop takes a number of seconds, at least 1.")
        while True:
            self.one_pass()
            if loop is None:
                return
            time.sleep(loop)

    def one_pass(self):
        # As between requests: a connection the database dropped since the last pass is replaced.
        close_old_connections()
        reports, failures = poll_active_sources()
        for report in reports:
            self.stdout.write(str(report))
            for name, error in report.refused:
                self.stderr.write(f"  refused {name}: {error}")
        for source, error in failures:
            self.stderr.write(f"{source}: the pass failed: {error!r}")
