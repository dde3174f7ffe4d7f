import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_ping_requires_login(client):
    response = client.get(reverse("ping"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_ping_answers_a_logged_in_user_with_one_query_of_its_own(
    client, board_reader, django_assert_num_queries
):
    client.force_login(board_reader)
    # session + user + the view's own query
    with django_assert_num_queries(3):
        response = client.get(reverse("ping"))
    assert response.content == b"ok"
