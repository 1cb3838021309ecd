from django.core.management.base import BaseCommand

from wires.inbox import poll_active_sources


class Command(BaseCommand):
    help = "Polls every active wire source once, by hand; the scheduler does it every minute (docs/operations.md)."

    def handle(self, *args, **options):
        reports, failures = poll_active_sources()
        for report in reports:
            self.stdout.write(str(report))
            for name, error in report.refused:
                self.stderr.write(f"  refused {name}: {error}")
        for source, error in failures:
            self.stderr.write(f"{source}: the pass failed: {error!r}")
