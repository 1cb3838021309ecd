"""Hostile values for query strings, path segments and form posts, as a browser or a bot could send them.

Every value ends up as raw bytes on the wire: text is encoded as UTF-8 with lone surrogates let
through (so the bytes are not valid UTF-8), and arbitrary bytes are sent as they are. Query
strings and form bodies are percent-encoded by hand, because the test client refuses to encode
what a real client can still send.
"""

import os
from datetime import UTC, datetime
from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# 1,000 examples per test, no per-example deadline (the first request of a test also warms up
# templates), and fixtures made once per test. PROPERTY_EXAMPLES changes the count: `make test` runs 25
# of each, `make fuzz` the full 1,000. A failure prints its example and a @reproduce_failure blob;
# `make fuzz HYPOTHESIS_SEED=<the seed .ci/run printed>` runs the same draws again (docs/testing.md).
fuzz = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", 1000)),
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

any_character = st.characters(exclude_categories=())  # surrogates included
surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


def repeated(piece):
    """A huge string made from a short piece: cheap to generate, expensive to mishandle."""
    return st.builds(lambda text, count: text * count, piece, st.integers(300, 20_000))


def digits(min_count=1, max_count=5_000):
    return st.builds(
        lambda sign, digit, count: sign + digit * count,
        st.sampled_from(["", "-", "+"]),
        st.sampled_from("0123456789"),
        st.integers(min_count, max_count),
    )


def _date_text(year, month, day, hour, separator):
    return f"{year:04d}-{month:02d}-{day:02d}{separator}{hour:02d}:00:00"


numbers = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "-1", "2147483648", "9223372036854775807", "9223372036854775808", "1e309", "0x10"]),
    st.floats().map(repr),
    digits(),
)

dates = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(lambda moment: moment.isoformat()),
    st.builds(
        _date_text,
        st.integers(-1, 10_000),
        st.integers(-1, 13),
        st.integers(-1, 32),
        st.integers(-1, 25),
        st.sampled_from([" ", "T", ""]),
    ),
    st.sampled_from(["0000-00-00", "2026-02-30", "9999-12-31", "0001-01-01", "31/12/2026", "yesterday", "2026-13-01"]),
    st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat()),
)

text_values = st.one_of(
    st.text(any_character, max_size=40),
    st.text(surrogates, min_size=1, max_size=3),
    st.text(st.sampled_from("\x00'\"<>&%;-/\\*?=#+ .,:"), max_size=12),
    st.sampled_from(["\x00", "", " ", "null", "None", "true", "[]", "{}", "../../etc/passwd", "%00", "é", "київ"]),
    repeated(st.text(any_character, min_size=1, max_size=3)),
)

raw_bytes = st.binary(max_size=40)


def values(*likely):
    """Any hostile value, or now and then one of `likely` (real slugs, good cursors) or a near miss of one,
    so that valid and invalid parameters meet in the same request."""
    hostile = st.one_of(text_values, numbers, dates, raw_bytes)
    if not likely:
        return hostile
    good = st.sampled_from(likely)
    near = st.builds(lambda value, extra: value + extra, good, st.text(any_character, min_size=1, max_size=3))
    return st.one_of(good, near, hostile)


def as_bytes(value):
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def encoded(value):
    """A value percent-encoded byte for byte, as it travels in a URL or a form body."""
    return quote_from_bytes(as_bytes(value), safe="")


junk_names = st.one_of(st.text(any_character, min_size=1, max_size=10), st.sampled_from(["", "__proto__", "_", "a[]"]))


@st.composite
def query_pairs(draw, params):
    """[(name, value)] with each parameter of `params` ({name: strategy}) absent, once, or repeated, in
    any order, plus a few unknown names."""
    pairs = []
    for name, strategy in params.items():
        for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 3]))):
            pairs.append((name, draw(strategy)))
    pairs += draw(st.lists(st.tuples(junk_names, values()), max_size=2))
    return draw(st.permutations(pairs))


def encode_pairs(pairs):
    return "&".join(f"{encoded(name)}={encoded(value)}" for name, value in pairs)


def query_strings(params):
    return query_pairs(params).map(encode_pairs)


def path_segments(*likely):
    """One path segment (a slug, an id, a sitemap name) as it would appear in the address."""
    return values(*likely).map(encoded)
