"""Sitemaps: published stories split by month, authors, topics and sections, listed by a sitemap
index; and a Google News sitemap of the last 48 hours. Only `Article.objects.published()` appears.

The index is our own view (feed.views.sitemap_index) rather than django.contrib.sitemaps' one,
which counts and dates each section with its own queries: with a section per month that would
grow with the archive. Ours reads every month's count and latest change in one grouped query.
"""

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author

from .models import Article, Section, published_q

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 stories per sitemap
MIN_YEAR, MAX_YEAR = 2, 9998


def month_key(moment):
    return f"articles-{moment:%Y-%m}"


class ArticleMonthSitemap(Sitemap):
    """The stories published in one calendar month (site time zone), oldest first."""

    changefreq = None

    def __init__(self, year, month):
        tz = timezone.get_current_timezone()
        self.start = datetime(year, month, 1, tzinfo=tz)
        self.end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=self.start, published_at__lt=self.end)
            .only("slug", "live_coverage", "published_at", "updated_at")
            .order_by("published_at", "id")
        )

    def lastmod(self, article):
        return article.last_modified


class AuthorSitemap(Sitemap):
    """Authors with at least one published story."""

    def items(self):
        return (
            Author.objects.annotate(
                latest=Max("bylines__article__published_at", filter=published_q("bylines__article__"))
            )
            .filter(latest__isnull=False)
            .only("slug")
            .order_by("id")
        )

    def lastmod(self, author):
        return author.latest


class TagSitemap(Sitemap):
    """Topics with at least one published story."""

    def items(self):
        return (
            Tag.objects.annotate(latest=Max("article__published_at", filter=published_q("article__")))
            .filter(latest__isnull=False)
            .order_by("id")
        )

    def location(self, tag):
        return reverse("feed:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.latest


class SectionSitemap(Sitemap):
    """The home page, every section and the video page."""

    changefreq = "hourly"

    def items(self):
        sections = [section.get_absolute_url() for section in Section.objects.all()]
        return [reverse("feed:home"), *sections, reverse("feed:video")]

    def location(self, url):
        return url


FIXED_SITEMAPS = {"authors": AuthorSitemap, "tags": TagSitemap, "sections": SectionSitemap}


def sitemap_for(section):
    """The sitemap named `section` ("articles-2026-05", "authors", …) or None."""
    if section in FIXED_SITEMAPS:
        return FIXED_SITEMAPS[section]()
    prefix, _, month = section.partition("-")
    try:
        start = datetime.strptime(month, "%Y-%m") if prefix == "articles" and len(month) == 7 else None
    except ValueError:
        start = None
    # Python's dates end in 9999 and begin in year 1 (which, in UTC, falls outside them): no sitemap
    # can be made for the first or last month, nor can any story have been published then.
    if start is None or not MIN_YEAR <= start.year <= MAX_YEAR:
        return None
    return ArticleMonthSitemap(start.year, start.month)


def index_entries():
    """[(section, pages, lastmod)] for the sitemap index: one grouped query for the months, one
    count for each fixed sitemap."""
    months = (
        Article.objects.published()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("id"), latest=Max(Coalesce("updated_at", "published_at")))
        .order_by("-month")
    )
    entries = []
    for row in months:
        pages = -(-row["count"] // ArticleMonthSitemap.limit)  # rounded up
        entries.append((month_key(timezone.localtime(row["month"])), pages, row["latest"]))
    for name, sitemap_class in FIXED_SITEMAPS.items():
        entries.append((name, sitemap_class().paginator.num_pages, None))
    return entries


def news_items():
    """Stories of the last 48 hours for the Google News sitemap, newest first."""
    since = timezone.now() - NEWS_WINDOW
    return (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("slug", "live_coverage", "headline", "published_at")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
