"""The importer's bookkeeping: queries a post costs, batches of items committed together, the record
of each import kept right when a post comes in, changes, and comes in again."""

import pytest
from django.db import connection

from feed.models import Article, Redirect
from imports import wordpress
from imports.models import ImportedItem

from .exports import SITE, item, write

pytestmark = pytest.mark.django_db

TAGS = ["Rada", "Budget", "Kyiv"]


def queries_to_import(folder, editor, wp_ids):
    """Counted as they are sent (the importer empties DEBUG's log of queries after each item)."""
    export = write(folder, *(item(wp_id, f"Story {wp_id}", tags=TAGS) for wp_id in wp_ids), name=f"{wp_ids[0]}.xml")
    sent = []

    def count(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        report = wordpress.WordPressImport(export, user=editor).run()
    assert report.imported == len(wp_ids)
    return len(sent)


def test_each_further_post_costs_the_same_few_queries(tmp_path, editor):
    queries_to_import(tmp_path, editor, [1])  # makes the author, the section and the tags
    one = queries_to_import(tmp_path, editor, [2])
    eleven = queries_to_import(tmp_path, editor, list(range(3, 14)))
    # Authors, sections and tags are read once a run, the import records once a batch. A published
    # post: its savepoint (2); is its slug free; the story saved as a draft; a redirect at its address
    # dropped; its byline; its three tags (one INSERT); publish_imported: count the bylines, its
    # savepoint (2), lock the row, save the story; for the revision its bylines, their author and
    # related links; the admin log entry; reversion's checks that the story and the byline are there;
    # the revision and its versions; then its old addresses already known; the new ones (one INSERT);
    # the import record. On PostgreSQL one more: the story's search document, made once.
    assert (eleven - one) / 10 == 23 + (connection.vendor == "postgresql")


def test_an_interruption_commits_the_items_of_its_batch_before_it(tmp_path, editor, monkeypatch):
    monkeypatch.setattr(wordpress, "COMMIT_EVERY", 2)
    export = write(tmp_path, *(item(wp_id, f"Story {wp_id}") for wp_id in range(1, 6)))
    real = wordpress.WordPressImport._redirects

    def fail_on_the_fourth(self, article, entry):
        if entry.post_id == 4:
            raise KeyboardInterrupt
        real(self, article, entry)

    monkeypatch.setattr(wordpress.WordPressImport, "_redirects", fail_on_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        wordpress.WordPressImport(export, user=editor).run()
    assert sorted(Article.objects.values_list("headline", flat=True)) == ["Story 1", "Story 2", "Story 3"]
    monkeypatch.setattr(wordpress.WordPressImport, "_redirects", real)
    report = wordpress.WordPressImport(export, user=editor).run()
    assert (report.imported, report.unchanged) == (2, 3)


@pytest.mark.parametrize("status", ["publish", "draft", "trash", "pending"])
def test_a_post_updated_then_exported_the_same_is_left_alone(tmp_path, editor, status):
    """The record keeps the story's version after the update, so the next run sees no edit made here."""
    wordpress.WordPressImport(write(tmp_path, item(7, "First", tags=["Old"])), user=editor).run()
    changed = write(tmp_path, item(7, "Second", status=status, tags=["New", "Newer"]), name="changed.xml")
    assert wordpress.WordPressImport(changed, user=editor).run().updated == 1
    story = Article.objects.get()
    assert ImportedItem.objects.get(source=SITE, source_id=7).article_version == story.version
    assert sorted(story.tags.names()) == ["New", "Newer"]
    report = wordpress.WordPressImport(changed, user=editor).run()
    assert (report.unchanged, report.skipped) == (1, [])


def test_the_same_post_twice_in_one_export_makes_one_story(tmp_path, editor):
    export = write(tmp_path, item(8, "Twice"), item(8, "Twice"))
    report = wordpress.WordPressImport(export, user=editor).run()
    assert report.imported == 1  # the second is the first one's update
    assert Article.objects.count() == ImportedItem.objects.count() == 1


def test_an_old_address_redirected_elsewhere_now_leads_to_the_story(tmp_path, editor, client):
    Redirect.objects.create(old_path="/?p=9", target_path="/about/")
    report = wordpress.WordPressImport(write(tmp_path, item(9, "Moved", slug="moved")), user=editor).run()
    redirect = Redirect.objects.get(old_path="/?p=9")
    assert (redirect.article, redirect.target_path) == (Article.objects.get(), "")
    assert report.redirects_made == Redirect.objects.count() - 1 == 1  # /2019/05/04/moved/ is its link
    assert client.get("/?p=9")["Location"] == "/news/moved/"
