"""The demo content command (seed_demo) and the local admin command (ensure_admin).

Generated photos and avatars land in a temporary MEDIA_ROOT (the autouse fixture in tests/conftest.py).
"""

import io
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from authors.models import Author
from feed.html import split_blocks
from feed.models import Article, Byline, RelatedLink, Section
from live.models import LiveUpdate
from live.services import may_post
from media.models import Photo, PhotoCredit

pytestmark = pytest.mark.django_db

SEEDED_MODELS = [Author, Article, Section, Photo, PhotoCredit, Byline, RelatedLink, Tag, Version, LiveUpdate]


def run(command, *args):
    """Run a management command and return what it printed."""
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_seed_demo_builds_a_complete_newsroom_once():
    """One seeding (it makes ~100 photos, so it is done once) checked
    point by point by the check_* functions below; the last one runs the command again."""
    seeded = run("seed_demo")
    check_seed_demo_fills_the_newsroom(seeded)
    check_seed_demo_makes_published_video_stories_with_posters(seeded)
    check_every_published_story_has_a_credited_picture_with_alt_text(seeded)
    check_seed_demo_includes_hidden_stories(seeded)
    check_authors_have_bylines_bios_and_avatars(seeded)
    check_related_links_point_inside_the_body_or_after_it(seeded)
    check_every_story_has_a_first_revision(seeded)
    check_the_live_story_has_an_evening_of_updates(seeded)
    check_the_ukrainian_edition_translates_stories_and_has_its_own(seeded)
    check_sections_and_authors_have_ukrainian_names(seeded)
    check_second_run_changes_nothing(seeded)


def check_seed_demo_fills_the_newsroom(seeded):
    """Enough authors, sections and stories for every page to look lived-in, News Feed the largest section."""
    assert seeded.startswith("Created ")
    assert Author.objects.count() >= 12
    assert Article.objects.count() >= 80
    assert Section.objects.count() >= 4
    largest = Section.objects.annotate(stories=Count("articles")).order_by("-stories").first()
    assert largest.slug == "news-feed"
    assert Section.objects.filter(articles__isnull=True).count() == 0


def check_seed_demo_makes_published_video_stories_with_posters(seeded):
    """At least six published video stories, each with a poster and a duration the player can show."""
    videos = Article.objects.published().videos()
    assert videos.count() >= 6
    for article in videos:
        assert article.video_embed_url
        assert article.video_poster_id
        assert article.video_duration


def check_every_published_story_has_a_credited_picture_with_alt_text(seeded):
    """Lead photo or video poster: a stored image, alt text and a credit for each published story."""
    for article in Article.objects.published().with_photos():
        photo = article.card_photo
        assert photo is not None, article.headline
        assert photo.alt_text
        assert photo.credit_id
        assert photo.image.storage.exists(photo.image.name)
        assert (photo.width, photo.height) == (1200, 675)


def check_seed_demo_includes_hidden_stories(seeded):
    """Drafts, stories in review and scheduled stories show that unpublished work stays off the site,
    and give the desk something to do."""
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(status=Article.Status.REVIEW).exists()
    assert Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now()).exists()


def check_authors_have_bylines_bios_and_avatars(seeded):
    """Every author has a short bio, a multi-paragraph bio, a 256px avatar and at least one story."""
    for author in Author.objects.select_related("avatar").annotate(stories=Count("bylines")):
        assert author.role and author.short_bio
        assert "\n\n" in author.bio
        assert (author.avatar.width, author.avatar.height) == (256, 256)
        # Queued for the worker when the seeding commits (its renditions are built off the seeding: make run).
        assert author.avatar.renditions_state == "queued", author.name
        assert author.stories >= 1, author.name
    assert not Article.objects.filter(bylines__isnull=True).exists()


def check_related_links_point_inside_the_body_or_after_it(seeded):
    """Many in-body links, each after a paragraph that exists; some outside pages; none to the story itself."""
    links = RelatedLink.objects.select_related("article", "target")
    in_body = [link for link in links if link.after_paragraph]
    assert len(in_body) >= 15
    for link in in_body:
        assert link.after_paragraph <= len(split_blocks(link.article.body))
    assert links.filter(target__isnull=True).count() >= 2
    assert links.filter(target__isnull=False, after_paragraph__isnull=True).exists()
    for link in links.filter(target__isnull=False):
        assert link.target_id != link.article_id
        assert link.target.is_published


def check_every_story_has_a_first_revision(seeded):
    """Each story its own revisions, so that restoring one story's revision touches no other story: one
    for each story, and for the live story one for each update posted to it (its history)."""
    for article in Article.objects.all():
        versions = Version.objects.get_for_object(article)
        assert versions.count() == (article.live_updates.count() if article.live_coverage else 1)
        for version in versions:
            assert version.revision.version_set.filter(content_type__model="article").count() == 1


