"""The yearly report "Uppföljning av privata utförare {år}" and its cover memo, from the data."""

from django.utils import timezone
from django.utils.translation import gettext as _

from followups.models import Check
from followups.planning.coverage import special_coverage
from reports.periods import Period
from reports.sections import ANNUAL_SECTIONS, MEMO_KEYS, section_texts
from uppfoljning.core.formatting import person_names

from .checks import checks_in_period, ivo_control
from .followups import (
    action_plans_in_period,
    deviations_in_period,
    event_driven_followups,
    finding_summary,
    special_followups,
)
from .register import agreements_in_period


def annual_title(period: Period) -> str:
    return _("Follow-up of private providers %(period)s") % {"period": period.label}


def _officers(agreements) -> list[str]:
    return person_names(row.agreement.owner for row in agreements)


APPENDIX_LIMIT = 300


def _ivo_outcomes(ivo_checks, agreements, event_followups) -> list[dict]:
    """What each IVO check with a remark led to: the event-driven follow-up it triggered, an
    exclusion of the supplier that started within 60 days after the check, or nothing."""
    triggered = {
        f.trigger_check_id: f for block in event_followups for f, _t, _o in block.followups
    }
    exclusions = {}
    for row in agreements:
        for e in row.exclusions:
            exclusions.setdefault(e.supplier_id, []).append(e)
    result = []
    for check in ivo_checks:
        exclusion = next(
            (
                e
                for e in exclusions.get(check.supplier_id, ())
                if 0 <= (e.start_date - check.performed_on).days <= 60
            ),
            None,
        )
        result.append({"check": check, "followup": triggered.get(check.pk), "exclusion": exclusion})
    return result


def _ivo_appendix(outcomes) -> list[dict]:
    """The listed rows, with full check rows and the outcome in words."""
    shown = outcomes[:APPENDIX_LIMIT]
    full = Check.objects.select_related("supplier", "unit").in_bulk([o["check"].pk for o in shown])
    rows = []
    for o in shown:
        parts = []
        if o["followup"]:
            parts.append(_("Event-driven follow-up: %(title)s") % {"title": o["followup"].title})
        if o["exclusion"]:
            e = o["exclusion"]
            parts.append(
                _("Temporarily excluded from call-offs from %(date)s (%(reason)s)")
                % {"date": e.start_date.isoformat(), "reason": e.get_reason_display()}
            )
        rows.append(
            {"check": full[o["check"].pk], "outcome": "; ".join(parts) or _("No measure recorded")}
        )
    return rows


def _ivo_summary(outcomes) -> dict:
    return {
        "remarks": len(outcomes),
        "excluded": sum(1 for o in outcomes if o["exclusion"]),
        "followups": sum(1 for o in outcomes if o["followup"]),
        "nothing": sum(1 for o in outcomes if not (o["exclusion"] or o["followup"])),
    }


def annual_report_context(board, period: Period, report=None) -> dict:
    """Everything the yearly report shows, computed from the data of the period.

    `report` (optional) gives the stored title, date, registry reference and the strategist's
    edits of the narrative sections; without it the defaults are used (make_report, previews).
    """
    agreements = agreements_in_period(board, period)
    checks = checks_in_period(board, period)
    excluded = {e.supplier_id for a in agreements for e in a.exclusions}
    exclusions = {e.pk for a in agreements for e in a.exclusions}
    totals = {
        "agreements": len(agreements),
        "suppliers_at_end": sum(a.suppliers_at_end for a in agreements),
        "terminations": sum(len(a.terminations) for a in agreements),
        "rescissions": sum(len(a.rescissions) for a in agreements),
        "ended": sum(len(a.terminations) + len(a.rescissions) for a in agreements),
        "exclusions": len(exclusions),
        "excluded_suppliers": len(excluded),
        "ivo_exclusions": len(
            {e.pk for a in agreements for e in a.exclusions if e.reason == "ivo_supervision"}
        ),
    }
    special, goals = special_followups([a.agreement for a in agreements], period)
    events = event_driven_followups([a.agreement for a in agreements], period)
    document_date = (report.document_date if report else None) or timezone.localdate()
    ctx = {
        "kind": "annual",
        "report": report,
        "board": board,
        "municipality": board.municipality,
        "period": period,
        "title": (report.title if report else "") or annual_title(period),
        "document_date": document_date,
        "registry_reference": report.registry_reference if report else "",
        "officers": _officers(agreements),
        "agreements": agreements,
        "events": [a for a in agreements if a.has_events],
        "economy": [a for a in agreements if a.economic_exclusions or a.economic_terminations],
        "checks": checks,
        "ivo_control": ivo_control(agreements, period),
        "totals": totals,
        "special": special,
        "goal_fulfilment": goals,
        "deviations": deviations_in_period([a.agreement for a in agreements], period),
        "event_followups": events,
        # Coverage as it stood when the period ended, whenever the report is made.
        "special_coverage": special_coverage(
            agreements=[a.agreement for a in agreements], on=period.end, as_recorded=True
        ),
        "action_plans": action_plans_in_period(agreements, period),
        "memo_keys": MEMO_KEYS,
        "ivo_remarks": _ivo_outcomes(checks["ivo"].with_remarks, agreements, events),
    }
    ctx["ivo_summary"] = _ivo_summary(ctx["ivo_remarks"])
    # The appendix lists each remark; beyond a few hundred rows a list no longer informs.
    ctx["ivo_appendix"] = _ivo_appendix(ctx["ivo_remarks"])
    ctx["finding_summary"] = finding_summary(ctx["action_plans"])
    ctx["unresolved_findings"] = [r for r in ctx["action_plans"] if r["finding"].is_unresolved]
    ctx["sections"] = section_texts("annual", ctx, report.sections if report else None)
    ctx["section_labels"] = {s.key: s.label for s in ANNUAL_SECTIONS}
    return ctx
