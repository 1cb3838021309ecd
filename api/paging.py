"""The change feed's cursor: (changed_at, id) of the last entry, oldest first. The same opaque form as
the story list's (feed/pagination.py), "<microseconds since the epoch>-<id>"."""

from datetime import UTC

from django.core.exceptions import BadRequest
from django.db.models import Q

from feed.pagination import EPOCH, decode_cursor


def encode(moment, pk):
    delta = moment - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}-{pk}"


def decode(value):
    try:
        return decode_cursor(value)
    except BadRequest:
        raise BadRequest("Malformed cursor; use the `next` address as given.") from None


def after(moment, pk, field="changed_at", id_field="pk"):
    """Rows after (moment, pk) in ascending (field, id_field) order."""
    return Q(**{f"{field}__gt": moment}) | Q(**{field: moment, f"{id_field}__gt": pk})


def as_utc(moment):
    """An aware time in UTC (a time with no offset is taken as UTC); BadRequest if it has none there."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadRequest("That time is out of range.") from None
