"""File storage for uploads that never leaves half a file behind."""

import os
import secrets
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class WriteRefused(OSError):
    """The storage did not take a file (an object store full, over quota or unreachable); nothing of it was kept."""


class CleaningFileSystemStorage(FileSystemStorage):
    """Django's FileSystemStorage, except that a write that fails halfway (the disk is full, a quota is
    reached) leaves no partial file. Django's own streaming write leaves it under a name only its private
    _save knows, so the content is first written to a hidden file beside its destination, removed if the
    write fails; Django then moves that whole file into place, as it does any file that has a
    temporary_file_path(). A rename within one directory writes no data, so it cannot run out of room."""

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        staged = self._write_beside(self.path(name), content)
        try:
            return super().save(name, StagedFile(staged), max_length)
        finally:
            # Still there only if Django did not move it into place.
            staged.unlink(missing_ok=True)

    def _write_beside(self, destination, content):
        directory = Path(destination).parent
        self._make_directories(directory)
        staged = directory / f".upload-{secrets.token_hex(8)}.part"
        # O_EXCL: never write into someone else's file; 0o666 less the umask, as Django creates files.
        descriptor = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(descriptor, "wb") as file:
                for chunk in content.chunks():
                    file.write(chunk if isinstance(chunk, bytes) else chunk.encode())
        except BaseException:
            staged.unlink()
            raise
        return staged

    def _make_directories(self, directory):
        """Like Django's own: each folder it makes gets directory_permissions_mode, when that is set."""
        missing = []
        while not directory.is_dir():
            missing.append(directory)
            directory = directory.parent
        for folder in reversed(missing):
            folder.mkdir(exist_ok=True)  # another process may make it at the same time
            if self.directory_permissions_mode is not None:
                folder.chmod(self.directory_permissions_mode)


class StagedFile(File):
    """A whole file already on the storage's disk, which FileSystemStorage moves rather than copies."""

    def __init__(self, path):
        super().__init__(None, name=str(path))

    def temporary_file_path(self):
        return self.name
