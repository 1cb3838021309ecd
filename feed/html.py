"""Article body HTML: sanitising, counting words and splitting into paragraphs."""

import math
import re
from html.parser import HTMLParser

import nh3

from common.web_addresses import WEB_SCHEMES, web_address

BODY_TAGS = {
    "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "q", "cite", "br", "hr", "figure", "figcaption", "sub", "sup",
}  # fmt: skip
BODY_ATTRIBUTES = {"a": {"href", "title"}, "q": {"cite"}, "blockquote": {"cite"}}
VOID_TAGS = {"br", "hr"}
BLOCK_TAGS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol", "hr", "figure"}

# What the prose editor offers for a story's body: a subset of what sanitize_body keeps.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
}

WORDS_PER_MINUTE = 200
WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")


def _keep_web_citations(element, attribute, value):
    # nh3 checks the scheme of href but not of cite; a quote's source must be a web address too.
    if attribute == "cite" and not web_address(value):
        return None
    return value


def sanitize_body(html):
    return nh3.clean(
        html,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={*WEB_SCHEMES, "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_keep_web_citations,
    ).strip()


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    # Tag boundaries separate words even without whitespace between tags.
    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def body_text(html):
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def word_count(html):
    return len(WORD_RE.findall(body_text(html)))


def reading_minutes(html):
    """Minutes to read at 200 words a minute, rounded up; never less than one."""
    return max(1, math.ceil(word_count(html) / WORDS_PER_MINUTE))


class _BlockSplitter(HTMLParser):
    """Cuts sanitised HTML into its top-level blocks, keeping each one's source text.

    Runs of loose inline content between blocks (text, links, emphasis, line breaks) become one
    paragraph each, so that they count as one paragraph for related-story placement.
    """

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks = []
        self.depth = 0
        self.start = None
        self.last_end = 0

    def _offset(self):
        line, column = self.getpos()
        return self.line_offsets[line - 1] + column

    def feed_html(self, html):
        self.source = html
        # HTMLParser counts lines by "\n" only; str.splitlines() would also split on U+2028 etc.
        self.line_offsets = [0]
        for line in html.split("\n"):
            self.line_offsets.append(self.line_offsets[-1] + len(line) + 1)
        self.feed(html)
        self.close()
        self._keep_loose_content(len(html))
        return self.blocks

    def _keep_loose_content(self, upto):
        loose = self.source[self.last_end : upto].strip()
        if loose:
            self.blocks.append(f"<p>{loose}</p>")

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            if tag not in BLOCK_TAGS:
                return
            self.start = self._offset()
            self._keep_loose_content(self.start)
            if tag in VOID_TAGS:
                self._end_block(self.start + len(self.get_starttag_text()))
                return
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            self._end_block(self.source.index(">", self._offset()) + 1)

    def _end_block(self, end):
        self.blocks.append(self.source[self.start : end])
        self.start = None
        self.last_end = end


def split_blocks(html):
    """The body's top-level elements (paragraphs, quotes, lists) as HTML strings."""
    return _BlockSplitter().feed_html(html)
