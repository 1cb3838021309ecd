"""Stored XSS: the payloads of tests/xss/payloads.txt in every field a person types into, rendered in
Chromium on every reader page, feed, sitemap and admin page that shows it: every tenth payload under
`make test`, every one in `make fuzz` and so CI (tests.xss.payloads_of_this_run). The oracle (tests/xss):
0 dialogs, 0 calls of the payloads' __xss(N) marker, 0 live payload markup in the DOM.

The browser context bypasses Content-Security-Policy on purpose: a CSP would stop inline scripts and
handlers and so hide an escaping bug; this test proves that escaping and sanitising alone hold.

Short fields take several payloads each (tests.xss.pack), so that a few hundred pages show them all.
"""

import math
import re
from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from authors.models import Author
from feed import views
from feed.models import Article, Byline, Correction, RelatedLink, Section
from feed.pagination import encode_cursor
from media.models import Photo, PhotoCredit
from tests.factories import article_form_data, make_photo
from tests.xss import XssOracle, load_payloads, pack, payloads_of_this_run

pytestmark = pytest.mark.django_db(transaction=True)

PAYLOADS = payloads_of_this_run()
# The share of the corpus this run renders: the floors on pages visited below scale with it.
SHARE = len(PAYLOADS) / len(load_payloads())
# Payloads that read as an address: these go into URL fields as they are; the rest behind https://.
SCHEME_RE = re.compile(r"^[\s\x00-\x20]*[a-z][a-z0-9+.\-]*:", re.IGNORECASE)


# Pages of one object each are visited for this many (an author, a tag, a search; in the admin, a change
# form of each kind), to keep the run short: the same template shows each, with other payloads.
SAMPLE = 20 if SHARE == 1 else 8
ADMIN_SAMPLE = 5 if SHARE == 1 else 2


def url_payloads():
    """Every payload as a value for a URL field: as it is when it is itself an address (javascript:,
    data:, …), otherwise inside an https address, the way a pasted link can carry it."""
    return [text if SCHEME_RE.match(text) else f"https://example.com/?q={text}" for _n, text in PAYLOADS]


def field_length(model, name):
    return model._meta.get_field(name).max_length


def cycle(values, count):
    return [values[index % len(values)] for index in range(count)]


