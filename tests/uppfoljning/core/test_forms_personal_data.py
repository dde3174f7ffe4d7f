"""Every form that stores typed text refuses client personal identity numbers (issue 13 §1),
the admin's too; a sole trader's organisation number, which is its owner's personal identity
number, stays allowed where it belongs."""

import pytest
from django import forms
from django.urls import get_resolver, reverse

from suppliers.models import Supplier
from tests.factories import SupplierFactory, UserFactory
from uppfoljning.core.forms import NoPersonalDataMixin

# 19800101-2387 in ten digits: valid, so also a valid organisation number of a sole trader.
SOLE_TRADER = "800101-2387"
PERSONAL_NUMBER = "080101-2386"
REFUSED = "innehåller något som ser ut som ett personnummer eller samordningsnummer"

# Forms whose text is a query and is never stored.
QUERY_FORMS = {
    # The status page's agreement (id or diarienummer) in the query string.
    "followups.calloff.forms.StatusPageForm",
    # The call-off API's look-up by organisation number, a sole trader's included.
    "followups.calloff.forms.CallOffQueryForm",
}


def _project_forms():
    get_resolver().url_patterns  # noqa: B018 - imports every view, and so every form
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                todo.append(cls)
    return [c for c in seen if c.__module__.split(".")[0] in {"suppliers", "followups", "reports"}]


def test_every_form_with_a_text_field_refuses_personal_numbers():
    found = _project_forms()
    assert len(found) > 30  # the walk found the project's forms
    unchecked = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in found
        if any(isinstance(f, forms.CharField) for f in cls.base_fields.values())
        and not issubclass(cls, NoPersonalDataMixin)
        and f"{cls.__module__}.{cls.__qualname__}" not in QUERY_FORMS
    ]
    assert unchecked == []


@pytest.mark.django_db
def test_the_register_takes_a_sole_traders_org_number_but_not_a_personal_number_in_notes(
    client,
):
    client.force_login(UserFactory(username="strateg", role="strategist"))
    data = {"name": "Enskild firma Andersson", "org_number": SOLE_TRADER}
    response = client.post(
        reverse("suppliers:supplier_add"), {**data, "notes": f"Placerad: {PERSONAL_NUMBER}"}
    )
    assert f"”Anteckningar” {REFUSED}" in response.content.decode()
    assert not Supplier.objects.exists()
    response = client.post(
        reverse("suppliers:supplier_add"), {**data, "phone": "0701234569", "notes": "Ny 2024"}
    )
    assert response.status_code == 302
    assert Supplier.objects.get().org_number == SOLE_TRADER


@pytest.mark.django_db
def test_the_admin_refuses_a_personal_number_in_a_supplier_note(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    supplier = SupplierFactory(name="Viborgs Omsorg AB", org_number=SOLE_TRADER)
    url = reverse("admin:suppliers_supplier_change", args=[supplier.pk])
    data = {"name": supplier.name, "org_number": SOLE_TRADER, "notes": f"Om {PERSONAL_NUMBER}"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    supplier.refresh_from_db()
    assert supplier.notes == ""
    response = client.post(url, {**data, "notes": "Avtal förlängt 2024-12-20."})
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.notes == "Avtal förlängt 2024-12-20."
