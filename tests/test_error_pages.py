from django.test import Client

from autoblog.views import bad_request
from tests.factories import UserFactory


def test_missing_csrf_token_gets_a_page_in_the_site_look(db):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "This form expired" in response.text
    assert "Autoblog" in response.text


def test_bad_request_page(rf, db):
    request = rf.get("/")
    request.user = UserFactory()
    response = bad_request(request)
    assert response.status_code == 400
    assert b"We could not process that request" in response.content
