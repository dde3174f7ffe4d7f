"""Writes of the risk assessment: weights and manual judgements."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from uppfoljning.core.errors import DomainError
from uppfoljning.core.services import require

from .models import RiskFactor, RiskJudgement, RiskWeight


@transaction.atomic
def risk_weights_update(*, weights: dict, user) -> list[RiskWeight]:
    """Set the weight of each given factor; one history row per weight that changed."""
    require(user, "followups.change_riskweight")
    changed = []
    for code, value in weights.items():
        if code not in RiskFactor.values:
            raise DomainError(_("Unknown risk factor."))
        value = Decimal(value)
        if value < 0:
            raise DomainError(_("A weight cannot be negative."))
        weight, created = RiskWeight.objects.get_or_create(code=code, defaults={"weight": value})
        if created or weight.weight != value:
            weight.weight = value
            weight._history_user = user
            weight._change_reason = _("Weight adjusted on the risk page")
            weight.save()
            changed.append(weight)
    return changed


@transaction.atomic
def risk_judgement_create(
    *, points: int, reason: str, user, agreement=None, supplier=None
) -> RiskJudgement:
    """Record a manual adjustment of one agreement's or one supplier's risk, with why."""
    require(user, "followups.add_riskjudgement")
    if not (reason or "").strip():
        raise DomainError(_("A manual judgement needs a reason."))
    if (agreement is None) == (supplier is None):
        raise DomainError(_("Choose either an agreement or a supplier."))
    if not points:
        raise DomainError(_("An adjustment of zero points changes nothing."))
    judgement = RiskJudgement(
        agreement=agreement,
        supplier=supplier,
        points=points,
        reason=reason.strip(),
        created_by=user,
    )
    judgement._history_user = user
    judgement.full_clean()
    judgement.save()
    return judgement
