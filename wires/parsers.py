"""Reading agency copy: RSS/Atom (feedparser) and NewsML-G2 newsItem, packageItem and newsMessage
files (defusedxml's ElementTree; lxml is not a dependency). defusedxml reads every document first
and refuses entity declarations, so entity expansion (billion laughs) and external entities never
happen: NewsML-G2 may not have a DTD at all, and a feed only a DOCTYPE without entities (RSS 0.91
names Netscape's). A feed that is not well-formed XML goes to feedparser's lenient parser only when
it declares no entities either.

Each parser returns ParsedItem values, or raises WireFormatError saying why the whole document was
refused. Bodies come out sanitised by feed.html, as a story's body is."""

import hashlib
import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.template.loader import render_to_string

from feed.html import sanitize_body

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
NEWSML = "{http://iptc.org/std/nar/2006-10-01/}"
# NITF's and XHTML's names for what a story body calls h2/h3; other unknown tags keep their text.
HEADING_TAGS = {"hl2": "h2", "h1": "h2", "h2": "h2", "h3": "h3"}


class WireFormatError(ValueError):
    """The document is refused; the message says why, for the admin's list of wire files."""


class NotWellFormed(WireFormatError):
    pass


@dataclass
class ParsedItem:
    guid: str
    headline: str
    body: str
    version: int | None = None
    agency: str = ""
    urgency: int | None = None
    pub_status: str = ""
    sent_at: datetime | None = None
    first_created_at: datetime | None = None
    embargo_until: datetime | None = None

    @property
    def fingerprint(self):
        """Same text, headline and embargo: the same copy sent again."""
        content = "\x00".join([self.headline, self.body, str(self.embargo_until)])
        return hashlib.sha256(content.encode()).hexdigest()


def _refuse_unsafe_xml(data, *, forbid_dtd):
    """The document's root element, unless it is too large, declares entities (or, with forbid_dtd, any
    DTD), or is not well-formed XML."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise WireFormatError(f"Larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB.")
    try:
        return safe_fromstring(data, forbid_dtd=forbid_dtd, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise WireFormatError(f"Refused: the file declares a DTD or entities ({type(error).__name__}).") from error
    except ElementTree.ParseError as error:
        raise NotWellFormed(f"Not well-formed XML: {error}.") from error


def _paragraphs_html(text):
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    return render_to_string("wires/_paragraphs.html", {"paragraphs": paragraphs}).strip()


def _moment(text):
    """An ISO 8601 time as NewsML-G2 writes it; one without a zone is taken as UTC."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# RSS and Atom.


def parse_feed(data):
    try:
        _refuse_unsafe_xml(data, forbid_dtd=False)
    except NotWellFormed:
        # The lenient parser must not meet entity declarations either, in whatever encoding.
        if b"<!entity" in data.lower().replace(b"\x00", b""):
            raise
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        raise WireFormatError(f"Not an RSS or Atom feed: {parsed.get('bozo_exception')}.")
    items = []
    for entry in parsed.entries:
        guid = entry.get("id") or entry.get("link")
        headline = " ".join(entry.get("title", "").split())
        if not guid or not headline:
            continue
        if entry.get("content"):
            content = entry.content[0]
        else:
            content = entry.get("summary_detail") or {"value": "", "type": "text/plain"}
        value = content.get("value", "")
        # feedparser calls every RSS description HTML; one without a tag is plain text all the same.
        is_html = "html" in content.get("type", "") and "<" in value
        body = sanitize_body(value) if is_html else _paragraphs_html(value)
        sent = entry.get("published_parsed") if "updated" not in entry else entry.get("updated_parsed")
        items.append(
            ParsedItem(
                guid=guid[:500],
                headline=headline[:300],
                body=body,
                sent_at=datetime(*sent[:6], tzinfo=UTC) if sent else None,
            )
        )
    return items


# NewsML-G2.


def _local_names(element):
    """Strips namespaces from an element and its descendants (the body is NITF or XHTML inside G2)."""
    for node in element.iter():
        if isinstance(node.tag, str):
            node.tag = node.tag.rpartition("}")[2]
    return element


def _text(parent, path):
    found = parent.find(path, {"g": NEWSML[1:-1]})
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _body_of(item):
    """The item's text: the first inlineXML (NITF body.content, XHTML body, or any markup) or inlineData
    (plain text, or escaped HTML when its contenttype says so)."""
    content_set = item.find(f"{NEWSML}contentSet")
    if content_set is None:
        return ""
    for content in content_set:
        if content.tag == f"{NEWSML}inlineData":
            if "html" in content.get("contenttype", ""):
                return sanitize_body(content.text or "")
            return _paragraphs_html(content.text or "")
        if content.tag == f"{NEWSML}inlineXML":
            _local_names(content)
            bodies = (found for path in (".//body.content", ".//body") if (found := content.find(path)) is not None)
            root = next(bodies, content)
            for node in root.iter():
                if node.tag in HEADING_TAGS:
                    node.tag = HEADING_TAGS[node.tag]
            # The sanitiser drops the wrapper's own tag (body.content, body) and keeps what it holds.
            return sanitize_body(ElementTree.tostring(root, encoding="unicode"))
    return ""


def _agency_of(item):
    """Who to credit: the creditline, else the provider's name; "" lets the source's agency stand."""
    provider = item.find(f"{NEWSML}itemMeta/{NEWSML}provider")
    return (
        _text(item, "g:contentMeta/g:creditline")
        or _text(item, "g:itemMeta/g:provider/g:name")
        or (provider.get("literal", "") if provider is not None else "")
    )


def _news_item(item):
    guid = (item.get("guid") or "").strip()
    headline = _text(item, "g:contentMeta/g:headline")
    if item.tag == f"{NEWSML}packageItem":
        headline = headline or _text(item, "g:itemMeta/g:title")
        refs = item.iter(f"{NEWSML}itemRef")
        body = _paragraphs_html("\n\n".join(_text(ref, "g:title") for ref in refs if _text(ref, "g:title")))
    else:
        body = _body_of(item)
    if not guid:
        raise WireFormatError("An item has no guid.")
    if not headline:
        raise WireFormatError(f"The item {guid} has no headline.")
    try:
        version = int(item.get("version") or 1)
    except ValueError as error:
        raise WireFormatError(f"The item {guid} has a version that is not a number.") from error
    urgency = _text(item, "g:contentMeta/g:urgency")
    pub_status = item.find(f"{NEWSML}itemMeta/{NEWSML}pubStatus")
    return ParsedItem(
        guid=guid[:500],
        headline=headline[:300],
        body=body,
        version=max(version, 1),
        agency=_agency_of(item)[:120],
        urgency=int(urgency) if urgency.isdigit() else None,
        pub_status=(pub_status.get("qcode", "") if pub_status is not None else "").partition(":")[2][:40],
        sent_at=_moment(_text(item, "g:itemMeta/g:versionCreated")),
        first_created_at=_moment(_text(item, "g:itemMeta/g:firstCreated")),
        embargo_until=_moment(_text(item, "g:itemMeta/g:embargoed")),
    )


def parse_newsml(data):
    root = _refuse_unsafe_xml(data, forbid_dtd=True)
    if root.tag in (f"{NEWSML}newsItem", f"{NEWSML}packageItem"):
        return [_news_item(root)]
    if root.tag == f"{NEWSML}newsMessage":
        return [_news_item(item) for item in root.iter() if item.tag in (f"{NEWSML}newsItem", f"{NEWSML}packageItem")]
    raise WireFormatError(f"Not a NewsML-G2 item: the document is a <{root.tag.rpartition('}')[2]}>.")
