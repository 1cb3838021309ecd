"""Backups: a PostgreSQL dump (pg_dump's custom format) and a tar of MEDIA_ROOT in one timestamped
folder, with a manifest of what they hold; and the restore that checks it got all of it back.

pg_dump and pg_restore come from PATH; they must be at least as new as the server.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
import psycopg
from django.core.management.base import CommandError

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar"
MANIFEST_NAME = "manifest.json"


class BackupError(CommandError):
    pass


def libpq_settings(database):
    """(conninfo without the password, environment with PGPASSWORD) for a Django DATABASES entry, so
    that the password never shows in a process list."""
    if "postgresql" not in database["ENGINE"]:
        raise BackupError(
            "Backups need PostgreSQL (set DATABASE_URL). For the SQLite development database, copy db.sqlite3."
        )
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=database["NAME"],
        host=database.get("HOST") or None,
        port=str(database["PORT"]) if database.get("PORT") else None,
        user=database.get("USER") or None,
    )
    environment = os.environ | ({"PGPASSWORD": database["PASSWORD"]} if database.get("PASSWORD") else {})
    return conninfo, environment


def database_from_url(url):
    return dj_database_url.parse(url)


def connect(database):
    conninfo, environment = libpq_settings(database)
    return psycopg.connect(conninfo, password=environment.get("PGPASSWORD"), autocommit=True)


def table_names(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [name for (name,) in cursor.fetchall()]


def database_summary(cursor):
    """{table: [row count, md5 of its rows in text form, sorted]} for every table in the public schema."""
    summary = {}
    for table in table_names(cursor):
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {quoted} t"
        )
        count, checksum = cursor.fetchone()
        summary[table] = [count, checksum]
    return summary


def media_summary(root):
    """{relative path: md5 of the file's bytes} for every file under `root`."""
    root = Path(root)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(*, database, media_root, backup_dir, now=None):
    """Writes <backup_dir>/<UTC time>/ with the dump, the media tar and the manifest; returns the folder."""
    conninfo, environment = libpq_settings(database)
    folder = Path(backup_dir) / (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    # The manifest and the dump read the same snapshot, so a save made meanwhile cannot put one out of
    # step with the other: the transaction exporting it stays open until pg_dump is done.
    with connect(database) as connection:
        connection.autocommit = False
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            tables = database_summary(cursor)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={folder / DUMP_NAME}",
                    conninfo,
                ],
                environment,
            )
        connection.rollback()
    with tarfile.open(folder / MEDIA_NAME, "w") as archive:
        if Path(media_root).exists():
            archive.add(media_root, arcname=".")
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": database["NAME"],
        "tables": tables,
        "media": media_summary(media_root),
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return folder


def restore(*, folder, database, media_root, force=False):
    """Restores a backup folder into `database` and `media_root`, then checks every table's rows and
    every media file against the manifest. Refuses a database with tables in it, or a media folder
    with files, unless `force` (which replaces them). Returns the manifest."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.exists():
        raise BackupError(f"{folder} is not a backup folder: it has no {MANIFEST_NAME}.")
    manifest = json.loads(manifest_path.read_text())
    conninfo, environment = libpq_settings(database)
    with connect(database) as connection, connection.cursor() as cursor:
        existing = table_names(cursor)
    media_root = Path(media_root)
    media_files = media_summary(media_root)
    if not force and (existing or media_files):
        raise BackupError(
            f"The target is not empty ({len(existing)} tables in {database['NAME']}, {len(media_files)} files in "
            f"{media_root}); restore into a fresh database and media folder, or pass --force to replace them."
        )
    command = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    if existing:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={conninfo}", str(folder / DUMP_NAME)], environment)
    if media_root.exists():
        shutil.rmtree(media_root)
    media_root.mkdir(parents=True)
    with tarfile.open(folder / MEDIA_NAME) as archive:
        archive.extractall(media_root, filter="data")
    with connect(database) as connection, connection.cursor() as cursor:
        restored_tables = database_summary(cursor)
    differences = [
        f"{table}: {expected[0]} rows in the backup, {restored_tables.get(table, ['none'])[0]} restored"
        + (" (same count, different content)" if restored_tables.get(table, [None])[0] == expected[0] else "")
        for table, expected in manifest["tables"].items()
        if restored_tables.get(table) != expected
    ]
    restored_media = media_summary(media_root)
    differences += [
        f"media file {name}: {'missing' if name not in restored_media else 'different bytes'}"
        for name, checksum in manifest["media"].items()
        if restored_media.get(name) != checksum
    ]
    if differences:
        raise BackupError("The restored copy differs from the backup:\n" + "\n".join(differences))
    return manifest
