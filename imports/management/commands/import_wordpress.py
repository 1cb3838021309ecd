from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from imports.wordpress import WordPressImport, print_progress, read_section_mapping
from imports.wxr import ExportError


class Command(BaseCommand):
    help = "Imports a WordPress export (WXR): posts as stories, attachments as photos, permalinks as redirects."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export file WordPress wrote (Tools → Export).")
        parser.add_argument("--media-dir", help="The site's wp-content/uploads folder, copied here.")
        parser.add_argument("--sections", help="A file of “category = section-slug” lines; “* = slug” for the rest.")
        parser.add_argument("--dry-run", action="store_true", help="Read and check everything, save nothing.")
        parser.add_argument(
            "--user", help="The editor the stories' history names (default: the first active superuser)."
        )

    def handle(self, *args, export, media_dir, sections, dry_run, user, **options):
        users = get_user_model().objects.filter(is_active=True, is_staff=True)
        acting = users.filter(username=user).first() if user else users.filter(is_superuser=True).order_by("pk").first()
        if acting is None or not acting.has_perm("feed.publish_article"):
            raise CommandError("Give --user, an active editor who may publish (or make a superuser first).")
        try:
            mapping = read_section_mapping(sections) if sections else {}
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        importer = WordPressImport(
            export,
            user=acting,
            media_dir=media_dir,
            sections=mapping,
            progress=lambda done, total: print_progress(done, total, self.stderr),
        )
        try:
            report = importer.run(dry_run=dry_run)
        except (OSError, ExportError) as error:
            raise CommandError(str(error)) from None
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
        for line in report.lines():
            self.stdout.write(line)
