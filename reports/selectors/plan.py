"""The yearly plan "Plan för uppföljning av privata utförare {år}" and its cover memo (001_…)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from followups.models import ControlRule, FollowUpPlan
from followups.planning import proposal as planning
from reports.sections import MEMO_KEYS, PLAN_SECTIONS, section_texts
from uppfoljning.core.formatting import person_names

# The plan lists the agreements the proposal ranked; past this many a table no longer informs.
RISK_ROWS = 15


def plan_title(year: int) -> str:
    return _("Plan for the follow-up of private providers %(year)s") % {"year": year}


def _timetable(entries, plan_year):
    """When each special follow-up of the year is to be carried out."""
    rows = []
    for e in entries:
        f = e.followup
        start, end = planning.span_in_year(e.agreement, plan_year)
        if f is not None:  # the follow-up's own dates, once the strategist has set them
            start, end = f.planned_start or start, f.planned_end or end
        rows.append({"entry": e, "start": start, "end": end})
    return rows


def _officers(plan, entries) -> list[str]:
    return person_names([e.agreement.owner for e in entries] + [plan.accepted_by, plan.created_by])


def plan_report_context(plan: FollowUpPlan, report=None) -> dict:
    """Everything the plan document shows: the memo, the five points, 001's table of special
    follow-ups per year, the year's special follow-ups with focus and reason, and the risk
    ranking they rest on."""
    table = planning.plan_table(plan)
    this_year = table["this_year"]
    rules = list(ControlRule.objects.filter(active=True, interval_months__isnull=False))
    ctx = {
        "kind": "plan",
        "report": report,
        "plan": plan,
        "board": plan.board,
        "municipality": plan.board.municipality,
        "year": plan.year,
        "years": plan.years,
        "title": (report.title if report else "") or plan_title(plan.year),
        "document_date": (report.document_date if report else None) or timezone.localdate(),
        "registry_reference": report.registry_reference if report else "",
        "officers": _officers(plan, this_year),
        "rows": table["rows"],
        "flags": table["flags"],
        "this_year": this_year,
        "next_year": table["next_year"],
        "timetable": _timetable(this_year, plan.year),
        "agreements_in_force": sum(
            1 for r in table["rows"] if planning.in_force_during(r.agreement, plan.year)
        ),
        "risk_rows": plan.risk_snapshot[:RISK_ROWS],
        "risk_total": len(plan.risk_snapshot),
        "control_rules": rules,
        "memo_keys": MEMO_KEYS,
        "section_labels": {s.key: s.label for s in PLAN_SECTIONS},
    }
    ctx["sections"] = section_texts("plan", ctx, report.sections if report else None)
    return ctx