class Newsroom:
    """Every field filled with payloads. Articles, authors and photos are saved one by one through
    save() (the body through the same nh3 sanitiser the admin uses); copies of one photo share its
    renditions, so that hundreds of photos cost one image build."""

    def __init__(self):
        now = timezone.now()
        headlines = pack(PAYLOADS, field_length(Article, "headline"))
        summaries = pack(PAYLOADS, field_length(Article, "summary"))
        captions = pack(PAYLOADS, field_length(Article, "lead_photo_caption"))
        self.sections = [
            Section.objects.create(name=name, slug=f"section-{n}", position=n)
            for n, name in enumerate(pack(PAYLOADS, field_length(Section, "name"))[:3])
        ]
        self.credits = self._credits()
        self.photos = self._photos()
        self.authors = self._authors()
        links = url_payloads()
        bodies = [f"<p>{text}</p>" for _n, text in PAYLOADS]
        count = len(headlines)
        self.articles = []
        for index in range(count):
            article = Article.objects.create(
                headline=headlines[index],
                slug=f"story-{index}",
                summary=cycle(summaries, count)[index],
                # Every payload in some body: the bodies are dealt out round-robin.
                body="".join(bodies[index::count]),
                section=self.sections[index % len(self.sections)],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(minutes=index + 1),
                lead_photo=self.photos[index % len(self.photos)],
                lead_photo_caption=captions[index % len(captions)] if index % 2 else "",
            )
            self.articles.append(article)
            for position, author in enumerate(self.authors[index::count]):
                Byline.objects.create(article=article, author=author, position=position)
            RelatedLink.objects.bulk_create(
                RelatedLink(article=article, url=url, title=title[: field_length(RelatedLink, "title")], position=p)
                for p, (url, (_n, title)) in enumerate(zip(links[index::count], PAYLOADS[index::count], strict=True))
            )
        tags = [text[: field_length(Tag, "name")] for _n, text in PAYLOADS]
        for index, article in enumerate(self.articles):
            article.tags.add(*tags[index::count])
        # Every 4th story is a video, so the video page, strip and feed show payloads too.
        Article.objects.filter(pk__in=[a.pk for a in self.articles[::4]]).update(
            video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", video_poster_id=self.photos[0].pk
        )
        Correction.objects.bulk_create(
            Correction(article=self.articles[index % count], text=text, created_at=now - timedelta(seconds=index))
            for index, text in enumerate(pack(PAYLOADS, 600))
        )
        self.killed = self._killed(now)
        self.drafts = [
            Article.objects.create(
                headline=text, slug=f"draft-{n}", summary=text, body=f"<p>{text}</p>", section=self.sections[0]
            )
            for n, text in enumerate(pack(PAYLOADS, field_length(Article, "headline"))[:3])
        ]

    def _credits(self):
        names = pack(PAYLOADS, field_length(PhotoCredit, "photographer"))
        urls = url_payloads()
        return [
            PhotoCredit.objects.create(
                photographer=name, source=f"Wire {n}", url=urls[n % len(urls)][: field_length(PhotoCredit, "url")]
            )
            for n, name in enumerate(names)
        ]

    def _photos(self):
        original = make_photo(credit=self.credits[0])
        alts = pack(PAYLOADS, field_length(Photo, "alt_text"))
        captions = pack(PAYLOADS, field_length(Photo, "caption"))
        count = max(len(alts), len(captions), len(self.credits))
        copies = Photo.objects.bulk_create(
            Photo(
                image=original.image.name,
                width=original.width,
                height=original.height,
                renditions=original.renditions,
                alt_text=cycle(alts, count)[n],
                caption=cycle(captions, count)[n],
                credit=cycle(self.credits, count)[n],
            )
            for n in range(count)
        )
        return copies

    def _authors(self):
        names = pack(PAYLOADS, field_length(Author, "name"))
        roles = pack(PAYLOADS, field_length(Author, "role"))
        short_bios = pack(PAYLOADS, field_length(Author, "short_bio"))
        bios = pack(PAYLOADS, 2000, separator="\n\n")
        count = max(len(names), len(roles), len(short_bios))
        return [
            Author.objects.create(
                name=cycle(names, count)[n],
                slug=f"author-{n}",
                role=cycle(roles, count)[n],
                short_bio=cycle(short_bios, count)[n],
                bio=cycle(bios, count)[n],
                avatar=self.photos[n % len(self.photos)] if n % 3 == 0 else None,
            )
            for n in range(count)
        ]

    def _killed(self, now):
        killed = []
        for n, notice in enumerate(pack(PAYLOADS, field_length(Article, "kill_notice"))):
            article = Article.objects.create(
                headline=f"Withdrawn {n}",
                slug=f"withdrawn-{n}",
                summary="Withdrawn.",
                body="<p>Withdrawn.</p>",
                section=self.sections[0],
                status=Article.Status.KILLED,
                published_at=now - timedelta(days=1),
                killed_at=now,
                kill_notice=notice,
            )
            killed.append(article)
        return killed


def every_payload_appears(texts, max_length=None):
    """Sanity check that the fixture did put each payload (cut to max_length) into some value."""
    joined = "\n".join(texts)
    missing = [n for n, text in PAYLOADS if text[:max_length] not in joined]
    assert not missing, f"payloads missing from the fixture: {missing[:20]}"


@pytest.fixture
def xss_settings(settings, monkeypatch):
    settings.NEWSROOM_FEED_PAGE_SIZE = 1000  # every story on one listing page
    monkeypatch.setattr(views, "CORRECTIONS_PAGE_SIZE", 1000)


@pytest.fixture
def oracle_page(browser):
    # bypass_csp: see the module docstring. The oracle must not lean on a Content-Security-Policy.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    # Our own photos are no part of the test; not loading them halves the time a page takes.
    context.route(re.compile(r"/uploads/|/renditions/|/photos/"), lambda route: route.abort())
    oracle = XssOracle(context)
    page = context.new_page()
    yield page, oracle, context
    context.close()


