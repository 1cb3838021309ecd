"""Make sure a local superuser "admin" exists and tell the developer how to log in (used by `make run`)."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

USERNAME = "admin"
ADMIN_URL = "http://127.0.0.1:8000/admin/"


def default_password_file():
    return Path(settings.BASE_DIR) / "var" / "admin-password.txt"


def write_private(path, text):
    """Write text to a file only its owner can read (mode 0600), creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(text)
    path.chmod(0o600)  # os.open leaves an existing file's mode alone


class Command(BaseCommand):
    help = (
        f'Create the superuser "{USERNAME}" with a random password if it does not exist, keep the password in '
        "var/admin-password.txt, and print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file",
            type=Path,
            default=None,
            help="Where the password is kept. Default: var/admin-password.txt in the project.",
        )

    def handle(self, *args, password_file=None, **options):
        password_file = password_file or default_password_file()
        users = get_user_model().objects
        if not users.filter(username=USERNAME).exists():
            password = secrets.token_urlsafe(12)
            with transaction.atomic():  # no user without the file that tells its password
                users.create_superuser(username=USERNAME, email="", password=password)
                write_private(password_file, password + "\n")
        elif password_file.exists():
            password = password_file.read_text().strip()
        else:
            self.stdout.write(
                f"Admin user '{USERNAME}' exists; set a new password with: python manage.py changepassword {USERNAME}"
            )
            return
        self.stdout.write(f"Admin: {ADMIN_URL}  user: {USERNAME}  password: {password}")