def check_the_live_story_has_an_evening_of_updates(seeded):
    """One published live story, still live: about 40 updates from 18:05 to 23:40 yesterday, three
    pinned, some with photos and some with teasers of earlier published stories, by two or three
    writers on its byline, each of whom may post to it; the story dated by its last update."""
    (story,) = Article.objects.filter(live_coverage=True)
    assert story in Article.objects.published() and story.is_live
    assert story.get_absolute_url() == f"/live/{story.slug}/"
    assert "a live story with 40 updates" in seeded
    updates = list(LiveUpdate.objects.shown().filter(story=story).order_by("posted_at"))
    assert 35 <= len(updates) <= 45
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    times = [timezone.localtime(update.posted_at) for update in updates]
    assert {moment.date() for moment in times} == {yesterday}
    assert (f"{times[0]:%H:%M}", f"{times[-1]:%H:%M}") == ("18:05", "23:40")
    assert [update.pk for update in updates] == sorted(update.pk for update in updates)
    assert sum(update.pinned for update in updates) == 3
    with_photos = [update for update in updates if update.photo_id]
    assert len(with_photos) >= 3 and all(update.photo.alt_text and update.photo.credit_id for update in with_photos)
    linked = [update.linked_story for update in updates if update.linked_story_id]
    assert len(linked) >= 3 and all(other.is_published and other != story for other in linked)
    writers = {author for update in updates for author in update.authors.all()}
    assert 2 <= len(writers) <= 3
    assert writers <= {byline.author for byline in story.bylines.all()}
    for writer in writers:
        assert may_post(story, writer.user)
    assert story.updated_at == updates[-1].posted_at


def check_the_ukrainian_edition_translates_stories_and_has_its_own(seeded):
    """Ukrainian versions of a good part of the stories, each linked with its English original (the same
    section, photo or video and bylines), some still drafts; and Ukrainian stories with no original."""
    ukrainian = Article.objects.filter(language="uk")
    translations = ukrainian.filter(translation_group__isnull=False)
    assert translations.filter(status=Article.Status.PUBLISHED).count() >= 15
    assert translations.filter(status=Article.Status.DRAFT).exists()
    assert ukrainian.filter(translation_group__isnull=True).published().count() >= 3
    assert translations.videos().count() >= 6
    for translation in translations.prefetch_related("bylines", "tags"):
        [original] = Article.objects.filter(translation_group=translation.translation_group).exclude(pk=translation.pk)
        assert original.language == "en" and original.is_published
        assert (translation.section_id, translation.lead_photo_id, translation.video_poster_id) == (
            original.section_id,
            original.lead_photo_id,
            original.video_poster_id,
        )
        assert [byline.author_id for byline in translation.bylines.all()] == list(
            original.bylines.values_list("author_id", flat=True)
        )
        assert translation.headline != original.headline
        assert translation.slug.isascii()
    for story in ukrainian.published().prefetch_related("tags"):
        # Written in Ukrainian: Cyrillic headlines and tags.
        assert any("а" <= letter <= "я" for letter in story.headline.lower()), story.headline
        assert story.tags.exists() and all(not tag.name.isascii() for tag in story.tags.all()), story.headline
        assert story.is_published


def check_sections_and_authors_have_ukrainian_names(seeded):
    for section in Section.objects.all():
        assert section.name_uk and section.name_uk != section.name_en
        assert section.slug_uk and section.slug_uk.isascii()
    for author in Author.objects.all():
        assert author.name_uk and not author.name_uk.isascii()
        assert author.slug_uk.isascii() and author.role_uk and author.short_bio_uk
        assert "\n\n" in author.bio_uk


def check_second_run_changes_nothing(seeded):
    """Running seed_demo again leaves every table as it was."""
    before = {model.__name__: model.objects.count() for model in SEEDED_MODELS}
    assert run("seed_demo").strip() == "Demo content already present; nothing to do."
    assert {model.__name__: model.objects.count() for model in SEEDED_MODELS} == before


def test_ensure_admin_creates_the_superuser_once(tmp_path):
    """The first run creates "admin" and a private password file; the second prints the same login."""
    password_file = tmp_path / "var" / "admin-password.txt"
    first = run("ensure_admin", "--password-file", str(password_file))
    password = password_file.read_text().strip()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(password)
    assert first.strip() == f"Admin: http://127.0.0.1:8000/admin/  user: admin  password: {password}"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600

    assert run("ensure_admin", "--password-file", str(password_file)) == first
    assert get_user_model().objects.count() == 1


def test_ensure_admin_keeps_the_password_in_var_by_default(settings, tmp_path):
    """Without --password-file the password goes to BASE_DIR/var/admin-password.txt."""
    settings.BASE_DIR = tmp_path
    output = run("ensure_admin")
    password = (tmp_path / "var" / "admin-password.txt").read_text().strip()
    assert output.strip().endswith(f"password: {password}")


def test_ensure_admin_without_the_password_file_explains_how_to_reset(tmp_path):
    """An existing admin whose password file is gone is left alone, with a hint how to set a password."""
    get_user_model().objects.create_superuser(username="admin", email="", password="x-not-used-x")
    password_file = tmp_path / "admin-password.txt"
    output = run("ensure_admin", "--password-file", str(password_file))
    assert output.strip() == (
        "Admin user 'admin' exists; set a new password with: python manage.py changepassword admin"
    )
    assert not password_file.exists()
