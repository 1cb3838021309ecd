"""Keyset ("Show More") pagination over (published_at, id), newest first.

The cursor is the last story's publication time in microseconds since the epoch and its id,
as "<microseconds>-<id>". A page never uses OFFSET, so it stays as fast on page 100 as on page 1.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import BadRequest
from django.db.models import BooleanField, Expression, F, Value

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# ASCII digits only (negative before 1970); the lengths keep the time within years 1 to 5000
# and the id inside a bigint.
CURSOR_RE = re.compile(r"(-?\d{1,17})-(\d{1,18})", re.ASCII)


def micros_since_epoch(when):
    delta = when - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def encode_cursor(article):
    return f"{micros_since_epoch(article.published_at)}-{article.pk}"


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


class RowLessThan(Expression):
    """(a, b, …) < (x, y, …) for the columns named in `fields` and the given values, compared as rows:
    one condition PostgreSQL starts an index scan at, also in a generic plan for prepared statements
    (tests/feed/test_indexes.py). SQLite gets the same condition spelled out,
    a < x OR (a = x AND (b < y OR …)), as Django's own composite-key lookups give it.

    Our own expression (the documented query-expression API) rather than Django's undocumented
    tuple lookups; tests/feed/test_row_comparison.py pins the SQL each engine gets."""

    def __init__(self, fields, values):
        if len(fields) != len(values):
            raise ValueError(f"{len(fields)} columns compared with {len(values)} values.")
        super().__init__(output_field=BooleanField())
        self.columns = [F(name) for name in fields]
        self.values = list(values)

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, expressions):
        self.columns = expressions

    def compile_pairs(self, compiler):
        """[(column SQL, params, value SQL, params)], each value adapted as its column's type is."""
        pairs = []
        for column, value in zip(self.columns, self.values, strict=True):
            column_sql, column_params = compiler.compile(column)
            value_sql, value_params = compiler.compile(Value(value, output_field=column.output_field))
            pairs.append((column_sql, list(column_params), value_sql, list(value_params)))
        return pairs

    def as_sql(self, compiler, connection):
        pairs = self.compile_pairs(compiler)
        columns = ", ".join(column for column, _, _, _ in pairs)
        values = ", ".join(value for _, _, value, _ in pairs)
        params = [param for _, column_params, _, _ in pairs for param in column_params]
        params += [param for _, _, _, value_params in pairs for param in value_params]
        return f"({columns}) < ({values})", params

    def as_sqlite(self, compiler, connection):
        *leading, (column, column_params, value, value_params) = self.compile_pairs(compiler)
        sql, params = f"{column} < {value}", [*column_params, *value_params]
        for column, column_params, value, value_params in reversed(leading):
            sql = f"({column} < {value} OR ({column} = {value} AND {sql}))"
            params = [*column_params, *value_params, *column_params, *value_params, *params]
        return sql, params


@dataclass
class Page:
    items: list
    next_cursor: str | None
    # The first story of the next page, read to know that there is one; None if there is not.
    following: object = None


def keyset_page(queryset, cursor, size):
    """One page of a published()-ordered queryset after the given cursor (None: the first page)."""
    if cursor:
        queryset = queryset.before(*decode_cursor(cursor))
    return page_of(list(queryset.order_by("-published_at", "-id")[: size + 1]), size)


def page_of(items, size):
    """The Page of up to `size` stories that `items`, read `size + 1` at most, begin."""
    if len(items) <= size:
        return Page(items=items, next_cursor=None)
    following, items = items[size], items[:size]
    return Page(items=items, next_cursor=encode_cursor(items[-1]), following=following)
