"""manage.py import_wordpress on small exports written for these tests (tests/imports/exports.py)."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError
from reversion.models import Version

from feed.models import Article, Redirect, Section
from imports.models import ImportedItem
from media.models import Photo, PhotoCredit

from .conftest import save_jpeg
from .exports import SITE, attachment, item, write

pytestmark = pytest.mark.django_db

EVERY_STATUS = [
    item(1, "Published in 2019", status="publish", date="2019-05-04 10:30:00"),
    item(2, "Scheduled for 2099", status="future", date="2099-01-02 08:00:00"),
    item(3, "A draft", status="draft"),
    item(4, "Pending review", status="pending"),
    item(5, "Private", status="private"),
    item(6, "Behind a password", status="publish", password="secret"),
    item(7, "In the trash", status="trash"),
    item(8, "About us", post_type="page"),
    item(9, "An auto-draft", status="auto-draft"),
]


def story(wp_id):
    return ImportedItem.objects.get(source=SITE, source_id=wp_id).article


def test_every_status_maps_as_the_issue_says(tmp_path, run_import):
    report = run_import(write(tmp_path, *EVERY_STATUS))
    assert "Stories imported: 7, updated: 0, unchanged: 0" in report
    published = story(1)
    assert published.status == Article.Status.PUBLISHED
    assert published.published_at == datetime(2019, 5, 4, 10, 30, tzinfo=UTC)
    assert published.is_published
    scheduled = story(2)
    assert scheduled.state_label == "Scheduled" and scheduled.published_at.year == 2099
    assert story(3).status == Article.Status.DRAFT
    assert story(4).status == Article.Status.REVIEW
    assert story(5).status == Article.Status.DRAFT
    assert story(6).status == Article.Status.DRAFT
    trashed = story(7)
    assert trashed.deleted_at is not None and trashed.status == Article.Status.DRAFT
    assert "#8 “About us”: a page, not a post: not imported" in report
    assert "#9 “An auto-draft”: status “auto-draft”: not imported" in report
    assert "#6 “Behind a password”: password-protected there: imported as a draft" in report
    assert "#5 “Private”: private there: imported as a draft" in report
    assert Article.objects.count() == 7


def test_the_history_says_the_story_was_imported(tmp_path, run_import):
    run_import(write(tmp_path, item(1, "Published in 2019")))
    comments = list(Version.objects.get_for_object(story(1)).values_list("revision__comment", flat=True))
    assert any(comment.startswith("Imported as published on") for comment in comments)


def test_old_permalinks_answer_301_to_the_live_story(tmp_path, run_import, client):
    run_import(write(tmp_path, item(41, "Bridge reopens", slug="bridge-reopens", date="2019-05-04 10:30:00")))
    address = story(41).get_absolute_url()
    assert address == "/news/bridge-reopens/"
    for old in ["/2019/05/04/bridge-reopens/", "/?p=41"]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == address
    assert client.get(address).status_code == 200
    assert client.get("/?p=4100").status_code == 200  # the home page, as before


def test_a_redirect_to_a_story_not_published_is_not_followed(tmp_path, run_import, client):
    run_import(write(tmp_path, item(3, "A draft", status="draft"), item(7, "Trashed", status="trash", slug="trashed")))
    assert Redirect.objects.filter(article=story(3)).exists()
    assert client.get("/?p=3").status_code == 200  # the home page: nothing said of the draft
    assert b"A draft" not in client.get("/?p=3").content
    assert client.get("/?p=7").status_code == 200
    response = client.get("/2019/05/04/trashed/")
    assert response.status_code == 404


def test_unicode_titles_slugs_and_authors(tmp_path, run_import, client):
    export = write(
        tmp_path,
        item(
            11,
            "Київ: «нова» лінія метро 🚇",
            slug="%d0%ba%d0%b8%d1%97%d0%b2-%d0%bc%d0%b5%d1%82%d1%80%d0%be",
            content="<p>Станція «Виноградар» — відкрита.</p>",
            creator="taras",
        ),
    )
    run_import(export)
    article = story(11)
    assert article.headline == "Київ: «нова» лінія метро 🚇"
    assert article.slug == "wp-11"
    assert article.summary == "Станція «Виноградар» — відкрита."
    assert [author.name for author in article.authors.all()] == ["Тарас Шевчук"]
    response = client.get("/2019/05/04/київ-метро/")
    assert response.status_code == 301 and response["Location"] == "/news/wp-11/"


def test_a_comment_heavy_post_imports_without_its_comments(tmp_path, run_import):
    run_import(write(tmp_path, item(12, "Much discussed", comments=300)))
    article = story(12)
    assert article.body == "<p>A paragraph of the story.</p>"
    assert "Comment" not in article.body


def test_a_post_without_an_excerpt_gets_a_summary_from_its_body(tmp_path, run_import):
    long_body = "<p>" + "The council met again today to discuss the budget. " * 20 + "</p>"
    run_import(
        write(tmp_path, item(13, "No excerpt", content=long_body), item(14, "Excerpt", excerpt="<b>Given</b> one."))
    )
    summary = story(13).summary
    assert summary.startswith("The council met again today") and summary.endswith("…")
    assert len(summary) <= 301
    assert story(14).summary == "Given one."


def test_malicious_html_in_a_body_and_a_title_is_removed(tmp_path, run_import, client):
    body = (
        '<p onclick="alert(1)">Text <a href="javascript:alert(2)">link</a></p><script>alert(3)</script>'
        '<iframe src="https://evil.example"></iframe><img src=x onerror=alert(4)>'
        '<p><a href="https://ok.example/">fine</a></p>'
    )
    run_import(write(tmp_path, item(15, '<script>alert("t")</script>Headline <b onmouseover=x>bold</b>', content=body)))
    article = story(15)
    assert article.headline == 'alert("t") Headline bold'
    for bad in ("script", "onclick", "javascript:", "iframe", "onerror", "<img"):
        assert bad not in article.body
    assert '<a href="https://ok.example/" rel="noopener noreferrer">fine</a>' in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(" not in page


def test_gutenberg_blocks_captions_shortcodes_and_videos(tmp_path, run_import):
    body = (
        '<!-- wp:paragraph {"dropCap":true} --><p class="has-drop-cap">Opening.</p><!-- /wp:paragraph -->\n\n'
        '<!-- wp:image {"id":90} --><figure class="wp-block-image"><img src="'
        + SITE
        + '/wp-content/uploads/2019/05/dam-1024x683.jpg" alt=""/><figcaption>The dam at dawn</figcaption>'
        "</figure><!-- /wp:image -->\n\n"
        '[caption id="attachment_91" width="300"]<img src="/wp-content/uploads/x.jpg"> Rescuers at work[/caption]\n\n'
        '[gallery ids="1,2,3"]\n\n[sic] is kept\n\nClassic line one\nline two\n\n'
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","providerNameSlug":"youtube"} -->'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure><!-- /wp:embed -->"
    )
    report = run_import(write(tmp_path, item(16, "Blocks", content=body)))
    article = story(16)
    assert "wp:" not in article.body and "<!--" not in article.body
    assert "<figure><figcaption>The dam at dawn</figcaption></figure>" in article.body
    assert "<figure><figcaption>Rescuers at work</figcaption></figure>" in article.body
    assert "[gallery" not in article.body and "[sic] is kept" in article.body
    assert "<p>Classic line one<br>line two</p>" in article.body
    assert "Unknown shortcodes (removed, their text kept): [gallery] ×1" in report
    # No photo to be its poster, so the video stays a link, and the report says so.
    assert article.video_url == ""
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in article.body
    assert "its video stays a link" in report


def test_attachments_become_photos_with_their_fields_and_a_credit(tmp_path, run_import):
    uploads = tmp_path / "uploads"
    save_jpeg(uploads / "2019/05/dam.jpg", exif_artist="Ivan Petrenko")
    save_jpeg(uploads / "2019/05/crowd.jpg")
    export = write(
        tmp_path,
        attachment(90, "2019/05/dam.jpg", alt="The Dnipro dam", caption="At dawn"),
        attachment(92, "2019/05/crowd.jpg", title="crowd"),
        attachment(93, "2019/05/gone.jpg"),
        item(
            17,
            "Dam story",
            content="<p>Text</p><p>https://vimeo.com/76979871</p>\n\nhttps://vimeo.com/76979871\n",
            meta={"_thumbnail_id": "90"},
        ),
        item(
            18,
            "Inline photo",
            content=f'<figure><img src="{SITE}/wp-content/uploads/2019/05/crowd-300x200.jpg"></figure>',
        ),
    )
    report = run_import(export, "--media-dir", uploads)
    dam = story(17).lead_photo
    assert (dam.alt_text, dam.caption, str(dam.credit)) == ("The Dnipro dam", "At dawn", "Ivan Petrenko")
    assert story(17).video_url == "https://vimeo.com/76979871" and story(17).video_poster == dam
    crowd = story(18).lead_photo
    assert crowd.alt_text == "crowd" and crowd.credit.source.startswith("Credit needed")
    assert Photo.objects.count() == 2
    assert "Photos not found in the media folder: 1\n  2019/05/gone.jpg" in report
    assert "to check: 1\n  2019/05/crowd.jpg" in report


def test_a_file_outside_the_media_folder_is_refused(tmp_path, run_import):
    save_jpeg(tmp_path / "secret.jpg")
    (tmp_path / "uploads").mkdir()
    report = run_import(write(tmp_path, attachment(95, "../secret.jpg")), "--media-dir", tmp_path / "uploads")
    assert "leads outside the media folder" in report
    assert not Photo.objects.exists()


def test_categories_map_to_sections_and_the_rest_become_tags(tmp_path, run_import):
    Section.objects.create(name="Politics", slug="politics")
    Section.objects.create(name="News", slug="news")
    mapping = tmp_path / "sections.txt"
    mapping.write_text("# ours\npolitika = politics\n* = news\n")
    run_import(
        write(
            tmp_path,
            item(19, "Vote", categories=[("politika", "Політика"), ("misc", "Misc")], tags=["Rada"]),
            item(20, "Other", categories=[("misc", "Misc")]),
        ),
        "--sections",
        mapping,
    )
    assert story(19).section.slug == "politics"
    assert sorted(tag.name for tag in story(19).tags.all()) == ["Misc", "Rada"]
    assert story(20).section.slug == "news"


def test_an_unknown_section_in_the_mapping_is_a_clear_error(tmp_path, run_import):
    mapping = tmp_path / "sections.txt"
    mapping.write_text("politika = nowhere\n")
    with pytest.raises(CommandError, match="No section with the slug nowhere"):
        run_import(write(tmp_path, item(1, "A")), "--sections", mapping)


def test_a_slug_taken_by_another_story_gets_a_free_one(tmp_path, run_import):
    from tests.factories import make_article

    make_article(slug="bridge")
    run_import(write(tmp_path, item(21, "Bridge", slug="bridge")))
    assert story(21).slug == "bridge-2"


def counts():
    return (
        Article.objects.count(),
        Redirect.objects.count(),
        Photo.objects.count(),
        PhotoCredit.objects.count(),
        Version.objects.count(),
        ImportedItem.objects.count(),
        list(Article.objects.order_by("pk").values_list("version", "status", "published_at", "slug")),
    )


def test_running_twice_changes_nothing(tmp_path, run_import):
    uploads = tmp_path / "uploads"
    save_jpeg(uploads / "2019/05/dam.jpg")
    export = write(
        tmp_path, attachment(90, "2019/05/dam.jpg"), *EVERY_STATUS, item(30, "Photo", meta={"_thumbnail_id": "90"})
    )
    run_import(export, "--media-dir", uploads)
    before = counts()
    report = run_import(export, "--media-dir", uploads)
    assert counts() == before
    assert "Stories imported: 0, updated: 0, unchanged: 8" in report
    assert "Redirects made: 0" in report


def test_a_changed_post_is_updated_in_place(tmp_path, run_import, client):
    run_import(write(tmp_path, item(31, "First headline", slug="first")))
    report = run_import(write(tmp_path, item(31, "Second headline", slug="second", status="trash")))
    assert "Stories imported: 0, updated: 1" in report
    article = story(31)
    assert Article.objects.count() == 1
    assert article.headline == "Second headline" and article.deleted_at is not None
    assert client.get("/news/first/").status_code == 404  # trashed: its old addresses lead nowhere
    assert client.get("/?p=31").status_code == 200


def test_a_story_edited_here_is_not_overwritten(tmp_path, run_import):
    run_import(write(tmp_path, item(32, "Original")))
    article = story(32)
    article.summary = "Edited by the desk."
    article.save()
    report = run_import(write(tmp_path, item(32, "Changed there")))
    assert "#32 “Changed there”: edited here since the last import" in report
    assert story(32).headline == "Original"


def test_a_dry_run_saves_nothing(tmp_path, run_import):
    report = run_import(write(tmp_path, *EVERY_STATUS), "--dry-run")
    assert report.startswith("Dry run: nothing was saved.")
    assert "Stories imported: 7" in report
    assert not Article.objects.exists() and not Redirect.objects.exists()


@pytest.mark.parametrize(
    "doctype",
    [
        # billion laughs
        '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        # an external entity reading a file
        '<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE rss SYSTEM "https://evil.example/wxr.dtd">',
    ],
)
def test_an_xml_bomb_or_external_entity_is_refused(tmp_path, run_import, doctype):
    text = write(tmp_path, item(1, "&c;")).read_text().replace("<rss", doctype + "\n<rss", 1)
    text = text.replace("<![CDATA[&c;]]>", "&c;&secret;")
    (tmp_path / "bomb.xml").write_text(text)
    with pytest.raises(CommandError, match="Refused: the file declares a DTD or entities"):
        run_import(tmp_path / "bomb.xml")
    assert not Article.objects.exists()


def test_a_broken_file_is_a_clear_error(tmp_path, run_import):
    (tmp_path / "broken.xml").write_text("<rss><channel><item><title>Cut off")
    with pytest.raises(CommandError, match="not well-formed XML"):
        run_import(tmp_path / "broken.xml")
    (tmp_path / "other.xml").write_text("<html><body/></html>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(tmp_path / "other.xml")


def test_wxr_1_1_reads_as_1_2(tmp_path, run_import):
    run_import(write(tmp_path, item(33, "Older export", excerpt="From 1.1."), version="1.1"))
    assert story(33).summary == "From 1.1."
    assert story(33).is_published


def test_the_import_needs_an_editor(tmp_path, db):
    from django.core.management import call_command

    with pytest.raises(CommandError, match="Give --user"):
        call_command("import_wordpress", str(write(tmp_path, item(1, "A"))))


def test_imported_photos_are_stored_at_once_and_their_renditions_left_to_the_worker(tmp_path, run_import):
    uploads = tmp_path / "uploads"
    save_jpeg(uploads / "2019/05/dam.jpg")
    report = run_import(write(tmp_path, attachment(90, "2019/05/dam.jpg")), "--media-dir", uploads)
    assert "Their renditions are queued" in report
    photo = Photo.objects.get()
    assert photo.width == 640 and photo.renditions_state in ("queued", "ready")


def test_a_post_that_may_not_go_live_comes_in_as_a_draft_and_says_why(tmp_path, run_import):
    report = run_import(write(tmp_path, item(34, "Nobody wrote it", creator="")))
    assert story(34).status == Article.Status.DRAFT
    assert "#34 “Nobody wrote it”: imported as a draft: Add at least one byline." in report


def test_a_refused_story_does_not_keep_a_photo_it_rolled_back(tmp_path, run_import):
    uploads = tmp_path / "uploads"
    save_jpeg(uploads / "2019/05/dam.jpg")
    export = write(
        tmp_path,
        item(35, "No byline", creator="", meta={"_thumbnail_id": "90"}),
        item(36, "Same photo", meta={"_thumbnail_id": "90"}),
        attachment(90, "2019/05/dam.jpg"),
    )
    run_import(export, "--media-dir", uploads)
    assert story(35).lead_photo == story(36).lead_photo == Photo.objects.get()


def test_an_interrupted_import_keeps_what_it_did_and_a_rerun_goes_on(tmp_path, editor, monkeypatch):
    from imports import wordpress

    export = write(tmp_path, item(37, "First"), item(38, "Second"))
    real = wordpress.WordPressImport._redirects

    def fail_on_the_second(self, article, entry):
        if entry.post_id == 38:
            raise KeyboardInterrupt
        real(self, article, entry)

    monkeypatch.setattr(wordpress.WordPressImport, "_redirects", fail_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        wordpress.WordPressImport(export, user=editor).run()
    assert list(Article.objects.values_list("headline", flat=True)) == ["First"]
    monkeypatch.setattr(wordpress.WordPressImport, "_redirects", real)
    report = wordpress.WordPressImport(export, user=editor).run()
    assert (report.imported, report.unchanged) == (1, 1)
    assert Article.objects.count() == 2
