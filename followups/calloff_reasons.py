"""Follow-up reasons for the call-off status: open event-driven follow-ups, overdue action
plans and open serious findings make a supplier 'caution' within the agreement.

Registered with suppliers.calloff in FollowupsConfig.ready(); two queries for all pairs.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from suppliers import calloff

from .models import Finding, FindingStatus, FollowUp, FollowUpKind, FollowUpStatus, Severity


def followup_reasons(*, pairs, on: datetime.date):
    supplier_ids = {key.supplier.pk for key in pairs}
    agreement_ids = {key.agreement.pk for key in pairs}
    found: dict[tuple[int, int], list[calloff.Reason]] = defaultdict(list)

    followups = (
        FollowUp.objects.filter(
            kind=FollowUpKind.EVENT_DRIVEN,
            agreement_id__in=agreement_ids,
            suppliers__id__in=supplier_ids,
        )
        .filter(Q(started_on__lte=on) | Q(started_on__isnull=True))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=on))
        .exclude(status=FollowUpStatus.PLANNED, planned_start__gt=on)
        .values("pk", "title", "agreement_id", "suppliers__id", "started_on", "planned_start")
        .order_by("pk")
    )
    for row in followups:
        found[(row["suppliers__id"], row["agreement_id"])].append(
            calloff.Reason(
                level=calloff.CAUTION,
                code="open_event_driven_followup",
                text=_("Open event-driven follow-up: %(title)s") % {"title": row["title"]},
                date=row["started_on"] or row["planned_start"],
                source=row["title"],
                source_url=reverse("followups:followup_detail", args=[row["pk"]]),
            )
        )

    findings = (
        Finding.objects.unresolved()
        .filter(supplier_id__in=supplier_ids, followup__agreement_id__in=agreement_ids)
        .filter(
            Q(severity=Severity.SERIOUS)
            | Q(
                status__in=[FindingStatus.OPEN, FindingStatus.FEEDBACK_GIVEN],
                due_date__lt=on,
            )
            | Q(status=FindingStatus.ACTION_PLAN_RECEIVED, action_plan_deadline__lt=on)
        )
        .values(
            "pk",
            "supplier_id",
            "followup__agreement_id",
            "followup__title",
            "severity",
            "status",
            "due_date",
            "action_plan_deadline",
        )
        .order_by("pk")
    )
    for row in findings:
        key = (row["supplier_id"], row["followup__agreement_id"])
        url = reverse("followups:finding_detail", args=[row["pk"]])
        deadline = (
            row["action_plan_deadline"]
            if row["status"] == FindingStatus.ACTION_PLAN_RECEIVED
            else row["due_date"]
        )
        if deadline and deadline < on:
            found[key].append(
                calloff.Reason(
                    level=calloff.CAUTION,
                    code="action_plan_overdue",
                    text=_("Action on a finding overdue since %(date)s")
                    % {"date": deadline.isoformat()},
                    date=deadline,
                    source=row["followup__title"],
                    source_url=url,
                )
            )
        if row["severity"] == Severity.SERIOUS:
            found[key].append(
                calloff.Reason(
                    level=calloff.CAUTION,
                    code="serious_finding_open",
                    text=_("Open serious finding"),
                    date=row["due_date"],
                    source=row["followup__title"],
                    source_url=url,
                )
            )

    if not found:
        return {}
    return {
        key: found[(key.supplier.pk, key.agreement.pk)]
        for key in pairs
        if (key.supplier.pk, key.agreement.pk) in found
    }
