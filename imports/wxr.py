"""Reading a WordPress export (WXR 1.0 to 1.2) as a stream, safely.

defusedxml refuses any DTD, so entity expansion (billion laughs) and external entities never happen;
iterparse reads one item at a time and each is dropped once read, so memory stays bounded whatever
the export's size.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone

NAMESPACE_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


class ExportError(Exception):
    """The file is not an export we can read; the message says why."""


def _prefixed(tag):
    """'{http://wordpress.org/export/1.2/}post_id' → 'wp:post_id', whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    namespace, _, local = tag[1:].partition("}")
    if namespace in NAMESPACE_PREFIXES:
        return f"{NAMESPACE_PREFIXES[namespace]}:{local}"
    if namespace.startswith("http://wordpress.org/export/"):
        return f"{'excerpt' if namespace.rstrip('/').endswith('excerpt') else 'wp'}:{local}"
    return local


def _text(element, name):
    for child in element:
        if _prefixed(child.tag) == name:
            return (child.text or "").strip()
    return ""


def parse_time(local, gmt="", rfc822=""):
    """The item's time: its GMT date, else its site-local date read in our time zone, else pubDate."""
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.fromisoformat(gmt).replace(tzinfo=UTC)
        except ValueError:
            pass
    if local and not local.startswith("0000"):
        try:
            return timezone.make_aware(datetime.fromisoformat(local))
        except ValueError:
            pass
    if rfc822:
        try:
            return parsedate_to_datetime(rfc822)
        except (TypeError, ValueError):
            pass
    return None


@dataclass
class Author:
    login: str
    display_name: str


@dataclass
class Item:
    post_id: int
    post_type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    post_date: datetime | None = None
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    categories: list = field(default_factory=list)  # (nicename, name)
    tags: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comment_count: int = 0
    fingerprint: str = ""


def _item(element):
    categories, tags, meta, comments = [], [], {}, 0
    for child in element:
        name = _prefixed(child.tag)
        if name == "category":
            label = (child.text or "").strip()
            nicename = child.get("nicename") or label
            if child.get("domain") == "category":
                categories.append((nicename, label))
            elif child.get("domain") == "post_tag":
                tags.append(label)
        elif name == "wp:postmeta":
            meta[_text(child, "wp:meta_key")] = _text(child, "wp:meta_value")
        elif name == "wp:comment":
            comments += 1
    post_id = _text(element, "wp:post_id")
    raw_date = _text(element, "wp:post_date")
    return Item(
        post_id=int(post_id) if post_id.isascii() and post_id.isdigit() else 0,
        post_type=_text(element, "wp:post_type") or "post",
        status=_text(element, "wp:status"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        creator=_text(element, "dc:creator"),
        content=_text(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        post_name=_text(element, "wp:post_name"),
        post_date=parse_time(raw_date, _text(element, "wp:post_date_gmt"), _text(element, "pubDate")),
        password=_text(element, "wp:post_password"),
        sticky=_text(element, "wp:is_sticky") == "1",
        attachment_url=_text(element, "wp:attachment_url"),
        categories=categories,
        tags=tags,
        meta=meta,
        comment_count=comments,
    )


@dataclass
class Channel:
    """What the export says of its site, read before its items."""

    base_url: str = ""
    authors: dict = field(default_factory=dict)  # login → Author


def read_export(path, channel):
    """Yields each <item> of the export at `path` as an Item, filling `channel` (site address,
    authors) as they come. Raises ExportError for a file that is not well-formed XML or that
    declares a DTD or entities."""
    try:
        path_of_names = []
        channel_element = None
        for event, element in iterparse(str(path), events=("start", "end"), forbid_dtd=True):
            if event == "start":
                path_of_names.append(_prefixed(element.tag))
                if path_of_names == ["rss", "channel"]:
                    channel_element = element
                continue
            name = path_of_names.pop()
            if path_of_names != ["rss", "channel"]:
                continue
            if name == "item":
                item = _item(element)
                item.fingerprint = hashlib.sha256(tostring(element)).hexdigest()
                # Read items are dropped from the tree, so memory holds one at a time.
                channel_element.clear()
                yield item
            elif name == "wp:author":
                login = _text(element, "wp:author_login")
                channel.authors[login] = Author(login, _text(element, "wp:author_display_name") or login)
            elif (name == "wp:base_blog_url" and element.text) or (
                name == "link" and not channel.base_url and element.text
            ):
                channel.base_url = element.text.strip()
        if channel_element is None:
            raise ExportError("This is not a WordPress export: it has no <rss><channel>.")
    except DefusedXmlException as error:
        raise ExportError(
            f"Refused: the file declares a DTD or entities ({type(error).__name__}), which a WordPress "
            "export never does; it may be an XML bomb or read other files."
        ) from None
    except ParseError as error:
        raise ExportError(f"This file is not well-formed XML: {error}.") from None
