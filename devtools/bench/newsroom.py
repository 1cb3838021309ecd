"""The newsroom bench_pages measures and chaos loads: N published stories (devtools/bench/stories.py)
in six sections, by 40 authors, over 300 tags and four shared photos, added to whatever is there."""

import io
import random
import time
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from taggit.models import Tag

from authors.models import Author
from devtools.bench.stories import TextMaker, seed_stories, vocabulary
from feed.caching import content_changed
from feed.models import Article, Section
from media.models import Photo, PhotoCredit

SLUG_PREFIX = "page-bench-"


@dataclass(frozen=True)
class Seeding:
    stories: int
    seconds: float
    phases: dict

    @property
    def rate(self):
        return self.stories / self.seconds

    def phase_breakdown(self):
        return "  " + " · ".join(f"{name} {seconds:.1f} s" for name, seconds in self.phases.items())


def jpeg(width, height, seed):
    image = Image.effect_mandelbrot((width, height), (-2.2 + seed / 10, -1.2, 1.0, 1.2), 40).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(f"bench-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")


def seed(target, write):
    """Seeds bench stories up to `target`, saying how it goes with `write`; returns a Seeding, or
    None when there were enough already."""
    existing = Article.objects.filter(slug__startswith=SLUG_PREFIX).count()
    if existing >= target:
        write(f"{existing:,} bench stories already there")
        return None
    # A few shared photos (renditions are made once each, as an upload would); not timed.
    credit, _ = PhotoCredit.objects.get_or_create(photographer="Bench Photographer", source="Ledger Wire")
    photos = [
        Photo.objects.create(image=jpeg(1600, 900, n), alt_text=f"Bench photo {n}", caption="", credit=credit)
        for n in range(4)
    ]
    for photo in photos:  # here, not by a worker: the pages measured show renditions, as they would in production
        photo.rebuild_renditions()
    started = time.perf_counter()
    sections = [
        Section.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Bench section {n}", "position": n})[0]
        for n in range(6)
    ]
    authors = Author.objects.bulk_create(
        [Author(name=f"Bench Author{n}", slug=f"bench-author-{n}", role="Reporter") for n in range(40)]
    )
    tags = Tag.objects.bulk_create([Tag(name=f"Bench topic {n}", slug=f"bench-topic-{n}") for n in range(300)])
    text = TextMaker(vocabulary(), random.Random(2026))
    phases = {"sections, authors, tags, text pool": time.perf_counter() - started}
    phases |= seed_stories(
        count=target - existing,
        first_number=existing,
        slug_prefix=SLUG_PREFIX,
        text=text,
        sections=sections,
        authors=authors,
        tags=tags,
        photos=photos,
        progress=lambda step: write(f"  {step} ({time.perf_counter() - started:.1f} s)"),
    )
    # Bulk inserts send no signals: say so to the page cache, as feed/signals.py asks.
    content_changed()
    seeding = Seeding(target - existing, time.perf_counter() - started, phases)
    write(
        f"Seeded {seeding.stories:,} stories (bylines, 3 tags and 2 related links each, search vectors) in"
        f" {seeding.seconds:.1f} s: {seeding.rate:,.0f} stories/s"
    )
    write(seeding.phase_breakdown())
    return seeding
