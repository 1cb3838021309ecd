"""Stories, photos and people as the API's schemas (api/schemas.py) have them, from objects the
endpoints loaded. Nothing here queries: a field read that is not preloaded would cost a query per item,
which the query-count tests catch. Addresses are absolute."""

from django.conf import settings

from common.editions import in_edition, translated_columns
from common.web_addresses import web_address
from feed.addresses import page_address, story_address
from media.models import PhotoCredit, storage_url


def absolute(request, address):
    """What request.build_absolute_uri(address) gives for a path of this site (already quoted, as reverse()
    and the storage give them) or an address elsewhere (the object store, a CDN), without working out the
    origin again for each of the hundreds of addresses in a list."""
    if not address.startswith("/"):
        return address
    if not hasattr(request, "site_origin"):
        request.site_origin = request.build_absolute_uri("/")[:-1]
    return request.site_origin + address


def renditions(request, stored):
    """A photo's `renditions` column as the schema has them: each slot's widths smallest first."""
    return {
        slot: [
            {
                "width": entry["width"],
                "height": entry["height"],
                "files": {kind: absolute(request, storage_url(name)) for kind, name in entry["files"].items()},
            }
            for entry in sorted(entries, key=lambda entry: entry["width"])
        ]
        for slot, entries in stored.items()
    }


def credit(credit):
    return {
        "text": str(credit),
        "photographer": credit.photographer,
        "source": credit.source,
        "url": web_address(credit.url) or None,
    }


def photo(request, photo, caption="", *, with_credit=True):
    """`with_credit=False` where the credit is not loaded (an avatar's: the author box shows none)."""
    if photo is None:
        return None
    return {
        "url": absolute(request, photo.url),
        "width": photo.width,
        "height": photo.height,
        "alt_text": photo.alt_text,
        "caption": caption or photo.caption,
        "credit": credit(photo.credit) if with_credit and photo.credit else None,
        "renditions": renditions(request, photo.renditions),
    }


def named(request, thing):
    return {"name": thing.name, "slug": thing.slug, "url": absolute(request, thing.get_absolute_url())}


def tag(request, tag):
    return {"name": tag.name, "slug": tag.slug, "url": absolute(request, page_address("feed:tag", tag.slug))}


def author(request, author):
    return {
        **named(request, author),
        "role": author.role,
        "short_bio": author.short_bio,
        "bio": author.bio,
        "avatar": photo(request, author.avatar, with_credit=False),
    }


def translations(request, language, annotated):
    """The published translations of a story in `language`, from with_translations()'s annotations (a row's
    dict, or the story)."""
    found = []
    for code, _ in settings.LANGUAGES:
        key = f"translation_{code}"
        translation = annotated[key] if isinstance(annotated, dict) else getattr(annotated, key, None)
        if code != language and translation:
            address = story_address(translation["slug"], translation["live_coverage"], code)
            found.append({"id": translation["id"], "language": code, "url": absolute(request, address)})
    return found


def story(request, article):
    """The fields a list item has, from a story loaded with one_for_page(): story_detail() starts from them. The
    list itself is built from rows, by listed_story()."""
    lead = article.card_photo
    return {
        "id": article.pk,
        "language": article.language,
        "translations": translations(request, article.language, article),
        "headline": article.headline,
        "slug": article.slug,
        "url": absolute(request, article.get_absolute_url()),
        "summary": article.summary,
        "section": named(request, article.section),
        "tags": [tag(request, item) for item in article.parts.tags],
        "authors": [named(request, byline.author) for byline in article.parts.bylines],
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "reading_minutes": article.reading_minutes,
        "is_live": article.is_live,
        "is_breaking": article.is_breaking,
        "video_url": article.video_url or None,
        "lead_photo": photo(request, lead, article.lead_photo_caption if lead == article.lead_photo else ""),
    }


