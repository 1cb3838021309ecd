"""A generated WordPress export (WXR 1.2) of many posts and photos, for `make bench-import`."""

import random
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

WORDS = [
    *("council", "budget", "river", "bridge", "mayor", "school", "hospital", "railway", "harvest", "market"),
    *("election", "court", "winter", "energy", "grid", "volunteers", "museum", "theatre", "festival", "port"),
]
STATUSES = ["publish"] * 90 + ["draft"] * 5 + ["future"] * 3 + ["trash"] * 2
CATEGORIES = ["news", "politics", "business", "culture", "sport", "world", "science", "opinion"]
SITE = "https://archive.example.org"


def _cdata(text):
    return f"<![CDATA[{text}]]>"


def _paragraphs(rng, count):
    return "\n\n".join(
        "<!-- wp:paragraph -->\n<p>"
        + " ".join(rng.choice(WORDS) for _ in range(60)).capitalize()
        + ".</p>\n<!-- /wp:paragraph -->"
        for _ in range(count)
    )


def write_photos(uploads, count, size=(1024, 683)):
    """`count` JPEGs under uploads/YYYY/MM/, as WordPress keeps them; returns their relative paths."""
    paths = []
    noise = Image.effect_noise(size, 40).convert("RGB")
    for number in range(count):
        relative = f"2020/{number % 12 + 1:02d}/photo-{number}.jpg"
        target = Path(uploads) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        tint = Image.new("RGB", size, (number * 7 % 256, number * 13 % 256, 120))
        Image.blend(noise, tint, 0.5).save(target, "JPEG", quality=85)
        paths.append(relative)
    return paths


def write_export(path, *, posts, photo_paths, seed=21):
    """Writes the export item by item (it may be larger than one wants to hold in memory)."""
    rng = random.Random(seed)
    start = datetime(2012, 1, 1, 8, 0)
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
            f"<channel><title>Archive</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for number in range(20):
            out.write(
                f"<wp:author><wp:author_login>{_cdata(f'writer{number}')}</wp:author_login>"
                f"<wp:author_display_name>{_cdata(f'Writer Number{number}')}</wp:author_display_name></wp:author>\n"
            )
        for number, relative in enumerate(photo_paths):
            post_id = 100_000 + number
            out.write(
                f"<item><title>{_cdata(f'Photo {number}')}</title><wp:post_id>{post_id}</wp:post_id>"
                f"<wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>"
                f"<excerpt:encoded>{_cdata(f'Caption of photo {number}')}</excerpt:encoded>"
                f"<wp:attachment_url>{SITE}/wp-content/uploads/{relative}</wp:attachment_url>"
                f"<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>{_cdata(relative)}"
                "</wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
                f"<wp:meta_value>{_cdata(f'What photo {number} shows')}</wp:meta_value></wp:postmeta></item>\n"
            )
        for number in range(1, posts + 1):
            status = rng.choice(STATUSES)
            when = start + timedelta(hours=number * 7)
            if status == "future":
                when = datetime(2099, 1, 1) + timedelta(hours=number)
            slug = f"story-{number}-{rng.choice(WORDS)}"
            body = _paragraphs(rng, 6)
            if number % 50 == 0:
                body += '\n\n[caption id="attachment_1" width="300"]<img src="/x.jpg"> A caption[/caption]'
            if number % 100 == 0:
                body += '\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n[gallery ids="1,2"]'
            meta = ""
            if photo_paths and number % max(posts // len(photo_paths), 1) == 0:
                thumbnail = 100_000 + (number // max(posts // len(photo_paths), 1) - 1) % len(photo_paths)
                meta = (
                    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                    f"<wp:meta_value>{thumbnail}</wp:meta_value></wp:postmeta>"
                )
            categories = "".join(
                f'<category domain="category" nicename="{name}">{_cdata(name.title())}</category>'
                for name in rng.sample(CATEGORIES, 2)
            )
            tags = "".join(
                f'<category domain="post_tag" nicename="tag-{tag}">{_cdata(f"Tag {tag}")}</category>'
                for tag in rng.sample(range(200), 3)
            )
            out.write(
                f"<item><title>{_cdata(f'Story {number}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}')}</title>"
                f'<link>{SITE}/{when:%Y/%m/%d}/{slug}/</link><guid isPermaLink="false">{SITE}/?p={number}</guid>'
                f"<dc:creator>{_cdata(f'writer{number % 20}')}</dc:creator>"
                f"<content:encoded>{_cdata(body)}</content:encoded><excerpt:encoded>{_cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{number}</wp:post_id><wp:post_date>{when:%Y-%m-%d %H:%M:%S}</wp:post_date>"
                f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>"
                f"<wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>{categories}{tags}{meta}</item>\n"
            )
        out.write("</channel></rss>\n")
