import pytest
from django.views.defaults import server_error


def test_500_page_is_styled_and_needs_no_database(rf):
    """No django_db mark: a query while rendering the page would raise and fail this test."""
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_404_page_is_styled(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()
