"""Shared blocks of reader pages, rendered once per content generation and kept in the cache.

The section menu, "More from the News Feed" and the video strip are the same on every page that
shows them, and cost a query and a template each. They are stored in Django's cache as rendered HTML
with the token of the content generation they were made in (feed/caching.py), as whole pages are,
so whatever ends a generation (a story published, edited or killed, a section renamed, a video added,
a scheduled story's time come) makes them be rebuilt too. They live in the cache whether or not
whole pages are cached there (NEWSROOM_PAGE_CACHE_SECONDS = 0 turns off only the page cache): a page
made anew reads its blocks from the cache, with the generation, in one round trip. With the dummy
cache (CACHE=0) they are made for each page, as everything is.

A block made of stories records which ones it shows (with the one that tells whether there is a
next page). A story's own page leaves itself out of "More from the News Feed" and the video strip,
so a story that the shared block shows gets a variant of the block without it, kept as its own entry.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from markupsafe import Markup

from .caching import STATE_KEY, current_generation
from .models import Article, Section
from .pagination import keyset_page

VIDEO_STRIP_SIZE = 4
MORE_STORIES_SIZE = 5


@dataclass(frozen=True)
class Block:
    """A rendered block and the stories it was made of."""

    html: str
    stories: frozenset = frozenset()


@dataclass(frozen=True)
class Fragment:
    """What one block is: its kind ("section-nav", "videos", "more-stories") and what varies it (the
    menu's current section, the story a block leaves out)."""

    kind: str
    variant: str = ""

    @property
    def key(self):
        # The same block reads differently in each interface language ("Video", "Відео").
        return f"newsroom:fragment:{get_language()}:{self.kind}:{self.variant}"

    def build(self):
        return BUILDERS[self.kind](self.variant)


def _section_nav(current_section):
    sections = list(Section.objects.all())
    return Block(render_to_string("feed/_section_nav.html", {"sections": sections, "current_section": current_section}))


def _video_strip(excluded):
    videos = Article.objects.published().videos().for_listing()
    if excluded:
        videos = videos.exclude(pk=int(excluded))
    videos = list(videos[:VIDEO_STRIP_SIZE])
    html = render_to_string("feed/_video_strip.html", {"videos": videos})
    return Block(html, frozenset(video.pk for video in videos))


def _more_stories(excluded):
    stories = Article.objects.published().for_listing()
    if excluded:
        stories = stories.exclude(pk=int(excluded))
    page = keyset_page(stories, None, MORE_STORIES_SIZE)
    html = render_to_string("feed/_more_stories.html", {"more_stories": page})
    # With the story that tells whether there is a next page: leaving it out may leave none.
    shown = [*page.items, page.following] if page.following else page.items
    return Block(html, frozenset(story.pk for story in shown))


BUILDERS = {"section-nav": _section_nav, "videos": _video_strip, "more-stories": _more_stories}


def _cached():
    return not isinstance(caches["default"], DummyCache)


def _fetch(fragments):
    """{fragment: Block} for `fragments`, from the cache in one round trip where they are of the
    current generation, else made and stored."""
    if not _cached():
        return {fragment: fragment.build() for fragment in fragments}
    now = timezone.now().timestamp()
    found = cache.get_many([STATE_KEY, *(fragment.key for fragment in fragments)])
    generation = current_generation(found.get(STATE_KEY), now)
    blocks, made = {}, {}
    for fragment in fragments:
        token, block = found.get(fragment.key) or (None, None)
        if token != generation.token:
            block = made[fragment.key] = fragment.build()
        blocks[fragment] = block
    seconds = generation.seconds_left(now, settings.NEWSROOM_FRAGMENT_CACHE_SECONDS)
    if made and seconds > 0:
        cache.set_many({key: (generation.token, block) for key, block in made.items()}, seconds)
    return blocks


def shared_blocks(current_section="", leaving_out=None, videos=False, more_stories=False):
    """The rendered blocks a page shows, as {"section_nav", "videos", "more_stories"} (Markup): the
    section menu always, with `current_section` marked; the video strip and "More from the News
    Feed" when asked, without the story `leaving_out` (an Article) if they would show it."""
    wanted = {"section_nav": Fragment("section-nav", current_section)}
    if videos:
        wanted["videos"] = Fragment("videos")
    if more_stories:
        wanted["more_stories"] = Fragment("more-stories")
    blocks = _fetch(list(wanted.values()))
    if leaving_out is not None:
        # The story's own variants, read only for the few stories the shared blocks show.
        variants = {
            name: Fragment(fragment.kind, str(leaving_out.pk))
            for name, fragment in wanted.items()
            if leaving_out.pk in blocks[fragment].stories
        }
        if variants:
            found = _fetch(list(variants.values()))
            for name, fragment in variants.items():
                wanted[name] = fragment
                blocks[fragment] = found[fragment]
    return {name: Markup(blocks[fragment].html) for name, fragment in wanted.items()}


def section_nav(current_section=""):
    """The header's section menu for pages that ask for no other block (base.html)."""
    return shared_blocks(current_section or "")["section_nav"]
