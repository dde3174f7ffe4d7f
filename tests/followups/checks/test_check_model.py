import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from followups.models import Check, CheckKind
from tests.followups.factories import CheckFactory, CriminalRecordCheckFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees_criminal_record"),
    [
        ("strategist", True),
        ("superuser", True),
        ("coordinator", False),
        ("caseworker", False),
        ("board_reader", False),
    ],
)
def test_visible_to_hides_criminal_record_checks_from_other_roles(
    user_with_role, role, sees_criminal_record
):
    ivo = CheckFactory()
    record = CriminalRecordCheckFactory()
    visible = set(Check.objects.visible_to(user_with_role(role)))
    assert ivo in visible
    assert (record in visible) is sees_criminal_record


def test_visible_to_anonymous_hides_criminal_record_checks():
    from django.contrib.auth.models import AnonymousUser

    CriminalRecordCheckFactory()
    assert not Check.objects.visible_to(AnonymousUser()).exists()


def test_database_refuses_structured_fields_on_criminal_record_check():
    with pytest.raises(IntegrityError):
        CriminalRecordCheckFactory(credit_rating="AA")


def test_clean_rejects_fields_of_another_kind():
    check = CheckFactory.build(kind=CheckKind.TAX, payment_remarks=2)
    check.supplier.save()
    check.performed_by.save()
    with pytest.raises(ValidationError) as exc:
        check.full_clean()
    assert "payment_remarks" in exc.value.message_dict
