from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections

from newsroom.backups import database_from_url, restore


class Command(BaseCommand):
    help = "Restore a backup folder into a database and a media folder, then check it against the backup's manifest."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder made by `manage.py backup`.")
        parser.add_argument(
            "--database-url", help="The database to restore into (default: the configured one, DATABASE_URL)."
        )
        parser.add_argument("--media-root", default=settings.MEDIA_ROOT, help="Default: MEDIA_ROOT.")
        parser.add_argument(
            "--force", action="store_true", help="Replace what the database and media folder already hold."
        )

    def handle(self, *args, folder, database_url, media_root, force, **options):
        database = database_from_url(database_url) if database_url else connections["default"].settings_dict
        manifest = restore(folder=folder, database=database, media_root=media_root, force=force)
        rows = sum(count for count, _ in manifest["tables"].values())
        self.stdout.write(
            f"Restored {len(manifest['tables'])} tables ({rows} rows) and {len(manifest['media'])} media files "
            f"into {database['NAME']} and {media_root}; every table and file matches the backup."
        )
