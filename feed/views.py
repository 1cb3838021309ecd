from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from taggit.models import Tag

from authors.models import Author
from common.editions import current_edition, editions, in_edition, other_editions, slug_lookup

from . import listings, sitemaps
from .caching import cached_reader_page
from .editions import in_other_editions, translated_pages, with_other_editions
from .forms import LivePreviewForm, SearchForm
from .fragments import shared_blocks
from .html import reading_minutes, sanitize_body
from .metadata import article_meta, author_meta, language_links, page_meta
from .models import Article, Correction, Section, published_q
from .search import MAX_QUERY_LENGTH

CORRECTIONS_PAGE_SIZE = 100


def feed_links(title, name, **kwargs):
    """<link rel="alternate"> entries for the RSS and Atom feeds whose views are named "<name>-rss" and
    "<name>-atom" ("feed:site", "live:updates")."""
    return [
        {
            "type": f"application/{kind}+xml",
            "title": f"{title} ({label})",  # RSS and Atom are names, the same in every language
            "href": reverse(f"{name}-{kind}", kwargs=kwargs),
        }
        for kind, label in (("rss", "RSS"), ("atom", "Atom"))
    ]


def _edition_stories():
    """The published stories of the page's edition."""
    return Article.objects.published().in_edition(current_edition())


def _story_list(request, template, stories, context, empty_is_404=False, meta=None, **values):
    """The page of `stories` (a feed.listings.StoryList, narrowed by `values`) the request asks for."""
    cursor = request.GET.get("before")
    page = stories.page(cursor, settings.NEWSROOM_FEED_PAGE_SIZE, **values)
    # An older page may be empty; whether there is anything here at all is asked only then.
    if empty_is_404 and not page.items and (not cursor or not stories.exists(**values)):
        raise Http404("Nothing published here.")
    if meta is None:
        meta = page_meta(
            request,
            title=context["heading"],
            description=context.get("description", ""),
            translations=context.get("translations"),
        )
    if cursor:  # an older page is its own page, not a copy of the first
        meta["canonical"] = request.build_absolute_uri(f"{request.path}?{urlencode({'before': cursor})}")
        meta["languages"] = language_links(request, context.get("translations"), alternates=False)
    context |= {"page": page, "is_continuation": bool(cursor), "meta": meta}
    return render(request, template, context)


@cached_reader_page
def home(request):
    site = settings.NEWSROOM_SITE_NAME
    translations = in_other_editions("feed:home")
    return _story_list(
        request,
        "feed/home.html",
        listings.NEWS_FEED,
        {
            "blocks": shared_blocks(videos=True),
            "feed_links": feed_links(site, "feed:site"),
            "translations": translations,
        },
        meta=page_meta(request, title=f"{site} · {_('News Feed')}", translations=translations),
    )


@cached_reader_page
def section(request, slug):
    # A section with no Ukrainian slug yet is at its English one in /uk/ too, as its name falls back.
    section = Section.objects.filter(slug_lookup(slug)).first()
    if section is None:
        raise Http404("No such section.")
    translations = {}
    for edition in other_editions(current_edition()):
        with in_edition(edition):  # its slug there, or its English one
            translations[edition] = section.get_absolute_url()
    return _story_list(
        request,
        "feed/story_list.html",
        listings.SECTION,
        {
            "heading": section.name,
            "eyebrow": _("Section"),
            "current_section": section.slug,
            "description": _("The latest %(section)s stories from %(site)s.")
            % {"section": section.name, "site": settings.NEWSROOM_SITE_NAME},
            "feed_links": feed_links(section.name, "feed:section", slug=section.slug),
            "translations": translations,
        },
        section=section.pk,
    )


