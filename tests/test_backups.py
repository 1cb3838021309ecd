"""The backup and restore drill: back up a database with stories and photos, restore it into a fresh
database and media folder, and compare every table and every file. PostgreSQL only (pg_dump)."""

import io
import subprocess

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from media.models import Photo
from newsroom.backups import DUMP_NAME, connect, database_summary, libpq_settings, media_summary
from tests.factories import make_article, make_author, make_photo, make_ready_article

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backups use pg_dump and pg_restore: PostgreSQL only"
)


@pytest.fixture
def restore_target():
    """An empty database beside the test database, dropped afterwards: (its settings, its URL)."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restore"
    target = source | {"NAME": name}
    maintenance = source | {"NAME": "postgres"}
    with connect(maintenance) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{source['PASSWORD']}" if source.get("PASSWORD") else ""
    url = f"postgres://{source['USER']}{password}@{source['HOST'] or 'localhost'}:{source['PORT'] or 5432}/{name}"
    yield target, url
    with connect(maintenance) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed():
    photos = [make_photo() for _ in range(3)]
    for photo in photos:
        make_ready_article(lead_photo=photo, tags=["Kyiv", "Energy"])
    make_article(status="draft", published_at=None, authors=[make_author()])


def run_backup(tmp_path):
    out = io.StringIO()
    call_command("backup", backup_dir=tmp_path / "backups", stdout=out)
    return out.getvalue().strip()


def target_summary(target):
    with psycopg.connect(libpq_settings(target)[0]) as restored, restored.cursor() as cursor:
        return database_summary(cursor)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_every_row_and_file(settings, tmp_path, restore_target):
    seed()
    with connection.cursor() as cursor:
        before = database_summary(cursor)
    media_before = media_summary(settings.MEDIA_ROOT)
    folder = run_backup(tmp_path)

    target, url = restore_target
    restored_media = tmp_path / "restored-media"
    out = io.StringIO()
    call_command("restore", folder, database_url=url, media_root=restored_media, stdout=out)

    after = target_summary(target)
    assert after == before
    assert media_summary(restored_media) == media_before
    # Not a comparison of two empty things: the stories, bylines and photos and their files are there.
    assert before["feed_article"][0] == 4 and before["feed_byline"][0] == 4 and before["media_photo"][0] >= 3
    photos = Photo.objects.all()
    renditions = {
        name for p in photos for entries in p.renditions.values() for e in entries for name in e["files"].values()
    }
    assert renditions and {photo.image.name for photo in photos} | renditions <= set(media_before)
    assert "every table and file matches the backup" in out.getvalue()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore_notices_a_table_missing_from_the_dump(tmp_path, restore_target):
    """The check can fail: a dump made without the bylines' rows restores, but not as the backup."""
    seed()
    folder = run_backup(tmp_path)
    conninfo, environment = libpq_settings(connection.settings_dict)
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--exclude-table-data=feed_byline",
            f"--file={folder}/{DUMP_NAME}",
            conninfo,
        ],
        env=environment,
        check=True,
    )
    _target, url = restore_target
    with pytest.raises(CommandError, match="feed_byline: 4 rows in the backup, 0 restored"):
        call_command("restore", folder, database_url=url, media_root=tmp_path / "restored-media")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore_notices_a_missing_media_file(settings, tmp_path, restore_target):
    seed()
    folder = run_backup(tmp_path)
    subprocess.run(
        ["tar", "--delete", "-f", f"{folder}/media.tar", "./" + next(iter(media_summary(settings.MEDIA_ROOT)))],
        check=True,
    )
    _target, url = restore_target
    with pytest.raises(CommandError, match=r"media file .* missing"):
        call_command("restore", folder, database_url=url, media_root=tmp_path / "restored-media")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_tables_unless_forced(tmp_path, restore_target):
    make_ready_article()
    folder = run_backup(tmp_path)
    target, url = restore_target
    call_command("restore", folder, database_url=url, media_root=tmp_path / "first")
    with pytest.raises(CommandError, match="The target is not empty"):
        call_command("restore", folder, database_url=url, media_root=tmp_path / "second")
    call_command("restore", folder, database_url=url, media_root=tmp_path / "first", force=True)
    assert target_summary(target)["feed_article"][0] == 1


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite refusal")
def test_backup_on_sqlite_says_it_needs_postgresql(tmp_path):
    with pytest.raises(CommandError, match="Backups need PostgreSQL"):
        run_backup(tmp_path)
