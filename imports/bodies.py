"""A WordPress post's body made into ours: block comments gone, captions and image blocks as
figures, video embeds found, shortcodes reported, and the result through feed's sanitiser."""

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from feed.html import body_text, sanitize_body
from feed.video import video_embed_url

BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/-]+)(\s+\{.*?\})?\s*/?-->", re.S | re.I)
CAPTION = re.compile(r"\[(?:wp_)?caption\b[^\]]*\](.*?)\[/(?:wp_)?caption\]", re.S | re.I)
IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])(.*?)\1[^>]*>", re.S | re.I)
EMBED_SHORTCODE = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.S | re.I)
EMBED_FIGURE = re.compile(r"<figure\b[^>]*wp-block-embed[^>]*>.*?</figure>", re.S | re.I)
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://\S+)[ \t]*$", re.M)
URL = re.compile(r"https?://[^\s\"'<>\]]+")
SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\]]*)?)\]", re.I)
EMPTY_ELEMENT = re.compile(r"<(p|figure|figcaption)>\s*</\1>")
BLOCK_START = re.compile(r"^\s*<(p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr)\b", re.I)
# Shortcodes WordPress itself or common plugins write; others are recognised by attributes or a closing tag.
KNOWN_SHORTCODES = {"gallery", "audio", "video", "playlist", "embed", "caption", "wp_caption", "contact-form-7"}
SUMMARY_LENGTH = 300


@dataclass
class Body:
    html: str
    image_urls: list = field(default_factory=list)
    video_urls: list = field(default_factory=list)
    unknown_shortcodes: Counter = field(default_factory=Counter)


def _caption_figure(match):
    inner = match.group(1)
    caption = IMAGE.sub("", inner)
    caption = re.sub(r"</?a\b[^>]*>", "", caption).strip()
    images = "".join(image.group(0) for image in IMAGE.finditer(inner))
    return f"<figure>{images}<figcaption>{caption}</figcaption></figure>" if caption else images


def _paragraphs(text):
    """WordPress's classic editor keeps paragraphs as blank lines (its wpautop adds <p> on display)."""
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text)]
    return "\n".join(
        chunk if BLOCK_START.match(chunk) else "<p>" + chunk.replace("\n", "<br>") + "</p>" for chunk in chunks if chunk
    )


def _shortcodes(text, unknown):
    closing = {match.group(2).lower() for match in SHORTCODE.finditer(text) if match.group(1)}

    def replace(match):
        name = match.group(2).lower()
        if name in KNOWN_SHORTCODES or name in closing or "=" in match.group(3):
            if not match.group(1):
                unknown[name] += 1
            return ""
        return match.group(0)  # "[sic]", "[1]": text in brackets, not a shortcode

    return SHORTCODE.sub(replace, text)


def convert_body(content):
    """The post's content as our body HTML, with what it held that we keep elsewhere."""
    video_urls = []
    for match in BLOCK_COMMENT.finditer(content):
        if match.group(2).lower().startswith("embed") and match.group(3):
            try:
                url = json.loads(match.group(3)).get("url", "")
            except (ValueError, AttributeError):
                url = ""
            if isinstance(url, str) and video_embed_url(url):
                video_urls.append(url)
    text = BLOCK_COMMENT.sub("", content)
    text = CAPTION.sub(_caption_figure, text)

    def embed_link(url):
        url = html.unescape(url.strip())
        if video_embed_url(url):
            video_urls.append(url)
        return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>'

    text = EMBED_SHORTCODE.sub(lambda match: embed_link(match.group(1)), text)
    text = EMBED_FIGURE.sub(lambda match: "".join(embed_link(url) for url in URL.findall(match.group(0))[:1]), text)
    # A link alone on its line is an oEmbed in WordPress: a known video becomes the story's video.
    text = BARE_URL_LINE.sub(lambda match: embed_link(match.group(1)), text)
    unknown = Counter()
    text = _shortcodes(text, unknown)
    image_urls = [html.unescape(match.group(2)) for match in IMAGE.finditer(text)]
    cleaned = sanitize_body(_paragraphs(text))
    cleaned = EMPTY_ELEMENT.sub("", EMPTY_ELEMENT.sub("", cleaned)).strip()
    return Body(cleaned, image_urls, list(dict.fromkeys(video_urls)), unknown)


def plain_text(markup):
    """Text without tags or entities, whitespace collapsed (for headlines and summaries)."""
    return " ".join(body_text(html.unescape(markup) if "<" not in markup else markup).split())


def summary_from(excerpt, body_html, fallback):
    """The excerpt as text; else the body's opening, cut at a word; else `fallback`."""
    text = plain_text(excerpt) or plain_text(body_html)
    if len(text) > SUMMARY_LENGTH:
        text = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"
    return text or fallback
