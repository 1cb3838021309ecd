from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from taggit.models import Tag

from authors.models import Author

from .models import Article, Correction, Section, published_q
from .pagination import keyset_page

VIDEO_STRIP_SIZE = 4
MORE_STORIES_SIZE = 5
CORRECTIONS_PAGE_SIZE = 100


def video_strip(exclude=None):
    """The latest published video stories with their posters and credits (one query)."""
    videos = Article.objects.published().videos().for_listing()
    if exclude is not None:
        videos = videos.exclude(pk=exclude.pk)
    return list(videos[:VIDEO_STRIP_SIZE])


def _story_list(request, template, stories, context, empty_is_404=False):
    cursor = request.GET.get("before")
    page = keyset_page(stories.for_listing(), cursor, settings.NEWSROOM_FEED_PAGE_SIZE)
    if empty_is_404 and not page.items and not cursor:
        raise Http404("Nothing published here.")
    context |= {"page": page, "is_continuation": bool(cursor)}
    return render(request, template, context)


def home(request):
    return _story_list(
        request,
        "feed/home.html",
        Article.objects.published(),
        {"videos": video_strip()},
    )


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    return _story_list(
        request,
        "feed/story_list.html",
        Article.objects.published().filter(section=section),
        {"heading": section.name, "eyebrow": "Section", "current_section": section.slug},
    )


def tag(request, slug):
    if "\x00" in slug:  # PostgreSQL refuses NUL in text; no tag can have one
        raise Http404("No such topic.")
    tag = get_object_or_404(Tag, slug=slug)
    return _story_list(
        request,
        "feed/story_list.html",
        Article.objects.published().filter(tags=tag),
        {"heading": tag.name, "eyebrow": "Topic"},
        # A topic used only by drafts or scheduled stories must not be revealed.
        empty_is_404=True,
    )


def video(request):
    return _story_list(
        request,
        "feed/story_list.html",
        Article.objects.published().videos(),
        {"heading": "Video", "eyebrow": "Section", "current_section": "video"},
    )


def author(request, slug):
    author = get_object_or_404(Author.objects.select_related("avatar"), slug=slug)
    return _story_list(
        request,
        "feed/author.html",
        Article.objects.published().filter(bylines__author=author),
        {"author": author},
    )


def _render_article(request, article, **context):
    body_parts, listed_links = article.body_parts()
    more_stories = keyset_page(
        Article.objects.published().exclude(pk=article.pk).for_listing(), None, MORE_STORIES_SIZE
    )
    return render(
        request,
        "feed/article.html",
        {
            "article": article,
            "body_parts": body_parts,
            "listed_links": listed_links,
            "more_stories": more_stories,
            "videos": video_strip(exclude=article),
            **context,
        },
    )


def article(request, slug):
    article = Article.objects.published().for_detail().filter(slug=slug).first()
    if article is None:
        killed = Article.objects.not_trashed().filter(slug=slug, status=Article.Status.KILLED).first()
        if killed is None:
            raise Http404("No such story.")
        return render(request, "feed/killed.html", {"article": killed}, status=410)
    return _render_article(request, article)


@never_cache
def preview(request, pk):
    """Any story as readers would see it, for the staff who may open it in the admin; 404 for anyone else."""
    article = Article.objects.not_trashed().for_detail().filter(pk=pk).first()
    if article is None or not article.can_be_viewed_by(request.user):
        raise Http404("No such story.")
    response = _render_article(request, article, is_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def corrections(request):
    notes = (
        Correction.objects.filter(published_q("article__"))
        .select_related("article")
        .order_by("-created_at", "-id")[:CORRECTIONS_PAGE_SIZE]
    )
    return render(request, "feed/corrections.html", {"corrections": notes})
