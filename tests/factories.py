"""factory_boy factories for the register; org numbers are valid and fictional."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from stdnum import luhn
from stdnum.se import orgnr

from suppliers import models
from uppfoljning.core.roles import ROLE_PERMISSIONS


def valid_org_number(n: int) -> str:
    """A fictional but checksum-valid organisation number (prefix 559, as new companies)."""
    body = f"559{n:06d}"
    return orgnr.format(body + luhn.calc_check_digit(body))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare {n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "lösenord-123")
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            # get_or_create: a transactional (e2e) test before this one flushed the groups
            # that the data migration created; a misspelt role must not create a new group.
            assert extracted in ROLE_PERMISSIONS, f"unknown role {extracted}"
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Board
        django_get_or_create = ("municipality", "name")

    name = "Socialnämnden"
    municipality = "Exempelkommun"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FrameworkAgreement

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Ramavtal {n}")
    reference = factory.Sequence(lambda n: f"SCN-2021-{n:05d}")
    target_group = models.TargetGroup.CHILDREN
    requires_ivo_permit = True
    start_date = datetime.date(2021, 3, 1)
    end_date = datetime.date(2025, 2, 28)
    option_end_date = datetime.date(2027, 2, 28)


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Supplier

    name = factory.Sequence(lambda n: f"Leverantör {n} AB")
    org_number = factory.Sequence(lambda n: valid_org_number(n))
    city = "Uppsala"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Unit

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    place = "Uppsala"
    ivo_permit_status = models.IvoPermitStatus.VALID


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Representative

    supplier = factory.SubFactory(SupplierFactory)
    name = factory.Sequence(lambda n: f"Företrädare {n}")
    role = models.RepresentativeRole.CEO


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contract

    agreement = factory.SubFactory(AgreementFactory)
    supplier = factory.SubFactory(SupplierFactory)
    rank = factory.Sequence(lambda n: n + 1)
    start_date = datetime.date(2021, 3, 1)


class ExclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Exclusion

    supplier = factory.SubFactory(SupplierFactory)
    reason = models.ExclusionReason.IVO_SUPERVISION
    decided_by = "Avdelningschef"
    decided_on = datetime.date(2024, 3, 1)
    decision_reference = factory.Sequence(lambda n: f"SCN-2024-{n:05d}")
    start_date = datetime.date(2024, 3, 1)
    lifted_on = None
    # A lifted exclusion always carries its category (a database constraint).
    lift_reason = factory.LazyAttribute(
        lambda o: models.ExclusionLiftReason.REMEDIED if o.lifted_on else ""
    )


class PurchaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Purchase

    supplier = factory.SubFactory(SupplierFactory)
    agreement = factory.SubFactory(AgreementFactory)
    month = datetime.date(2024, 1, 1)
    amount = 100000
    placements = 1
