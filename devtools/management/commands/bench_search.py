"""Search latency on PostgreSQL: fill the database up to N stories, then time one- and three-word
searches through feed.search.search_page, the function the search page uses (ranking, snippets and
all). Run it against a throwaway database: `make bench` creates and drops one.
"""

import math
import random
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from devtools.bench.stories import vocabulary
from feed.models import Article, Section
from feed.search import search_page

BATCH = 2000
SLUG_PREFIX = "bench-"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Time one- and three-word searches over N published stories (PostgreSQL; adds stories to the database)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--queries", type=int, default=50, help="Searches of each kind.")
        parser.add_argument("--page-size", type=int, default=20)

    def handle(self, *args, articles, queries, page_size, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_search measures PostgreSQL full-text search; set DATABASE_URL to a PostgreSQL database."
            )
        words = vocabulary()
        # Zipf-like: a few words are in most stories, most words in few, as in real text.
        weights = [1 / (rank + 1) for rank in range(len(words))]
        self.fill(articles, words, weights)
        rng = random.Random(7)
        singles = rng.sample(words, queries)
        triples = [" ".join(rng.sample(words, 3)) for _ in range(queries)]
        stories = Article.objects.published().for_listing()
        search_page(stories, "warm up", None, page_size)
        self.stdout.write(f"{Article.objects.count():,} stories, {len(words):,}-word vocabulary, page of {page_size}")
        for label, texts in (("one word", singles), ("three words", triples)):
            timings, found = [], 0
            for text in texts:
                start = time.perf_counter()
                page = search_page(stories, text, None, page_size)
                timings.append((time.perf_counter() - start) * 1000)
                found += bool(page.items)
            self.stdout.write(
                f"{label:>12}: median {statistics.median(timings):7.1f} ms   p95 {percentile(timings, 0.95):7.1f} ms"
                f"   ({len(texts)} searches, {found} with results)"
            )

    def fill(self, target, words, weights):
        existing = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
        if existing >= target:
            return
        section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        rng = random.Random(2026)
        now = timezone.now()
        started = time.perf_counter()

        def text(count):
            return " ".join(rng.choices(words, weights, k=count))

        for first in range(existing, target, BATCH):
            batch = []
            for n in range(first, min(first + BATCH, target)):
                body = "".join(f"<p>{text(60).capitalize()}.</p>" for _ in range(5))
                batch.append(
                    Article(
                        headline=text(8).capitalize(),
                        slug=f"{SLUG_PREFIX}{n}",
                        summary=text(25).capitalize() + ".",
                        body=body,
                        section=section,
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=n * 7),
                        reading_minutes=2,
                    )
                )
            with transaction.atomic():
                created = Article.objects.bulk_create(batch)
                # bulk_create skips save(); compute the search document in SQL, as save() does.
                Article.objects.filter(pk__in=[article.pk for article in created]).update_search_vectors()
            self.stdout.write(f"\r{min(first + BATCH, target):,} / {target:,} stories", ending="")
            self.stdout.flush()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE feed_article")
        self.stdout.write(f"\nFilled in {time.perf_counter() - started:.0f} s")
