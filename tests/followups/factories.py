"""Factories for follow-up models: checks, follow-ups, findings and deviations."""

import datetime

import factory

from followups import models
from followups.models import Check, CheckKind, CheckResult
from suppliers.models import TargetGroup
from tests.factories import (
    AgreementFactory,
    RepresentativeFactory,
    SupplierFactory,
    UserFactory,
)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FollowUp
        skip_postgeneration_save = True

    kind = models.FollowUpKind.SPECIAL
    title = factory.Sequence(lambda n: f"Särskild uppföljning {n}")
    agreement = factory.SubFactory(AgreementFactory)
    responsible = factory.SubFactory(UserFactory, role="strategist")
    planned_start = datetime.date(2024, 9, 1)
    planned_end = datetime.date(2024, 12, 20)

    @factory.post_generation
    def suppliers(self, create, extracted, **kwargs):
        if create and extracted:
            self.suppliers.set(extracted)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Finding

    followup = factory.SubFactory(FollowUpFactory)
    supplier = factory.SubFactory(SupplierFactory)
    severity = models.Severity.SIGNIFICANT
    description = "Kvällsbemanning saknas efter klockan 19."


class DeviationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Deviation

    agreement = factory.SubFactory(AgreementFactory)
    supplier = factory.SubFactory(SupplierFactory)
    category = models.DeviationCategory.INVOICING
    description = "Fakturerat för utflyttsdagen."
    occurred_on = datetime.date(2024, 5, 2)
    reported_by = factory.SubFactory(UserFactory, role="caseworker")
    reporter_role = models.ReporterRole.CASEWORKER


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


def plan_agreements(board, owner, specs) -> dict:
    """Agreements for a yearly plan, by name: (name, start, final end, children?) each, no
    option (the end is the final end), owned by the strategist."""
    return {
        name: AgreementFactory(
            board=board,
            name=name,
            start_date=start,
            end_date=end,
            option_end_date=None,
            owner=owner,
            target_group=TargetGroup.CHILDREN if children else TargetGroup.ADULTS,
        )
        for name, start, end, children in specs
    }
