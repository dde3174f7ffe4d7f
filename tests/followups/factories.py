"""Factories for scheduled controls."""

import factory

from followups.models import ControlRule, RuleKind


class ControlRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlRule
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"rule-{n}")
    name = factory.Sequence(lambda n: f"Kontrollregel {n}")
    kind = RuleKind.IVO_REVIEW
    interval_months = 6

    @factory.post_generation
    def agreements(self, create, extracted, **kwargs):
        if create and extracted:
            self.agreements.set(extracted)
