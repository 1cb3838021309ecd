import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections

from newsroom.backups import backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and MEDIA_ROOT (tar) into a timestamped folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup-dir",
            default=os.environ.get("BACKUP_DIR") or settings.BASE_DIR / "var" / "backups",
            help="Where the timestamped folder is made (default: $BACKUP_DIR or var/backups).",
        )

    def handle(self, *args, backup_dir, **options):
        folder = backup(
            database=connections["default"].settings_dict,
            media_root=settings.MEDIA_ROOT,
            backup_dir=Path(backup_dir),
        )
        self.stdout.write(str(folder))
