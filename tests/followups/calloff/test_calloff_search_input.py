"""A search text with a NUL byte gets a Swedish message, not a 500 (issue 13 §3).

PostgreSQL refuses a NUL in a query string; the search must not send one.
"""

import pytest
from django.urls import reverse

from tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("htmx", [False, True])
def test_a_nul_byte_in_the_search_is_refused_in_swedish(client, coordinator, htmx):
    SupplierFactory(name="Viborgs Omsorg AB")
    client.force_login(coordinator)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(reverse("calloff:search") + "?q=vi%00bo", headers=headers)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Söktexten innehåller ett styrtecken; ta bort det och sök igen." in body
    assert "\x00" not in body
