"""Page metadata for readers' pages: canonical address, description, Open Graph, Twitter card and
JSON-LD (schema.org), built as plain data here and rendered by newsroom/_page_meta.html.

Addresses are absolute, taken from the request (the project does not use django.contrib.sites).
Nothing here queries the database: it reads what the view loaded (one_for_page()).
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from common.editions import DEFAULT_EDITION, OG_LOCALES, current_edition, editions, in_edition, other_editions

DESCRIPTION_LENGTH = 160
LOGO = ("newsroom/logo.png", 512, 512)
SITE_DESCRIPTION = _("Breaking news and reporting from Ukraine and the region.")
# The same escapes as django.utils.html.json_script: no "</script>" or "<!--" can close the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data):
    """`data` as JSON that can stand inside a <script> element (newsroom/_page_meta.html puts it in
    <script type="application/ld+json">): no "<", ">" or "&", so nothing in it can end the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_SCRIPT_ESCAPES)


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def iso_duration(delta):
    """ISO 8601 duration: PT3M45S."""
    total = int(delta.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"


def organisation(request):
    logo, width, height = LOGO
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("feed:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(logo)),
            "width": width,
            "height": height,
        },
    }


def person(request, author):
    data = {"@type": "Person", "name": author.name, "url": request.build_absolute_uri(author.get_absolute_url())}
    if author.role:
        data["jobTitle"] = author.role
    return data


def social_image(request, photo, caption=""):
    """The photo's 1200x630 JPEG rendition for link previews, or None."""
    if photo is None:
        return None
    url, width, height = photo.rendition("social", 1200)
    return {
        "url": request.build_absolute_uri(url),
        "width": width,
        "height": height,
        "alt": photo.alt_text,
        "caption": caption or photo.caption,
        "credit": photo.credit,
    }


def image_object(image):
    credit = image["credit"]
    creator = (
        {"@type": "Person", "name": credit.photographer}
        if credit.photographer
        else {"@type": "Organization", "name": credit.source}
    )
    data = {
        "@type": "ImageObject",
        "url": image["url"],
        "contentUrl": image["url"],
        "width": image["width"],
        "height": image["height"],
        "creditText": str(credit),
        "creator": creator,
    }
    if image["caption"]:
        data["caption"] = image["caption"]
    return data


def language_links(request, translations=None, path=None, alternates=True):
    """What a page says about its editions (newsroom/base.html, newsroom/_page_meta.html): its `lang`, its
    Open Graph locales, its <link rel="alternate" hreflang> (itself, each translation and x-default, the
    English one; only when it has a translation, and not on an older page of a list: `alternates`), and
    the language switch, to the translation in each other edition or, with none, to that edition's home.

    `translations`: {edition: address} of this page in other editions, published ones only; `path`:
    this page's own address (default: the request's, without its query)."""
    edition = current_edition()
    translations = {code: address for code, address in (translations or {}).items() if code != edition}
    hreflang = []
    if translations and alternates:
        addresses = {edition: path or request.path, **translations}
        hreflang = [(code, request.build_absolute_uri(addresses[code])) for code in editions() if code in addresses]
        if DEFAULT_EDITION in addresses:
            hreflang.append(("x-default", request.build_absolute_uri(addresses[DEFAULT_EDITION])))
    switch = []
    for other in other_editions(edition):
        if other in translations:
            href = translations[other]
        else:
            with in_edition(other):
                href = reverse("feed:home")
        switch.append(
            {
                "edition": other,
                "name": dict(settings.LANGUAGES)[other],
                "href": href,
                "is_translation": other in translations,
            }
        )
    return {
        "edition": edition,
        "og_locale": OG_LOCALES[edition],
        "og_locale_alternates": [OG_LOCALES[code] for code in translations],
        "alternates": hreflang,
        "switch": switch,
    }


def page_meta(
    request, *, title, description="", path=None, kind="website", image=None, json_ld=None, translations=None
):
    """The metadata of any reader's page. `path` defaults to the request's, without its query.
    `translations`: language_links()'s."""
    return {
        "title": title,
        "description": Truncator(description or SITE_DESCRIPTION).chars(DESCRIPTION_LENGTH),
        "canonical": request.build_absolute_uri(path or request.path),
        "kind": kind,
        "image": image,
        "site_name": settings.NEWSROOM_SITE_NAME,
        "json_ld": json_ld,
        "languages": language_links(request, translations, path),
    }


def translation_json_ld(request, article):
    """schema.org's link between a story and its translations: the first written of a translation group
    (the lowest id) is the work, and the others its translations (`workTranslation` on the work,
    `translationOfWork` on each translation), each with its language. From with_translations()'s
    annotations: no query."""
    translations = article.translations()
    linked = [
        {
            "@type": "NewsArticle",
            "url": request.build_absolute_uri(translation.address),
            "inLanguage": translation.edition,
        }
        for translation in translations
    ]
    originals = [work for work, translation in zip(linked, translations, strict=True) if translation.is_original]
    if originals:
        return {"translationOfWork": originals[0]}
    return {"workTranslation": linked} if linked else {}


def article_json_ld(request, article, image):
    """NewsArticle for a story loaded with one_for_page(); a video story carries a VideoObject."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.summary,
        "datePublished": iso(article.published_at),
        "dateModified": iso(article.last_modified),
        "author": [person(request, byline.author) for byline in article.parts.bylines],
        "publisher": organisation(request),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.parts.tags],
        "timeRequired": f"PT{article.reading_minutes}M",
        "inLanguage": article.language,
        **translation_json_ld(request, article),
    }
    if image:
        data["image"] = image_object(image)
    if article.is_video:
        video = {
            "@type": "VideoObject",
            "name": article.headline,
            "description": article.summary,
            "uploadDate": iso(article.published_at),
            "embedUrl": article.video_embed_url,
        }
        if image:
            video["thumbnailUrl"] = [image["url"]]
        if article.video_duration:
            video["duration"] = iso_duration(article.video_duration)
        data["video"] = video
    return data


def article_meta(request, article):
    """Everything the article page's <head> says about the story."""
    photo = article.video_poster if article.is_video else article.lead_photo
    image = social_image(request, photo, article.caption if photo == article.lead_photo else "")
    meta = page_meta(
        request,
        title=article.headline,
        description=article.summary,
        path=article.get_absolute_url(),
        kind="article",
        image=image,
        json_ld=article_json_ld(request, article, image),
        translations={translation.edition: translation.address for translation in article.translations()},
    )
    meta["article"] = {
        "published": iso(article.published_at),
        "modified": iso(article.last_modified),
        "section": article.section.name,
        "tags": [tag.name for tag in article.parts.tags],
        "authors": [request.build_absolute_uri(byline.author.get_absolute_url()) for byline in article.parts.bylines],
    }
    return meta


def author_meta(request, author, translations=None):
    """The author page: a profile with a schema.org Person."""
    image = social_image(request, author.avatar)
    data = {"@context": "https://schema.org", **person(request, author)}
    if author.short_bio:
        data["description"] = author.short_bio
    if image:
        data["image"] = image["url"]
    data["worksFor"] = {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("feed:home")),
    }
    return page_meta(
        request,
        title=author.name,
        description=author.short_bio,
        path=author.get_absolute_url(),
        kind="profile",
        image=image,
        json_ld=data,
        translations=translations,
    )
