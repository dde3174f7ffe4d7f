"""Read queries of the follow-up work that pages, API, tasks and reports share."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from followups.models import (
    ActionPlan,
    Assessment,
    AssessmentArea,
    Deviation,
    DeviationStatus,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
)
from suppliers.models import Exclusion, FrameworkAgreement, Purchase, Supplier
from suppliers.selectors import by_purchases


def assessment_areas(agreement: FrameworkAgreement) -> list[AssessmentArea]:
    """The agreement's own template if it has one, otherwise the default template."""
    own = list(AssessmentArea.objects.filter(agreement=agreement).order_by("order", "name"))
    if own:
        return own
    return list(AssessmentArea.objects.filter(agreement__isnull=True).order_by("order", "name"))


def followup_list() -> QuerySet[FollowUp]:
    return FollowUp.objects.select_related("agreement", "responsible").annotate(
        supplier_count=Count("suppliers", distinct=True),
        open_findings=Count(
            "findings",
            filter=Q(findings__status__in=[s.value for s in _UNRESOLVED]),
            distinct=True,
        ),
    )


_UNRESOLVED = (
    FindingStatus.OPEN,
    FindingStatus.FEEDBACK_GIVEN,
    FindingStatus.ACTION_PLAN_RECEIVED,
)


def followup_detail(user, pk: int) -> FollowUp:
    """A follow-up's page: its checks and trigger only as far as `user` may see them."""
    return (
        FollowUp.objects.visible_to(user)
        .select_related(
            "agreement",
            "responsible",
            "trigger_deviation__supplier",
            "trigger_finding__followup",
        )
        .prefetch_related(
            "suppliers",
            "units__supplier",
            "surveys__area_summaries__area",
            "interviews__supplier",
            "documentrequests__supplier",
            "visits__unit",
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("supplier", "unit", "area", "exclusion")
                .prefetch_related(
                    Prefetch(
                        "action_plans",
                        queryset=ActionPlan.objects.order_by("-received_on", "-pk"),
                    ),
                    "escalated_followups",
                )
                .order_by("supplier__name", "pk"),
            ),
        )
        .get(pk=pk)
    )


@dataclass
class GridRow:
    supplier: Supplier
    cells: list  # [(area, Assessment | None)]


def assessment_grid(followup: FollowUp) -> tuple[list[AssessmentArea], list[GridRow]]:
    """Suppliers × areas with the saved assessments, for the grid and the report."""
    areas = assessment_areas(followup.agreement)
    saved = {(a.supplier_id, a.area_id): a for a in Assessment.objects.filter(followup=followup)}
    rows = [
        GridRow(supplier=s, cells=[(area, saved.get((s.pk, area.pk))) for area in areas])
        for s in followup.suppliers.order_by("name")
    ]
    return areas, rows


@dataclass
class RankedSupplier:
    supplier: Supplier
    amount: Decimal
    placements: int
    rank_by_amount: int
    rank_by_placements: int


def purchase_ranking(
    agreement: FrameworkAgreement, start: datetime.date, end: datetime.date
) -> list[RankedSupplier]:
    """Suppliers of an agreement by what the board bought from them in a period.

    Sorted by purchase value (most first); the rank by placements is given alongside, so
    the strategist can pick as 004_… did ("the five suppliers we bought most from").
    """
    rows = (
        Purchase.objects.filter(
            agreement=agreement,
            month__gte=start.replace(day=1),
            month__lte=end,
        )
        .values("supplier_id")
        .annotate(amount=Sum("amount"), placements=Sum("placements"))
        .order_by()
    )
    rows = list(rows)
    suppliers = Supplier.objects.in_bulk([r["supplier_id"] for r in rows])
    rows.sort(key=lambda r: by_purchases(r["amount"], suppliers[r["supplier_id"]]))
    by_placements = sorted(rows, key=lambda r: (-(r["placements"] or 0), -r["amount"]))
    placement_rank = {r["supplier_id"]: i for i, r in enumerate(by_placements, start=1)}
    return [
        RankedSupplier(
            supplier=suppliers[r["supplier_id"]],
            amount=r["amount"] or Decimal(0),
            placements=r["placements"] or 0,
            rank_by_amount=i,
            rank_by_placements=placement_rank[r["supplier_id"]],
        )
        for i, r in enumerate(rows, start=1)
    ]


def deviation_list() -> QuerySet[Deviation]:
    return Deviation.objects.select_related("agreement", "supplier", "unit", "reported_by")


def deviations_reported_by(user) -> QuerySet[Deviation]:
    """The deviations the user reported, newest first, with what became of them: the
    strategist's decision and reason, and the follow-up an escalation opened."""
    return (
        Deviation.objects.filter(reported_by=user)
        .select_related("agreement", "supplier", "unit")
        .prefetch_related(Prefetch("followups", queryset=FollowUp.objects.order_by("pk")))
        .order_by("-reported_at", "-pk")
    )


# --- The strategist's desk ---------------------------------------------------------------


def my_open_followups(user) -> QuerySet[FollowUp]:
    return (
        followup_list()
        .filter(responsible=user)
        .exclude(status=FollowUpStatus.COMPLETED)
        .order_by("planned_end", "pk")
    )


def findings_waiting_for_feedback(user) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(status=FindingStatus.OPEN, followup__responsible=user)
        .select_related("supplier", "followup")
        .order_by("due_date", "pk")
    )


def findings_waiting_for_action_plan(user) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(status=FindingStatus.FEEDBACK_GIVEN, followup__responsible=user)
        .select_related("supplier", "followup")
        .order_by("due_date", "pk")
    )


def findings_overdue(user, on: datetime.date) -> QuerySet[Finding]:
    return (
        Finding.objects.overdue_on(on)
        .filter(followup__responsible=user)
        .select_related("supplier", "followup")
        .order_by("due_date", "action_plan_deadline", "pk")
    )


def deviations_to_triage() -> QuerySet[Deviation]:
    return deviation_list().filter(status=DeviationStatus.NEW).order_by("reported_at")


def exclusions_review_passed(on: datetime.date) -> QuerySet[Exclusion]:
    return (
        Exclusion.objects.active_on(on)
        .filter(review_date__lte=on)
        .select_related("supplier", "contract__agreement")
        .order_by("review_date")
    )


# --- For the call-off status ---------------------------------------------------------------


def open_event_driven_followups(agreement_id: int, supplier_id: int):
    return FollowUp.objects.filter(
        kind=FollowUpKind.EVENT_DRIVEN,
        agreement_id=agreement_id,
        suppliers__id=supplier_id,
    ).exclude(status=FollowUpStatus.COMPLETED)