@cached_reader_page
def tag(request, slug):
    # A tag's page in an edition lists that edition's stories with it: Ukrainian stories carry Ukrainian tags.
    tag = get_object_or_404(with_other_editions(Tag.objects.all(), "tags"), slug=slug)
    return _story_list(
        request,
        "feed/story_list.html",
        listings.TOPIC,
        {
            "heading": tag.name,
            "eyebrow": _("Topic"),
            "description": _("Stories about %(topic)s from %(site)s.")
            % {"topic": tag.name, "site": settings.NEWSROOM_SITE_NAME},
            "feed_links": feed_links(tag.name, "feed:tag", slug=tag.slug),
            "translations": translated_pages(tag, "feed:tag", lambda tag: tag.slug),
        },
        # A topic used only by drafts or scheduled stories must not be revealed.
        empty_is_404=True,
        tag=tag.pk,
        content_type=ContentType.objects.get_for_model(Article).pk,
    )


@cached_reader_page
def video(request):
    return _story_list(
        request,
        "feed/story_list.html",
        listings.VIDEOS,
        {
            "heading": _("Video"),
            "eyebrow": _("Section"),
            "current_section": "video",
            "description": _("Video stories from %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME},
            "feed_links": feed_links(_("Video"), "feed:video"),
            "translations": in_other_editions("feed:video"),
        },
    )


@cached_reader_page
def author(request, slug):
    authors = with_other_editions(Author.objects.select_related("avatar"), "bylines__author")
    author = authors.filter(slug_lookup(slug)).first()
    if author is None:
        raise Http404("No such author.")
    # Bylined in another edition only: the page there, not here (404 below).
    translations = translated_pages(author, "feed:author", lambda author: author.slug)
    return _story_list(
        request,
        "feed/author.html",
        listings.AUTHOR,
        {"author": author, "feed_links": feed_links(author.name, "feed:author", slug=author.slug)},
        meta=author_meta(request, author, translations),
        # Someone bylined only on drafts (a new hire, or a contributor whose story is under embargo)
        # has no public page yet.
        empty_is_404=True,
        author=author.pk,
    )


def _render_article(request, article, **context):
    body_parts, listed_links = article.body_parts()
    # A preview is in its story's edition whatever its address; a reader's page is there already.
    with in_edition(article.language):
        return render(
            request,
            "feed/article.html",
            {
                "article": article,
                "body_parts": body_parts,
                "listed_links": listed_links,
                "blocks": shared_blocks(leaving_out=article, videos=True, more_stories=True),
                "meta": article_meta(request, article),
                "feed_links": feed_links(settings.NEWSROOM_SITE_NAME, "feed:site"),
                **context,
            },
        )


@cached_reader_page
def article(request, slug):
    article = _edition_stories().with_translations(other_editions(current_edition())).one_for_page(slug=slug)
    if article is None:
        killed = Article.objects.not_trashed().filter(slug=slug, status=Article.Status.KILLED).first()
        if killed is not None:
            return render(request, "feed/killed.html", {"article": killed}, status=410)
        # A story of the other edition at this edition's address: where it is.
        elsewhere = Article.objects.published().filter(slug=slug).only("slug", "live_coverage", "language").first()
        if elsewhere is not None:
            return redirect(elsewhere, permanent=True)
        # A former address of the story is a Redirect, followed by feed.redirects.RedirectFallbackMiddleware.
        raise Http404("No such story.")
    if article.live_coverage:  # its page is the live page (live/views.py)
        return redirect(article)
    return _render_article(request, article)


@never_cache
def preview(request, pk):
    """Any story as readers would see it, for the staff who may open it in the admin; 404 for anyone else."""
    article = Article.objects.not_trashed().with_translations().one_for_page(pk=pk)
    if article is None or not article.can_be_viewed_by(request.user):
        raise Http404("No such story.")
    response = _render_article(request, article, is_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _story_to_edit_or_404(request, pk):
    article = Article.objects.not_trashed().one_for_page(pk=pk)
    if article is None or not article.can_be_edited_by(request.user):
        raise Http404("No such story.")
    return article


@never_cache
@require_http_methods(["GET", "POST"])
def live_preview(request, pk):
    """The story as readers would see it with the unsaved text of its form (kept in the editor's session,
    never in the story); POST keeps what the form's script sends (feed/static/feed/live_preview.js).
    Only for those who may edit the story; 404 for anyone else."""
    article = _story_to_edit_or_404(request, pk)
    key = f"live-preview-{article.pk}"
    if request.method == "POST":
        form = LivePreviewForm(request.POST, instance=article)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400)
        request.session[key] = {name: request.POST[name] for name in form.fields if name in request.POST}
        return JsonResponse({"kept": True})
    kept = request.session.get(key)
    if kept:
        form = LivePreviewForm(kept, instance=article)
        if form.is_valid():  # puts the text into `article`, in memory only
            article.body = sanitize_body(article.body)
            article.reading_minutes = reading_minutes(article.body)
    response = _render_article(request, article, is_preview=True, is_live_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def corrections(request):
    notes = (
        Correction.objects.filter(published_q("article__"), article__language=current_edition())
        .select_related("article")
        .order_by("-created_at", "-id")[:CORRECTIONS_PAGE_SIZE]
    )
    return render(
        request,
        "feed/corrections.html",
        {"corrections": notes, "languages": language_links(request, in_other_editions("feed:corrections"))},
    )


# Results depend on what the reader typed: not worth a shared cache, and not for CDNs to keep.
@never_cache
def search(request):
    """/search/?q=…&section=…&author=…&after=<cursor>: published stories, best match first."""
    form = SearchForm(request.GET)
    page = None
    next_url = None
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        scope = {name: data[name].pk for name in ("author", "section") if data[name]}
        page = listings.SEARCH_SCOPES[tuple(scope)].search(
            data["q"], request.GET.get("after"), settings.NEWSROOM_FEED_PAGE_SIZE, **scope
        )
        if page.next_cursor:
            params = {name: form.data[name] for name in ("q", "section", "author") if form.data[name]}
            next_url = f"{reverse('feed:search')}?{urlencode(params | {'after': page.next_cursor})}"
    return render(
        request,
        "feed/search.html",
        {
            "form": form,
            "query": form.data["q"],
            "page": page,
            "next_url": next_url,
            "max_query_length": MAX_QUERY_LENGTH,
            "meta": page_meta(
                request,
                title=_("Search"),
                description=_("Search %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME},
                translations=in_other_editions("feed:search"),
            ),
            "feed_links": feed_links(settings.NEWSROOM_SITE_NAME, "feed:site"),
        },
        # An unknown section or author in the address: the form says which, with a 400.
        status=400 if form.errors else 200,
    )


@require_GET
def sitemap_index(request):
    """/sitemap.xml: one entry per month of stories (more if a month passes 50,000) and per fixed sitemap."""
    entries = []
    for section, pages, lastmod in sitemaps.index_entries():
        location = request.build_absolute_uri(reverse("feed:sitemap", kwargs={"section": section}))
        entries += [
            SitemapIndexItem(location if page == 1 else f"{location}?p={page}", lastmod) for page in range(1, pages + 1)
        ]
    return render(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


@require_GET
def sitemap(request, section):
    """/sitemaps/<section>.xml, e.g. articles-2026-05, authors, tags, sections."""
    found = sitemaps.sitemap_for(section)
    if found is None:
        raise Http404("No such sitemap.")
    return sitemap_view(request, {section: found}, section=section, template_name="feed/sitemap.xml")


@require_GET
def news_sitemap(request):
    """/sitemap-news.xml: Google News sitemap of the stories of the last 48 hours."""
    return render(
        request,
        "feed/sitemap_news.xml",
        {"articles": sitemaps.news_items(), "publication": settings.NEWSROOM_SITE_NAME, "language": current_edition()},
        content_type="application/xml",
    )


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    # Each edition's search, then each edition's sitemaps (feed/sitemaps.py).
    for edition in editions():
        with in_edition(edition):
            lines.append(f"Disallow: {reverse('feed:search')}")
    for edition in editions():
        with in_edition(edition):
            lines += [
                f"Sitemap: {request.build_absolute_uri(reverse('feed:sitemap-index'))}",
                f"Sitemap: {request.build_absolute_uri(reverse('feed:sitemap-news'))}",
            ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
