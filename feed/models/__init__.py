"""Stories and what hangs on them: sections, bylines, related links, corrections, old addresses."""

from .articles import Article, ArticleInTrash, Correction, Section
from .links import Byline, RelatedLink
from .querysets import LISTING_FIELDS, LISTING_PHOTO_FIELDS, TRASH_DAYS, ArticleQuerySet, published_q
from .redirects import Redirect, redirect_paths

__all__ = [
    "LISTING_FIELDS",
    "LISTING_PHOTO_FIELDS",
    "TRASH_DAYS",
    "Article",
    "ArticleInTrash",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Redirect",
    "RelatedLink",
    "Section",
    "published_q",
    "redirect_paths",
]
