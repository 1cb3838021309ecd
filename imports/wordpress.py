"""Importing a WordPress export: posts become stories, attachments photos, permalinks redirects.

Two passes over the file, both streaming: the first reads the attachments (the photos a post may
name, which an export often lists after it), the second imports the posts. Each item is saved in
a savepoint of its own, so one that fails leaves nothing behind, and items are committed a hundred
at a time; state changes go through feed.workflow's services.
"""

import sys
from contextlib import nullcontext
from itertools import islice
from pathlib import Path
from urllib.parse import unquote, urlsplit

import reversion
from django.core.exceptions import ValidationError
from django.db import reset_queries, transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from authors.models import Author
from feed import workflow
from feed.caching import changes_announced_once, content_changed
from feed.models import Article, Byline, Redirect, Section
from feed.video import video_embed_url

from .bodies import convert_body, plain_text, summary_from
from .models import ImportedItem
from .photos import PhotoImport, uploads_path
from .report import Report
from .wxr import Channel, read_export

DEFAULT_SECTION = "Archive"
# Items per transaction: on SQLite a commit is a sync to disk, about 7 ms.
COMMIT_EVERY = 100


def read_section_mapping(path):
    """`category = section-slug` lines (a category's slug or name); `* = section-slug` for the rest."""
    mapping = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        category, separator, section = (part.strip() for part in line.partition("="))
        if not separator or not category or not section:
            raise ValueError(f"{path}, line {number}: write “category = section-slug”.")
        mapping[category.lower()] = section
    sections = {section.slug: section for section in Section.objects.filter(slug__in=set(mapping.values()))}
    if unknown := sorted(set(mapping.values()) - sections.keys()):
        raise ValueError(f"No section with the slug {', '.join(unknown)}; make it in the admin first.")
    return {category: sections[slug] for category, slug in mapping.items()}


