"""Sections, topics and authors. A topic or an author appears once a published story has them, as
their reader pages do: one used only by drafts or scheduled stories must not be revealed."""

from ninja import Router
from taggit.models import Tag

from authors.models import Author
from feed.models import Section, published_q

from . import representations
from .schemas import AuthorList, Error, NamedList

router = Router(tags=["directory"])


@router.get("/sections/", response={200: NamedList, 429: Error}, summary="Every section, in menu order")
def sections(request):
    return {"items": [representations.named(request, section) for section in Section.objects.all()]}


@router.get("/tags/", response={200: NamedList, 429: Error}, summary="Topics of published stories, by name")
def tags(request):
    used = Tag.objects.filter(published_q("article__")).distinct().order_by("name")
    return {"items": [representations.tag(request, tag) for tag in used]}


@router.get("/authors/", response={200: AuthorList, 429: Error}, summary="Authors of published stories, by name")
def authors(request):
    bylined = Author.objects.filter(published_q("bylines__article__")).distinct().select_related("avatar")
    return {"items": [representations.author(request, author) for author in bylined.order_by("name")]}
