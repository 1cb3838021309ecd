import sys

from django.core.management.base import BaseCommand

from media.models import Photo


class Command(BaseCommand):
    help = "Rebuild every photo's renditions (e.g. after adding a slot or changing encoder settings)."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these photo ids.")

    def handle(self, *args, ids, **options):
        photos = Photo.objects.order_by("pk")
        if ids:
            photos = photos.filter(pk__in=ids)
        total = photos.count()
        for done, photo in enumerate(photos.iterator(), start=1):
            photo.rebuild_renditions(reuse=False)
            filled = done * 30 // max(total, 1)
            self.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", ending="")
            sys.stderr.flush()
        self.stderr.write("")
        self.stdout.write(f"Rebuilt renditions of {total} photo{'s' if total != 1 else ''}.")