def log_in(context, site, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": site}])


def revise_through_the_admin(client, article, headline, body):
    """A save through the admin form: a revision, a log entry with the payload as its object_repr."""
    # The tags stay as they are: the form would rightly refuse some payload tag names as typed text.
    data = article_form_data(article, headline=headline, body=body, tags="revised", _save="Save")
    response = client.post(reverse("admin:feed_article_change", args=[article.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


FEED_SCAN = r"""async (address) => {
  // Fetch a feed, require well-formed XML, then render what a feed reader renders as HTML (RSS
  // description and content:encoded, Atom content/summary of type html) into this document.
  const response = await fetch(address);
  if (!response.ok) return {error: `HTTP ${response.status}`};
  const text = await response.text();
  const xml = new DOMParser().parseFromString(text, "application/xml");
  if (xml.querySelector("parsererror")) return {error: xml.querySelector("parsererror").textContent};
  const html = [];
  for (const element of xml.getElementsByTagName("*")) {
    const name = element.localName;
    // RSS's own <description> (no namespace) and content:encoded; media:description is declared plain text.
    const isRss = element.closest("item") && (name === "encoded" || (name === "description" && !element.namespaceURI));
    const isAtom = ["content", "summary", "title"].includes(name) && element.getAttribute("type") === "html";
    if (isRss || isAtom) html.push(element.textContent);
  }
  const container = document.createElement("div");
  container.innerHTML = html.join("\n");
  document.body.append(container);
  return {fields: html.length};
}"""


@pytest.fixture
def newsroom(site, xss_settings):
    """The Newsroom, each test its own: the live server's tests empty the database after each one. Split in
    three tests so that the two test processes can share the page loads."""
    newsroom = Newsroom()
    articles = newsroom.articles
    every_payload_appears([a.headline for a in articles], 200)
    every_payload_appears([a.summary for a in articles], 500)
    every_payload_appears([p.alt_text for p in newsroom.photos], 250)
    every_payload_appears([p.caption for p in newsroom.photos], 300)
    every_payload_appears([a.name for a in newsroom.authors], 120)
    every_payload_appears([a.role for a in newsroom.authors], 80)
    every_payload_appears([a.bio for a in newsroom.authors])
    every_payload_appears([a.kill_notice for a in newsroom.killed], 300)
    every_payload_appears([c.photographer for c in newsroom.credits], 120)
    every_payload_appears(Tag.objects.values_list("name", flat=True), 100)
    every_payload_appears(RelatedLink.objects.values_list("title", flat=True), 200)
    every_payload_appears(Correction.objects.values_list("text", flat=True))
    return newsroom


def test_no_payload_runs_on_any_reader_page(site, newsroom, oracle_page):
    page, oracle, _context = oracle_page
    assert len(PAYLOADS) >= 300 * SHARE
    articles = newsroom.articles
    for path in ["/", "/video/", "/corrections/", *[s.get_absolute_url() for s in newsroom.sections]]:
        oracle.visit(page, site + path, expect_status=(200, 404))  # the article list hides trashed stories
    # Show More, appended in place by site.js from the second page.
    oracle.visit(page, site + "/?" + urlencode({"before": encode_cursor(articles[0])}))
    for article in articles:
        oracle.visit(page, site + article.get_absolute_url())
    for article in newsroom.killed:
        oracle.visit(page, site + article.get_absolute_url(), expect_status=(410,))
    # Names, roles and short bios of every author are in the author boxes of the article pages; their own
    # pages add the long bio (every one of the packed bios is on the first few) and the name as the title.
    for author in newsroom.authors[:SAMPLE]:
        oracle.visit(page, site + author.get_absolute_url())
    # Every tag name is listed on the article pages, the admin and the feeds; a sample gets its own page.
    for tag in Tag.objects.exclude(slug="")[:SAMPLE]:
        oracle.visit(page, site + reverse("feed:tag", args=[tag.slug]))
    for query in pack(PAYLOADS, 200)[:SAMPLE]:
        oracle.visit(page, site + "/search/?" + urlencode({"q": query}))
    oracle.visit(page, site + "/search/?" + urlencode({"q": "alert"}))  # snippets of many bodies at once
    assert oracle.loads > 200 * SHARE
    assert oracle.clean(), oracle.findings()


def test_no_payload_runs_in_any_feed_or_sitemap(site, newsroom, oracle_page):
    """Loaded in the browser, well-formed, and their HTML fields rendered as HTML."""
    page, oracle, _context = oracle_page
    feeds = ["/feeds/rss/", "/feeds/atom/", "/feeds/partners/rss/", "/video/rss/", "/video/atom/"]
    feeds += [f"{s.get_absolute_url()}{kind}/" for s in newsroom.sections for kind in ("rss", "atom")]
    feeds += [f"{a.get_absolute_url()}{kind}/" for a in newsroom.authors[:5] for kind in ("rss", "atom")]
    for tag in Tag.objects.exclude(slug="")[:5]:
        feeds += [reverse("feed:tag-rss", args=[tag.slug]), reverse("feed:tag-atom", args=[tag.slug])]
    oracle.visit(page, site + "/healthz")
    for address in feeds:
        result = page.evaluate(FEED_SCAN, site + address)
        if "error" in result or not result["fields"]:
            oracle.broken.append((address, result))
    oracle.scan(page)
    sitemaps = ["/sitemap.xml", "/sitemap-news.xml", "/sitemaps/authors.xml", "/sitemaps/tags.xml"]
    sitemaps.append(f"/sitemaps/articles-{timezone.now():%Y-%m}.xml")
    for address in sitemaps:
        oracle.visit(page, site + address)
        result = page.evaluate(FEED_SCAN, site + address)
        if "error" in result:
            oracle.broken.append((address, result))
    assert len(feeds) >= 30
    assert oracle.clean(), oracle.findings()


def test_no_payload_runs_in_previews_or_the_admin(site, newsroom, oracle_page):
    """As a superuser (the admin's escaping does not depend on the role)."""
    page, oracle, context = oracle_page
    articles = newsroom.articles
    admin_user = User.objects.create_superuser("xss-admin", password="correct horse battery")
    client = Client()
    client.force_login(admin_user)
    revised = articles[:ADMIN_SAMPLE]
    for article, headline in zip(revised, pack(PAYLOADS[::-1], 200), strict=False):
        revise_through_the_admin(client, Article.objects.get(pk=article.pk), headline, article.body + "<p>More.</p>")
    # object_repr = headline
    LogEntry.objects.log_actions(admin_user.pk, articles[len(revised) :], CHANGE, "Bulk touch.")
    log_in(context, site, admin_user)
    for draft in newsroom.drafts:
        oracle.visit(page, site + reverse("feed:preview", args=[draft.pk]))
    # Every changelist page by page: every headline, name, caption, credit and tag.
    admin_lists = ["/admin/"]
    for model in (Article, Section, Author, Photo, PhotoCredit, Tag):
        pages = math.ceil(model.objects.count() / admin.site.get_model_admin(model).list_per_page)
        opts = model._meta
        admin_lists += [f"/admin/{opts.app_label}/{opts.model_name}/?p={number}" for number in range(1, pages + 1)]
    for path in admin_lists:
        oracle.visit(page, site + path, expect_status=(200, 404))  # the article list hides trashed stories
    for query in pack(PAYLOADS, 200)[:SAMPLE]:
        oracle.visit(page, site + "/admin/feed/article/?" + urlencode({"q": query}))
    for article in revised:
        oracle.visit(page, site + reverse("admin:feed_article_change", args=[article.pk]))
        page.wait_for_selector(".ProseMirror[contenteditable=true]")  # the body in the prose editor
        oracle.scan(page)
        oracle.visit(page, site + reverse("admin:feed_article_history", args=[article.pk]))
        for link in page.locator("#revisions a").all()[:2]:
            oracle.visit(page, site + link.get_attribute("href"))
    for author in newsroom.authors[:ADMIN_SAMPLE]:
        oracle.visit(page, site + reverse("admin:authors_author_change", args=[author.pk]))
    for photo in newsroom.photos[:ADMIN_SAMPLE]:
        oracle.visit(page, site + reverse("admin:media_photo_change", args=[photo.pk]))
    for credit in newsroom.credits[:ADMIN_SAMPLE]:
        oracle.visit(page, site + reverse("admin:media_photocredit_change", args=[credit.pk]))
    for tag in Tag.objects.all()[:ADMIN_SAMPLE]:
        oracle.visit(page, site + reverse("admin:taggit_tag_change", args=[tag.pk]))
    oracle.visit(page, site + reverse("admin:feed_article_kill", args=[articles[-1].pk]))
    oracle.visit(page, site + reverse("admin:media_photo_add") + "?_to_field=id&_popup=1")
    assert oracle.loads > 80 * SHARE
    assert oracle.clean(), oracle.findings()


def test_the_oracle_catches_a_payload_rendered_unescaped(site, oracle_page):
    """The test-only /xss-oracle-check/ view puts its `payload` into the page with no escaping."""
    page, oracle, _context = oracle_page
    oracle.visit(page, site + "/xss-oracle-check/?" + urlencode({"payload": "<img src=x onerror=alert(7);__xss(7)>"}))
    assert oracle.dialogs and oracle.dialogs[0][0] == "7"
    assert [number for number, _url in oracle.hits] == [7]
    assert any("handler onerror" in finding for finding in oracle.live_markup)

    link = quote("<a href='javascript:alert(8);__xss(8)'>x</a>")
    oracle.visit(page, site + f"/xss-oracle-check/?payload={link}")
    assert any("href scheme" in finding for finding in oracle.live_markup)
    assert not oracle.clean()
