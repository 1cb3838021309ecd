import pytest
from django.urls import reverse

from tests.factories import make_photo, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["Reporter", "Bio manager"])
def test_roles_that_may_only_view_photos_see_the_change_page(client, role):
    """Every field is read-only for them, so the form has no focal point field to decorate (was a 500)."""
    photo = make_photo(caption="Rescuers search the rubble")
    client.force_login(make_user(role))
    response = client.get(reverse("admin:media_photo_change", args=[photo.pk]))
    assert response.status_code == 200
    assert "Rescuers search the rubble" in response.content.decode()
