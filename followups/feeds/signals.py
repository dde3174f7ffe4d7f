"""A worrying signal in a feed becomes a check, a deviation and a work item."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from followups.cases.services import deviation_report
from followups.models import ControlRule, Deviation, ReporterRole, RuleKind, Severity, WorkItem
from suppliers.models import Contract, ContractStatus, Supplier, Unit


def feed_rule() -> ControlRule:
    rule, _created = ControlRule.objects.get_or_create(
        code="feed-signal",
        defaults={"name": "Signal från datafil", "kind": RuleKind.FEED_SIGNAL},
    )
    return rule


def raise_signal(
    *,
    supplier: Supplier,
    title: str,
    description: str,
    source: str,
    category: str,
    user,
    today: datetime.date,
    unit: Unit | None = None,
) -> Deviation | None:
    """Report a deviation for the supplier's first active contract and put it on the desk.

    A supplier without an active contract has nothing to deviate from: the check is kept,
    and no deviation or work item is made.
    """
    contract = (
        Contract.objects.filter(supplier=supplier, status=ContractStatus.ACTIVE)
        .select_related("agreement")
        .order_by("agreement__name")
        .first()
    )
    if contract is None:
        return None
    deviation = deviation_report(
        agreement=contract.agreement,
        supplier=supplier,
        unit=unit,
        category=category,
        description=description,
        occurred_on=today,
        reporter_role=ReporterRole.STRATEGIST,
        source=source,
        severity=Severity.SERIOUS,
        user=user,
    )
    item = WorkItem(
        rule=feed_rule(),
        content_type=ContentType.objects.get_for_model(Deviation),
        object_id=deviation.pk,
        period_key="signal",
        title=title[:300],
        due_date=today,
        agreement=contract.agreement,
        assigned_to_id=contract.agreement.owner_id or user.pk,
    )
    item._change_reason = _("Signal from a data feed")
    item._history_user = user
    item.save()
    return deviation
