import pytest

from tests.factories import make_credit, make_photo, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "text"),
    [
        ({"app_label": "media", "model_name": "photo", "field_name": "credit", "term": "Petrenko"}, "Petrenko"),
        ({"app_label": "feed", "model_name": "article", "field_name": "lead_photo", "term": "ladder"}, "rubble"),
    ],
)
def test_photo_and_credit_autocompletes_answer_in_a_stable_order(client, params, text):
    """Their admin querysets aggregate, which drops Meta.ordering; unordered pages raised a warning (a 500 in tests)."""
    make_photo(alt_text="Firefighters on a ladder", credit=make_credit(photographer="Ivan Petrenko"))
    client.force_login(make_user("Editor"))
    response = client.get("/admin/autocomplete/", params)
    assert response.status_code == 200
    assert text in response.json()["results"][0]["text"]
