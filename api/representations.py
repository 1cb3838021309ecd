"""Stories, photos and people as the API's schemas (api/schemas.py) have them, from objects the
endpoints loaded. Nothing here queries: a field read that is not preloaded would cost a query per item,
which the query-count tests catch. Addresses are absolute."""

from django.urls import reverse

from common.web_addresses import web_address
from media.models import storage_url


def absolute(request, address):
    """What request.build_absolute_uri(address) gives for a path of this site (already quoted, as reverse()
    and the storage give them) or an address elsewhere (the object store, a CDN), without working out the
    origin again for each of the hundreds of addresses in a list."""
    if not address.startswith("/"):
        return address
    if not hasattr(request, "site_origin"):
        request.site_origin = request.build_absolute_uri("/")[:-1]
    return request.site_origin + address


def photo(request, photo, caption="", *, with_credit=True):
    """`with_credit=False` where the credit is not loaded (an avatar's: the author box shows none)."""
    if photo is None:
        return None
    credit = photo.credit if with_credit else None
    return {
        "url": absolute(request, photo.url),
        "width": photo.width,
        "height": photo.height,
        "alt_text": photo.alt_text,
        "caption": caption or photo.caption,
        "credit": None
        if credit is None
        else {
            "text": str(credit),
            "photographer": credit.photographer,
            "source": credit.source,
            "url": web_address(credit.url) or None,
        },
        "renditions": {
            slot: [
                {
                    "width": entry["width"],
                    "height": entry["height"],
                    "files": {kind: absolute(request, storage_url(name)) for kind, name in entry["files"].items()},
                }
                for entry in sorted(entries, key=lambda entry: entry["width"])
            ]
            for slot, entries in photo.renditions.items()
        },
    }


def named(request, thing):
    return {"name": thing.name, "slug": thing.slug, "url": absolute(request, thing.get_absolute_url())}


def tag(request, tag):
    return {"name": tag.name, "slug": tag.slug, "url": absolute(request, reverse("feed:tag", args=[tag.slug]))}


def author(request, author):
    return {
        **named(request, author),
        "role": author.role,
        "short_bio": author.short_bio,
        "bio": author.bio,
        "avatar": photo(request, author.avatar, with_credit=False),
    }


def story(request, article):
    """A story in a list. Needs for_feed() (section, photos with credits, bylines with authors, tags)."""
    lead = article.card_photo
    return {
        "id": article.pk,
        "headline": article.headline,
        "slug": article.slug,
        "url": absolute(request, article.get_absolute_url()),
        "summary": article.summary,
        "section": named(request, article.section),
        "tags": [tag(request, item) for item in article.sorted_tags],
        "authors": [named(request, byline.author) for byline in article.bylines.all()],
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "reading_minutes": article.reading_minutes,
        "is_live": article.is_live,
        "is_breaking": article.is_breaking,
        "video_url": article.video_url or None,
        "lead_photo": photo(request, lead, article.lead_photo_caption if lead == article.lead_photo else ""),
    }


def related(request, link):
    target = link.target
    return {
        "story_id": target.pk if target else None,
        "title": link.label,
        "url": absolute(request, link.href),
        "summary": link.teaser,
    }


def live_update(request, update):
    return {
        "id": update.pk,
        "url": absolute(request, update.get_absolute_url()),
        "posted_at": update.posted_at,
        "edited_at": update.edited_at,
        "headline": update.headline,
        "body_html": update.body,
        "pinned": update.pinned,
        "authors": [named(request, person) for person in update.authors.all()],
        "photo": photo(request, update.photo, update.photo_caption),
        "corrections": [{"text": note.text, "created_at": note.created_at} for note in update.corrections.all()],
    }


def story_detail(request, article, live_updates=None):
    """A story in full. Needs for_detail(); `live_updates` loaded with LiveUpdate.objects.for_page()."""
    return {
        **story(request, article),
        "authors": [author(request, byline.author) for byline in article.bylines.all()],
        "body_html": article.body,
        "corrections": [
            {"kind": note.kind, "text": note.text, "created_at": note.created_at} for note in article.corrections.all()
        ],
        "related": [related(request, link) for link in article.related_links.all()],
        "coverage_ended_at": article.coverage_ended_at,
        "live_updates": None if live_updates is None else [live_update(request, item) for item in live_updates],
    }
