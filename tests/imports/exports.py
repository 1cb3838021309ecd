"""Small WordPress exports written for the tests, as WordPress writes them (WXR 1.2)."""

from html import escape
from pathlib import Path

SITE = "https://old.example.org"

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/{version}/"
>
<channel>
	<title>The Old Ledger</title>
	<link>{site}</link>
	<wp:wxr_version>{version}</wp:wxr_version>
	<wp:base_site_url>{site}</wp:base_site_url>
	<wp:base_blog_url>{site}</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[olena]]></wp:author_login>
		<wp:author_display_name><![CDATA[Olena Hrytsenko]]></wp:author_display_name></wp:author>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[taras]]></wp:author_login>
		<wp:author_display_name><![CDATA[Тарас Шевчук]]></wp:author_display_name></wp:author>
"""


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def item(
    post_id,
    title,
    *,
    status="publish",
    slug=None,
    content="<!-- wp:paragraph --><p>A paragraph of the story.</p><!-- /wp:paragraph -->",
    excerpt="",
    date="2019-05-04 10:30:00",
    creator="olena",
    post_type="post",
    password="",
    sticky=False,
    categories=(),
    tags=(),
    meta=None,
    comments=0,
    attachment_url="",
):
    slug = f"post-{post_id}" if slug is None else slug
    day = date[:10].replace("-", "/")
    link = f"{SITE}/{day}/{slug}/" if status == "publish" else f"{SITE}/?p={post_id}"
    terms = "".join(
        f'<category domain="category" nicename="{escape(nicename)}">{cdata(name)}</category>'
        for nicename, name in categories
    ) + "".join(f'<category domain="post_tag" nicename="{escape(tag)}">{cdata(tag)}</category>' for tag in tags)
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
        for key, value in (meta or {}).items()
    )
    comment_rows = "".join(
        f"<wp:comment><wp:comment_id>{n}</wp:comment_id><wp:comment_author>{cdata('Reader')}</wp:comment_author>"
        f"<wp:comment_content>{cdata(f'<p>Comment {n} <script>alert({n})</script></p>')}</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved></wp:comment>"
        for n in range(1, comments + 1)
    )
    return f"""
	<item>
		<title>{cdata(title)}</title>
		<link>{link}</link>
		<pubDate>Sat, 04 May 2019 10:30:00 +0000</pubDate>
		<dc:creator>{cdata(creator)}</dc:creator>
		<guid isPermaLink="false">{SITE}/?p={post_id}</guid>
		<content:encoded>{cdata(content)}</content:encoded>
		<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date>{cdata(date)}</wp:post_date>
		<wp:post_date_gmt>{cdata(date if status in ("publish", "future") else "0000-00-00 00:00:00")}</wp:post_date_gmt>
		<wp:post_name>{cdata(slug)}</wp:post_name>
		<wp:status>{cdata(status)}</wp:status>
		<wp:post_type>{cdata(post_type)}</wp:post_type>
		<wp:post_password>{cdata(password)}</wp:post_password>
		<wp:is_sticky>{1 if sticky else 0}</wp:is_sticky>
		<wp:attachment_url>{attachment_url}</wp:attachment_url>
		{terms}{metas}{comment_rows}
	</item>"""


def attachment(post_id, path, *, alt="", caption="", title="A photo"):
    return item(
        post_id,
        title,
        status="inherit",
        post_type="attachment",
        content="",
        excerpt=caption,
        attachment_url=f"{SITE}/wp-content/uploads/{path}",
        meta={"_wp_attached_file": path, **({"_wp_attachment_image_alt": alt} if alt else {})},
    )


def export(*items, version="1.2"):
    return HEAD.format(site=SITE, version=version) + "".join(items) + "\n</channel>\n</rss>\n"


def write(folder, *items, version="1.2", name="export.xml"):
    path = Path(folder) / name
    path.write_text(export(*items, version=version), encoding="utf-8")
    return path
