"""Keyset ("Show More") pagination over (published_at, id), newest first.

The cursor is the last story's publication time in microseconds since the epoch and its id,
as "<microseconds>-<id>". A page never uses OFFSET, so it stays as fast on page 100 as on page 1.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import BadRequest

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# ASCII digits only (negative before 1970); the lengths keep the time within years 1 to 5000
# and the id inside a bigint.
CURSOR_RE = re.compile(r"(-?\d{1,17})-(\d{1,18})", re.ASCII)


def encode_cursor(article):
    delta = article.published_at - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}-{article.pk}"


def decode_cursor(value):
    """(published_at, id) from a cursor string; BadRequest (a 400 page) if it is malformed."""
    match = CURSOR_RE.fullmatch(value)
    if match is None:
        raise BadRequest("This “Show More” link is malformed.")
    micros, pk = match.groups()
    try:
        return EPOCH + timedelta(microseconds=int(micros)), int(pk)
    except OverflowError:
        raise BadRequest("This “Show More” link is malformed.") from None


@dataclass
class Page:
    items: list
    next_cursor: str | None


def keyset_page(queryset, cursor, size):
    """One page of a published()-ordered queryset after the given cursor (None: the first page)."""
    if cursor:
        queryset = queryset.before(*decode_cursor(cursor))
    items = list(queryset.order_by("-published_at", "-id")[: size + 1])
    has_more = len(items) > size
    items = items[:size]
    return Page(items=items, next_cursor=encode_cursor(items[-1]) if has_more else None)
