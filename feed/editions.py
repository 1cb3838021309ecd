"""A page's addresses in the other editions, for its hreflang links and language switch
(feed.metadata.language_links), found without a query of their own."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from common.editions import current_edition, in_edition, other_editions

from .models import Article


def in_other_editions(view_name, **kwargs):
    """{edition: address} of a page that every edition has (the home page, a section, video)."""
    addresses = {}
    for edition in other_editions(current_edition()):
        with in_edition(edition):
            addresses[edition] = reverse(view_name, kwargs=kwargs or None)
    return addresses


def has_stories_in(edition, lookup):
    """Exists(published stories of `edition` where `lookup` (a path to the row, "tags") is the outer row)."""
    return Exists(Article.objects.published().in_edition(edition).filter(**{lookup: OuterRef("pk")}))


def with_other_editions(queryset, lookup):
    """`queryset` (tags, authors) annotated `in_<edition>` for each other edition: whether the row has a
    published story there, which is when its page there exists. In the row's query, no query more."""
    return queryset.annotate(
        **{f"in_{edition}": has_stories_in(edition, lookup) for edition in other_editions(current_edition())}
    )


def translated_pages(row, view_name, slug_of):
    """{edition: address} of `row`'s page in each other edition it has stories in (with_other_editions)."""
    addresses = {}
    for edition in other_editions(current_edition()):
        if getattr(row, f"in_{edition}"):
            with in_edition(edition):
                addresses[edition] = reverse(view_name, kwargs={"slug": slug_of(row)})
    return addresses
