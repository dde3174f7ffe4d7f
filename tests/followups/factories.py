"""Factories for follow-up models."""

import datetime

import factory

from followups.models import Check, CheckKind, CheckResult
from tests.factories import RepresentativeFactory, SupplierFactory, UserFactory


class CheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Check

    kind = CheckKind.IVO
    supplier = factory.SubFactory(SupplierFactory)
    performed_on = datetime.date(2024, 10, 1)
    performed_by = factory.SubFactory(UserFactory)
    result = CheckResult.OK
    reference = factory.Sequence(lambda n: f"REF-{n:05d}")


class CriminalRecordCheckFactory(CheckFactory):
    kind = CheckKind.CRIMINAL_RECORD
    representative = factory.SubFactory(
        RepresentativeFactory, supplier=factory.SelfAttribute("..supplier")
    )
    result = CheckResult.SERIOUS
    reference = factory.Sequence(lambda n: f"BR-HEMLIG-{n:05d}")
