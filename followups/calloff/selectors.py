"""Read queries of the call-off status: the status, the call-off order, and the search."""

import datetime
import re
from collections import defaultdict

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from followups.models import (
    Check,
    Finding,
    FindingStatus,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Severity,
)
from suppliers.models import Contract, ContractStatus, Exclusion, FrameworkAgreement, Supplier, Unit

from .rules import evaluate
from .snapshot import OpenFinding, OpenFollowUp, Snapshot
from .types import CallOffStatus, StatusKey


def today() -> datetime.date:
    """Today in the board's time zone (Europe/Stockholm), not UTC."""
    return timezone.localdate()


def call_off_status(*, supplier=None, unit=None, agreement=None, on=None) -> list[CallOffStatus]:
    """May this supplier or unit be used for a call-off on `on` (default today)?

    Give a supplier or a unit; with `agreement` the answer covers that agreement only
    (blocked if there is no contract in it), otherwise every agreement the supplier has a
    contract in (for a unit: contracts that serve it or list no units). Returns one
    CallOffStatus per agreement, ordered by agreement name; the rules are in
    followups.calloff.rules. The number of queries does not depend on how many checks,
    exclusions or contracts there are.
    """
    if unit is None and supplier is None:
        raise ValueError("call_off_status needs a supplier or a unit")
    on = on or today()
    if unit is not None:
        supplier = unit.supplier
    if agreement is not None:
        agreements = [agreement]
    else:
        contracts = Contract.objects.filter(supplier=supplier).select_related("agreement")
        if unit is not None:
            contracts = contracts.filter(Q(units=unit) | Q(units__isnull=True)).distinct()
        agreements = sorted({c.agreement for c in contracts}, key=lambda a: (a.name, a.pk))
    keys = [StatusKey(supplier, unit, a) for a in agreements]
    return evaluate_call_off(keys, on=on)


def call_off_order(agreement: FrameworkAgreement, *, on=None) -> list[CallOffStatus]:
    """The agreement's call-off order (avropsordning): its contracts by rank, each with its
    supplier-level status, so the coordinator can take the first clear one."""
    on = on or today()
    contracts = (
        agreement.contracts.select_related("supplier")
        .annotate(is_ended=~Q(status=ContractStatus.ACTIVE))
        .order_by("is_ended", F("rank").asc(nulls_last=True), "supplier__name")
    )
    keys = [StatusKey(c.supplier, None, agreement) for c in contracts]
    return evaluate_call_off(keys, on=on)


def evaluate_call_off(keys: list[StatusKey], *, on: datetime.date) -> list[CallOffStatus]:
    """Evaluate many (supplier, unit, agreement) keys at once in a fixed number of queries."""
    if not keys:
        return []
    snapshot = load_snapshot(keys, on=on)
    return [evaluate(snapshot, key) for key in keys]


def load_snapshot(keys: list[StatusKey], *, on: datetime.date) -> Snapshot:
    """Every row the rules read for these keys on this date: seven queries, however many keys."""
    supplier_ids = {k.supplier.pk for k in keys}
    agreement_ids = {k.agreement.pk for k in keys}
    contracts = list(
        Contract.objects.filter(supplier_id__in=supplier_ids)
        .select_related("agreement")
        .prefetch_related("units")
    )
    units_by_supplier: dict[int, list[Unit]] = defaultdict(list)
    for u in Unit.objects.filter(supplier_id__in=supplier_ids).order_by("name", "pk"):
        units_by_supplier[u.supplier_id].append(u)
    exclusions = list(
        Exclusion.objects.active_on(on)
        .filter(supplier_id__in=supplier_ids)
        .order_by("start_date", "pk")
    )
    # The latest check of each kind per supplier and unit, in one query (window function).
    checks = list(
        # What every reader of a status may see (the log stores it for years).
        Check.objects.visible_to_all()
        .filter(supplier_id__in=supplier_ids, performed_on__lte=on)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=[F("supplier_id"), F("unit_id"), F("kind")],
                order_by=[F("performed_on").desc(), F("pk").desc()],
            )
        )
        .filter(row=1)
        .select_related("unit")
    )
    return Snapshot(
        on=on,
        contracts=contracts,
        served_units={c.pk: list(c.units.all()) for c in contracts},
        units_by_supplier=units_by_supplier,
        exclusions=exclusions,
        checks=checks,
        followups=_open_followups(supplier_ids, agreement_ids, on),
        findings=_open_findings(supplier_ids, agreement_ids, on),
    )


def _open_followups(supplier_ids, agreement_ids, on) -> list[OpenFollowUp]:
    rows = (
        FollowUp.objects.filter(
            kind=FollowUpKind.EVENT_DRIVEN,
            agreement_id__in=agreement_ids,
            suppliers__id__in=supplier_ids,
        )
        .filter(Q(started_on__lte=on) | Q(started_on__isnull=True))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=on))
        .exclude(status=FollowUpStatus.PLANNED, planned_start__gt=on)
        .values_list("pk", "title", "suppliers__id", "agreement_id", "started_on", "planned_start")
        .order_by("pk")
    )
    return [OpenFollowUp(*row) for row in rows]


def _open_findings(supplier_ids, agreement_ids, on) -> list[OpenFinding]:
    """Unresolved findings that are serious or past their deadline (the rule tells which)."""
    rows = (
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
        .values_list(
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
    return [OpenFinding(*row) for row in rows]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def searchable(text: str) -> bool:
    """False for text with control characters: PostgreSQL refuses a NUL in a query."""
    return not _CONTROL.search(text or "")


def printable(text: str) -> str:
    return _CONTROL.sub("", text or "")


def search_suppliers_and_units(text: str, *, limit: int = 10):
    """Suppliers and units whose name contains the text, or whose organisation number
    matches with or without hyphen. Case-insensitive; on PostgreSQL the icontains lookups
    use the trigram indexes of migration 0003. Text with control characters finds nothing."""
    text = (text or "").strip()
    if len(text) < 2 or not searchable(text):
        return [], []
    q = Q(name__icontains=text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) >= 4 and not any(ch.isalpha() for ch in text):
        formatted = f"{digits[:6]}-{digits[6:]}" if len(digits) > 6 else digits
        q |= Q(org_number__icontains=formatted)
    suppliers = list(Supplier.objects.filter(q).order_by("name", "pk")[:limit])
    unit_q = Q(name__icontains=text)
    if len(digits) >= 4 and not any(ch.isalpha() for ch in text):
        unit_q |= Q(supplier__org_number__icontains=formatted)
    units = list(
        Unit.objects.filter(unit_q).select_related("supplier").order_by("name", "pk")[:limit]
    )
    return suppliers, units