class WordPressImport(PhotoImport):
    def __init__(self, export, *, user, media_dir=None, sections=None, progress=None):
        self.export = Path(export)
        self.user = user
        self.media_dir = Path(media_dir) if media_dir else None
        self.sections = sections or {}
        self.progress = progress
        self.report = Report()
        self.channel = Channel()
        self.attachments = {}  # wp id → Item
        self.attachment_ids_by_path = {}  # path under uploads → wp id
        self.photos = {}  # wp id → Photo or None
        self.authors = {}
        self.tags = {}
        self.default_section = None
        self.records = {}  # wp id → its ImportedItem or None, read with its batch

    # Reading.

    def run(self, *, dry_run=False):
        total = 0
        for item in read_export(self.export, self.channel):
            total += 1
            if item.post_type == "attachment":
                self.attachments[item.post_id] = item
                if path := self._upload_path(item):
                    self.attachment_ids_by_path[path] = item.post_id
        self.source = self.channel.base_url.rstrip("/")
        self.base_path = urlsplit(self.source).path.rstrip("/")
        # An interrupted import keeps what it did and a re-run goes on from there; a dry run is one
        # transaction, rolled back.
        self.tags = {tag.name: tag for tag in Tag.objects.all()}
        items = enumerate(read_export(self.export, Channel()), start=1)
        with transaction.atomic() if dry_run else nullcontext():
            while batch := list(islice(items, COMMIT_EVERY)):
                self._import_batch(batch, total, dry_run=dry_run)
            if dry_run:
                transaction.set_rollback(True)
        return self.report

    def _import_batch(self, batch, total, *, dry_run):
        """One transaction. An exception (Ctrl-C) ends the import, but the items before it are
        committed; the site's page cache is told of the changes once, after the commit."""
        wp_ids = [item.post_id for _, item in batch]
        self.records = dict.fromkeys(wp_ids)
        found = ImportedItem.objects.filter(source=self.source, source_id__in=wp_ids).select_related("article")
        self.records.update((record.source_id, record) for record in found)
        failure = None
        with changes_announced_once(), transaction.atomic():
            for number, item in batch:
                self.report.items_read += 1
                try:
                    self._import_item(item, dry_run=dry_run)
                except BaseException as error:  # raised again once the items before it are committed
                    failure = error
                    break
                # With DEBUG on, Django keeps every query's text: 10,000 items would hold them all.
                reset_queries()
                if self.progress and (number % 100 == 0 or number == total):
                    self.progress(number, total)
        if failure is not None:
            raise failure

    def _upload_path(self, item):
        """Where the attachment's file is under wp-content/uploads/."""
        return item.meta.get("_wp_attached_file", "").lstrip("/") or uploads_path(item.attachment_url)

    def _import_item(self, item, *, dry_run):
        title = plain_text(item.title)[:200]
        if item.post_type == "attachment":
            self.report.attachments += 1
            self._photo(item.post_id, dry_run=dry_run)
            return
        if item.sticky:
            self.report.sticky.append((item.post_id, title))
        if item.post_type != "post":
            self.report.skipped.append((item.post_id, title, f"a {item.post_type}, not a post: not imported"))
            return
        if item.status not in {"publish", "future", "draft", "pending", "private", "trash"}:
            self.report.skipped.append((item.post_id, title, f"status “{item.status}”: not imported"))
            return
        record = self._record_of(item.post_id)
        if record and record.fingerprint == item.fingerprint and record.article:
            self.report.unchanged += 1
            self.report.statuses[record.article.state_label] += 1
            return
        if record and record.article and record.article.version != record.article_version:
            self.report.skipped.append((item.post_id, title, "edited here since the last import: left as it is"))
            return
        if record and record.article and record.article.is_killed:
            self.report.skipped.append((item.post_id, title, "killed here: left as it is"))
            return
        wanted = self._wanted_status(item, title)
        # Photos are saved outside the story's transaction: one the story's refusal rolled back
        # would otherwise stay in self.photos, pointing at no row.
        body = convert_body(item.content)
        self.report.unknown_shortcodes.update(body.unknown_shortcodes)
        photo = self._lead_photo(item, body.image_urls, dry_run=dry_run)
        existing = record.article if record else None
        try:
            article = self._save_item(item, title, record, body, photo, wanted)
        except (workflow.EditorialError, ValidationError) as error:
            # Authors, tags and the default section made in the rolled-back savepoint are gone too.
            self.authors, self.tags, self.default_section = {}, {}, None
            if existing is not None or wanted == "draft":
                self.report.skipped.append((item.post_id, title, f"refused, left as it was: {error}"))
                return
            # A new story that may not go live (no byline, an embargo…) comes in as a draft.
            article = self._save_item(item, title, record, body, photo, "draft")
            self.report.notes.append((item.post_id, title, f"imported as a draft: {error}"))
        self.report.statuses[article.state_label] += 1
        if record and record.article:
            self.report.updated += 1
        else:
            self.report.imported += 1

    def _wanted_status(self, item, title):
        """The WordPress status the story takes, private and password-protected posts as drafts."""
        if item.password and item.status in ("publish", "future"):
            self.report.notes.append((item.post_id, title, "password-protected there: imported as a draft"))
            return "draft"
        if item.status == "private":
            self.report.notes.append((item.post_id, title, "private there: imported as a draft"))
            return "draft"
        return item.status

    def _record_of(self, wp_id):
        """The record of the item's earlier import, or None: as read with its batch, or read now for a
        second item of the same id (the first may have made it)."""
        if wp_id in self.records:
            return self.records.pop(wp_id)
        return ImportedItem.objects.filter(source=self.source, source_id=wp_id).select_related("article").first()

    def _save_item(self, item, title, record, body, photo, wanted):
        """The story and the record of its import, in one savepoint: all or nothing."""
        with transaction.atomic():
            article = self._save_story(item, title, record.article if record else None, body, photo, wanted)
            # The services save the instance they are given (or copy the row they saved back into
            # it): its version is the row's.
            fields = {"kind": ImportedItem.Kind.POST, "article": article, "fingerprint": item.fingerprint}
            fields["article_version"] = article.version
            if record is None:
                ImportedItem.objects.create(source=self.source, source_id=item.post_id, **fields)
            else:
                for name, value in fields.items():
                    setattr(record, name, value)
                record.save()
        return article

    # A story.

    def _save_story(self, item, title, article, body, photo, wanted):
        is_new = article is None
        if is_new:
            article = Article(created_by=self.user, status=Article.Status.DRAFT)
        else:
            # Before the new content is set: these services reload the story.
            if article.status == Article.Status.PUBLISHED and wanted not in ("publish", "future"):
                workflow.unpublish(article=article, user=self.user)
            if article.deleted_at is not None and wanted != "trash":
                workflow.restore_from_trash(article=article, user=self.user)
        article.headline = title or f"Untitled WordPress post {item.post_id}"
        wanted_slug = slugify(unquote(item.post_name)) or slugify(title) or f"wp-{item.post_id}"
        if wanted_slug[:200] != article.slug:
            article.slug = Article.objects.exclude(pk=article.pk).free_slug(wanted_slug[:200])
        article.summary = summary_from(item.excerpt, body.html, article.headline)[:500]
        article.body = body.html
        article.section = self._section(item)
        article.lead_photo = photo
        video = next((url for url in body.video_urls if video_embed_url(url)), "")
        if video and photo:
            article.video_url, article.video_poster = video, photo
        elif video:
            self.report.notes.append(
                (item.post_id, title, "its video stays a link: a video story needs a poster photo")
            )
        if article.status != Article.Status.PUBLISHED and wanted in ("publish", "future"):
            article.save()  # a draft for a moment: publish_imported below records the revision
        elif article.status != Article.Status.PUBLISHED:
            with reversion.create_revision():
                article.save()
                reversion.set_user(self.user)
                reversion.set_comment("Imported from WordPress.")
        self._bylines(article, item, is_new=is_new)
        categories = [
            self.sections.get(nicename.lower()) or self.sections.get(name.lower()) for nicename, name in item.categories
        ]
        unmapped = [name for (nicename, name), section in zip(item.categories, categories, strict=True) if not section]
        tags = [self._tag(name[:100]) for name in dict.fromkeys([*item.tags, *unmapped]) if name.strip()]
        if is_new:
            # taggit's add() looks each tag up again and inserts it alone: one INSERT here instead.
            tagged = Article.tags.through
            tagged.objects.bulk_create(tagged(tag=tag, content_object=article) for tag in tags)
            content_changed()  # as taggit's signal would have
        else:
            article.tags.set(tags)
        self._change_state(article, item, title, wanted)
        self._redirects(article, item)
        return article

    def _change_state(self, article, item, title, wanted):
        if wanted in ("publish", "future"):
            if item.post_date is None:
                raise workflow.EditorialError("it has no publication date")
            workflow.publish_imported(article=article, user=self.user, at=item.post_date)
            if article.lead_photo is None:
                self.report.without_lead_photo.append((item.post_id, title))
        elif wanted == "pending" and article.status == Article.Status.DRAFT:
            workflow.submit_for_review(article=article, user=self.user)
        elif wanted == "draft" and article.status == Article.Status.REVIEW:
            workflow.return_to_draft(article=article, user=self.user)
        elif wanted == "trash" and article.deleted_at is None:
            workflow.move_to_trash(article=article, user=self.user)

    def _tag(self, name):
        if name not in self.tags:
            self.tags[name] = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        return self.tags[name]

    def _section(self, item):
        for nicename, name in item.categories:
            if section := self.sections.get(nicename.lower()) or self.sections.get(name.lower()):
                return section
        if section := self.sections.get("*"):
            return section
        if self.default_section is None:
            self.default_section, _ = Section.objects.get_or_create(
                name=DEFAULT_SECTION, defaults={"slug": slugify(DEFAULT_SECTION)}
            )
        return self.default_section

    def _bylines(self, article, item, *, is_new):
        login = item.creator
        found = self.channel.authors.get(login)
        name = (found.display_name if found else login).strip()[:120]
        if not name:
            return
        if name not in self.authors:
            author = Author.objects.filter(name=name).first()
            if author is None:
                slug = slugify(name) or "author"
                taken = set(Author.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
                candidate, number = slug, 1
                while candidate in taken:
                    number += 1
                    candidate = f"{slug}-{number}"
                author = Author.objects.create(name=name, slug=candidate[:140])
            self.authors[name] = author
        author = self.authors[name]
        if is_new:
            Byline.objects.create(article=article, author=author, position=0)
        elif not article.bylines.filter(author=author).exists():
            article.bylines.all().delete()
            Byline.objects.create(article=article, author=author, position=0)

    # Redirects.

    def _old_paths(self, article, item):
        paths = set()
        for url in (item.link, item.guid):
            if url and url.startswith((self.source, "/")):
                parts = urlsplit(url)
                query = dict(part.split("=", 1) for part in parts.query.split("&") if "=" in part)
                paths.add(f"{parts.path or '/'}?p={query['p']}" if "p" in query else parts.path)
        paths.add(f"{self.base_path}/?p={item.post_id}")
        if item.post_date and item.post_name:
            day = timezone.localtime(item.post_date)
            paths.add(f"{self.base_path}/{day:%Y/%m/%d}/{item.post_name}/")
        own = article.get_absolute_url()
        return {unquote(path) for path in paths if path and path not in ("/", own) and len(path) <= 500}

    def _redirects(self, article, item):
        paths = []
        for path in self._old_paths(article, item):
            if _is_one_of_our_pages(path):
                self.report.notes.append(
                    (item.post_id, article.headline, f"its old address {path} is a page of this site: not redirected")
                )
            else:
                paths.append(path)
        # The old addresses already known (an earlier import, an editor) lead to this story now.
        for redirect in Redirect.objects.filter(old_path__in=paths):
            paths.remove(redirect.old_path)
            if (redirect.article_id, redirect.target_path) != (article.pk, ""):
                redirect.article, redirect.target_path = article, ""
                redirect.save(update_fields=["article", "target_path"])
        Redirect.objects.bulk_create(Redirect(old_path=path, article=article, target_path="") for path in paths)
        self.report.redirects_made += len(paths)


def _is_one_of_our_pages(path):
    """Whether this site answers at `path` by itself (the home page, /video/, …): a redirect there
    would never be asked."""
    try:
        match = resolve(path.partition("?")[0])
    except Resolver404:
        return False
    return not match.kwargs and "?" not in path


def print_progress(done, total, stream=sys.stderr):
    stream.write(f"\r{done}/{total} items")
    if done == total:
        stream.write("\n")
    stream.flush()
