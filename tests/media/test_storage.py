"""The uploads storage (media.storage.CleaningFileSystemStorage) on a healthy disk; tests/media/test_full_disk.py
covers a full one."""

import os
import stat

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from media.storage import CleaningFileSystemStorage, StagedFile


def test_django_moves_a_file_with_a_temporary_path_into_place(tmp_path):
    """What the storage relies on: FileSystemStorage renames such a file, writing no data, so a full
    disk cannot interrupt it. Were Django to copy instead, this fails."""
    staged = tmp_path / ".staged"
    staged.write_bytes(b"whole")
    inode = staged.stat().st_ino
    name = FileSystemStorage(location=tmp_path).save("photos/moved.bin", StagedFile(staged))
    assert not staged.exists()
    assert (tmp_path / name).read_bytes() == b"whole"
    assert (tmp_path / name).stat().st_ino == inode


def test_saves_the_content_and_leaves_nothing_else(tmp_path):
    storage = CleaningFileSystemStorage(location=tmp_path)
    first = storage.save("photos/2026/01/a.jpg", ContentFile(b"first"))
    second = storage.save("photos/2026/01/a.jpg", ContentFile(b"second"))
    text = storage.save("notes/b.txt", ContentFile("plain text"))
    assert first == "photos/2026/01/a.jpg" and second != first
    assert [storage.open(name).read() for name in (first, second, text)] == [b"first", b"second", b"plain text"]
    files = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file())
    assert files == sorted([first, second, text])


def test_files_and_folders_get_the_configured_modes(tmp_path):
    storage = CleaningFileSystemStorage(
        location=tmp_path, file_permissions_mode=0o640, directory_permissions_mode=0o750
    )
    old_umask = os.umask(0o077)
    try:
        name = storage.save("photos/2026/01/a.jpg", ContentFile(b"x"))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640
    for folder in ("photos", "photos/2026", "photos/2026/01"):
        assert stat.S_IMODE((tmp_path / folder).stat().st_mode) == 0o750
