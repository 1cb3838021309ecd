"""Fill an empty database with the Kyiv Ledger demo newsroom, generated offline (devtools/demo/).

All text comes from the templates in devtools/demo/content.py; photos and avatars are drawn with Pillow.
A fixed random seed makes every run produce the same stories (their times are relative to now).
"""

import io
import random

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from devtools.demo.newsroom import DemoNewsroom
from feed.models import Article

SEED = 2026


class Command(BaseCommand):
    help = "Fill an empty database with the demo newsroom: authors, sections, stories, photos and videos."

    def handle(self, *args, **options):
        if Article.objects.exists():
            self.stdout.write("Demo content already present; nothing to do.")
            return
        with transaction.atomic():
            counts = DemoNewsroom(random.Random(SEED), timezone.now()).build()
            # A first revision per story, so that history, diffs and edit conflicts work from day one.
            call_command("createinitialrevisions", "feed.Article", comment="Demo content.", stdout=io.StringIO())
        self.stdout.write(
            self.style.SUCCESS(
                "Created {authors} authors, {sections} sections, {articles} articles ({videos} videos, {drafts} "
                "drafts, {in_review} in review, {scheduled} scheduled), {photos} photos, {credits} photo credits, "
                "{bylines} bylines, {links} related links ({in_body} in the body), {tags} tags, a live story with "
                "{live_updates} updates; in Ukrainian, {uk_articles} articles ({uk_translations} translations of "
                "English ones).".format(**counts)
            )
        )
