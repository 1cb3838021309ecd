import pytest
from django.test import Client

from tests.factories import make_user


@pytest.fixture
def editor():
    return make_user("Editor", first_name="Olena", last_name="Editor")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client
