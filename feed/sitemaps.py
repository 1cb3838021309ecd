"""Sitemaps: published stories split by month, authors, topics and sections, listed by a sitemap
index; and a Google News sitemap of the last 48 hours. Only `Article.objects.published()` appears.
Each story is dated by its last change (`last_modified`, which each update of a live story moves),
to the second, and listed at its own address (a live story's is /live/<slug>/).

Each edition has its own: /sitemap.xml and /sitemaps/… list the English pages, /uk/sitemap.xml and
/uk/sitemaps/… the Ukrainian ones, and /sitemap-news.xml and /uk/sitemap-news.xml each its edition's
news with its <news:language>. A story with a published translation, every listing page, and an
author's or topic's page that the other edition has too list the other edition's address as an
<xhtml:link rel="alternate" hreflang> (and x-default, the English).

The index is our own view (feed.views.sitemap_index) rather than django.contrib.sitemaps' one,
which counts and dates each section with its own queries: with a section per month that would
grow with the archive. Ours reads every month's count and latest change in one grouped query.
"""

from datetime import datetime, timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author
from common.editions import DEFAULT_EDITION, current_edition, editions, in_edition

from .editions import translated_pages, with_other_editions
from .models import Article, Section, published_q

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 stories per sitemap
MIN_YEAR, MAX_YEAR = 2, 9998


def month_key(moment):
    return f"articles-{moment:%Y-%m}"


class AlternatesSitemap(Sitemap):
    """A sitemap whose entries list their translations: `translations(item)` gives {edition: path} of
    the item's page in the other editions that have it."""

    def translations(self, item):
        return {}

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            translations = self.translations(url["item"])
            if translations:
                addresses = {current_edition(): url["location"]} | {
                    edition: origin + path for edition, path in translations.items()
                }
                url["alternates"] = [
                    {"lang_code": edition, "location": addresses[edition]}
                    for edition in editions()
                    if edition in addresses
                ]
                if DEFAULT_EDITION in addresses:
                    url["alternates"].append({"lang_code": "x-default", "location": addresses[DEFAULT_EDITION]})
        return urls


class ArticleMonthSitemap(AlternatesSitemap):
    """The stories published in one calendar month (site time zone), oldest first."""

    changefreq = None

    def __init__(self, year, month):
        tz = timezone.get_current_timezone()
        self.start = datetime(year, month, 1, tzinfo=tz)
        self.end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)

    def items(self):
        return (
            Article.objects.published()
            .in_edition(current_edition())
            .filter(published_at__gte=self.start, published_at__lt=self.end)
            .only("slug", "live_coverage", "language", "published_at", "updated_at", "translation_group")
            .with_translations()
            .order_by("published_at", "id")
        )

    def translations(self, article):
        return {translation.edition: translation.address for translation in article.translations()}

    def lastmod(self, article):
        # To the second (the template writes the full time): a live story moves with each update.
        return article.last_modified.replace(microsecond=0)


class AuthorSitemap(AlternatesSitemap):
    """Authors with at least one published story in the edition; their page in the other edition, where
    they have one there, is its alternate."""

    def items(self):
        in_edition_q = published_q("bylines__article__") & Q(bylines__article__language=current_edition())
        authors = (
            Author.objects.annotate(latest=Max("bylines__article__published_at", filter=in_edition_q))
            .filter(latest__isnull=False)
            .only(*(f"slug_{edition}" for edition in editions()))
            .order_by("id")
        )
        return with_other_editions(authors, "bylines__author")

    def translations(self, author):
        return translated_pages(author, "feed:author", lambda author: author.slug)

    def lastmod(self, author):
        return author.latest


class TagSitemap(AlternatesSitemap):
    """Topics with at least one published story in the edition; alternates as the author sitemap's."""

    def items(self):
        tags = (
            Tag.objects.annotate(
                latest=Max(
                    "article__published_at", filter=published_q("article__") & Q(article__language=current_edition())
                )
            )
            .filter(latest__isnull=False)
            .order_by("id")
        )
        return with_other_editions(tags, "tags")

    def translations(self, tag):
        return translated_pages(tag, "feed:tag", lambda tag: tag.slug)

    def location(self, tag):
        return reverse("feed:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag):
        return tag.latest


class SectionSitemap(AlternatesSitemap):
    """The home page, every section and the video page, which every edition has."""

    changefreq = "hourly"

    def items(self):
        """{edition: path} of each page."""
        sections = list(Section.objects.all())
        pages = []
        for edition in editions():
            with in_edition(edition):
                addresses = [reverse("feed:home"), *(section.get_absolute_url() for section in sections)]
                pages.append([*addresses, reverse("feed:video")])
        return [dict(zip(editions(), page, strict=True)) for page in zip(*pages, strict=True)]

    def location(self, addresses):
        return addresses[current_edition()]

    def translations(self, addresses):
        return {edition: path for edition, path in addresses.items() if edition != current_edition()}


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
        .in_edition(current_edition())
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
    """Stories of the last 48 hours for the Google News sitemap, newest first, and live stories
    updated in that time: a live story is news for as long as its coverage goes on."""
    since = timezone.now() - NEWS_WINDOW
    return (
        Article.objects.published()
        .in_edition(current_edition())
        .filter(Q(published_at__gte=since) | Q(live_coverage=True, updated_at__gte=since))
        .only("slug", "headline", "live_coverage", "language", "published_at", "updated_at")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
