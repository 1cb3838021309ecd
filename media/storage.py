"""File storage for uploads that never leaves half a file behind."""

import os

from django.core.files.storage import FileSystemStorage
from django.core.files.utils import validate_file_name
from django.utils._os import safe_makedirs


class CleaningFileSystemStorage(FileSystemStorage):
    """Django's FileSystemStorage, except that a write that fails halfway (the disk is full, a quota is
    reached) removes the partial file before the error goes on. Django's own _save leaves it, and only
    that method knows which name it finally opened (it picks a new one inside its retry loop), so this
    is the same loop with the clean-up added. Files are always streamed, never moved into place."""

    OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)

    def _save(self, name, content):
        validate_file_name(name, allow_relative_path=True)
        directory = os.path.dirname(self.path(name))
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        while True:
            full_path = self.path(name)
            try:
                descriptor = os.open(full_path, self.OPEN_FLAGS, 0o666)
            except FileExistsError:  # another process took the name since get_available_name()
                name = self.get_available_name(name)
            else:
                break
        try:
            with os.fdopen(descriptor, "wb") as file:
                for chunk in content.chunks():
                    file.write(chunk if isinstance(chunk, bytes) else chunk.encode())
        except BaseException:
            os.remove(full_path)
            raise
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")