# A list item's photo has the renditions a list shows: a story card's (16:9) and a thumbnail's. The story
# in full has every slot; leaving the others out cut a 20-story list's JSON from 93 to 65 kB (docs/api.md).
LISTED_SLOTS = ["lead", "square"]
PHOTO_COLUMNS = ["image", "width", "height", "alt_text", "caption", "renditions"]
CREDIT_COLUMNS = ["photographer", "source", "url"]
# What listed_story() reads: values() of published stories, photos and credits joined.
LISTED_COLUMNS = [
    "id",
    "language",
    "headline",
    "slug",
    "summary",
    "published_at",
    "updated_at",
    "reading_minutes",
    "live_coverage",
    "coverage_ended_at",
    "is_breaking",
    "video_url",
    "lead_photo_caption",
    *translated_columns("section", "name", "slug"),
    *(
        f"{photo}__{column}"
        for photo in ("lead_photo", "video_poster")
        for column in ["id", *PHOTO_COLUMNS, *(f"credit__{name}" for name in CREDIT_COLUMNS)]
    ),
]


def _listed_photo(request, row, prefix, caption):
    columns = {column: row[f"{prefix}__{column}"] for column in PHOTO_COLUMNS}
    photographer = row[f"{prefix}__credit__photographer"]
    return {
        "url": absolute(request, storage_url(columns["image"])),
        "width": columns["width"],
        "height": columns["height"],
        "alt_text": columns["alt_text"],
        "caption": caption or columns["caption"],
        "credit": None
        if photographer is None
        else credit(
            PhotoCredit(
                photographer=photographer,
                source=row[f"{prefix}__credit__source"],
                url=row[f"{prefix}__credit__url"],
            )
        ),
        "renditions": renditions(
            request,
            {slot: entries for slot in LISTED_SLOTS if (entries := columns["renditions"].get(slot)) is not None},
        ),
    }


def in_language(row, column, language):
    """A translated column (django-modeltranslation's <column>_<language>) of a row in `language`, falling
    back to the default language's where it has none, as the reader pages do."""
    return row.get(f"{column}_{language}") or row[f"{column}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"]


def section_in(request, row):
    """The story's section, named in the story's language."""
    language = row["language"]
    slug = in_language(row, "section__slug", language)
    address = page_address("feed:section", slug, language)
    return {"name": in_language(row, "section__name", language), "slug": slug, "url": absolute(request, address)}


def listed_story(request, row, tags, bylines):
    """story() from a row of LISTED_COLUMNS, its tags and its bylines as (name, slug) pairs: a list
    of 50 stories built from model instances spent more time making the instances than the answer."""
    if row["lead_photo__id"] is not None:
        lead = _listed_photo(request, row, "lead_photo", row["lead_photo_caption"])
    elif row["video_poster__id"] is not None:
        lead = _listed_photo(request, row, "video_poster", "")
    else:
        lead = None
    live_coverage, language = row["live_coverage"], row["language"]
    return {
        "id": row["id"],
        "language": row["language"],
        "translations": translations(request, row["language"], row),
        "headline": row["headline"],
        "slug": row["slug"],
        "url": absolute(request, story_address(row["slug"], live_coverage, row["language"])),
        "summary": row["summary"],
        "section": section_in(request, row),
        "tags": [
            {"name": name, "slug": slug, "url": absolute(request, page_address("feed:tag", slug, language))}
            for name, slug in sorted(tags, key=lambda tag: tag[0].lower())
        ],
        "authors": [
            {"name": name, "slug": slug, "url": absolute(request, page_address("feed:author", slug, language))}
            for name, slug in bylines
        ],
        "published_at": row["published_at"],
        "updated_at": row["updated_at"],
        "reading_minutes": row["reading_minutes"],
        "is_live": live_coverage and row["coverage_ended_at"] is None,
        "is_breaking": row["is_breaking"],
        "video_url": row["video_url"] or None,
        "lead_photo": lead,
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
    """A story in full. Needs one_for_page(author_bios=True); `live_updates` loaded with
    LiveUpdate.objects.for_page(). Its section and authors are named, and its addresses made, in the story's
    language."""
    with in_edition(article.language):
        return _story_detail(request, article, live_updates)


def _story_detail(request, article, live_updates):
    return {
        **story(request, article),
        "authors": [author(request, byline.author) for byline in article.parts.bylines],
        "body_html": article.body,
        "corrections": [
            {"kind": note.kind, "text": note.text, "created_at": note.created_at} for note in article.parts.corrections
        ],
        "related": [related(request, link) for link in article.parts.related_links],
        "coverage_ended_at": article.coverage_ended_at,
        "live_updates": None if live_updates is None else [live_update(request, item) for item in live_updates],
    }
