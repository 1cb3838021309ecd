from django.core.management.base import BaseCommand, CommandError

from feed.roles import UnknownPermissions, sync_roles


class Command(BaseCommand):
    help = "Gives each role's group exactly the permissions feed/roles.py lists. Run after migrate."

    def handle(self, *args, **options):
        try:
            changes = sync_roles()
        except UnknownPermissions as error:
            raise CommandError(error) from error
        for role, (added, removed) in changes.items():
            self.stdout.write(f"{role}: {added} permission(s) added, {removed} removed.")
