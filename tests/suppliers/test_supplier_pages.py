import pytest
from django.urls import reverse

from suppliers.models import Supplier

pytestmark = pytest.mark.django_db


def test_strategist_creates_supplier_and_sees_history(strategist_client):
    response = strategist_client.post(
        reverse("suppliers:supplier_add"),
        {"name": "Vibor Stödboende AB", "org_number": "5560360793"},
        follow=True,
    )
    supplier = Supplier.objects.get()
    assert supplier.org_number == "556036-0793"
    page = response.content.decode()
    assert "Vibor Stödboende AB" in page
    assert "Skapad" in page or "Created" in page


def test_invalid_org_number_is_rejected_with_swedish_message(strategist_client):
    response = strategist_client.post(
        reverse("suppliers:supplier_add"), {"name": "Fel AB", "org_number": "556036-0794"}
    )
    assert response.status_code == 200
    assert not Supplier.objects.exists()
    assert "kontrollsiffran" in response.content.decode()
