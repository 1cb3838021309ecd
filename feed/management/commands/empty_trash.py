from django.core.management.base import BaseCommand

from feed import workflow
from feed.models import TRASH_DAYS


class Command(BaseCommand):
    help = f"Deletes for good the stories that have been in the trash for more than {TRASH_DAYS} days. Run daily."

    def handle(self, *args, **options):
        count = workflow.empty_trash()
        self.stdout.write(f"Deleted {count} stor{'y' if count == 1 else 'ies'} from the trash for good.")
