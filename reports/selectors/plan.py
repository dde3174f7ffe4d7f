"""The yearly plan "Plan för uppföljning av privata utförare {år}" and its cover memo (001_…)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from followups import planning
from followups.models import ControlRule, FollowUpPlan
from reports.sections import PLAN_SECTIONS, section_texts

PLAN_MEMO_KEYS = [
    "proposal",
    "matter",
    "preparation",
    "presentation",
    "child_impact",
    "economic_consequences",
    "decision_basis",
]
# The plan lists the agreements the proposal ranked; past this many a table no longer informs.
RISK_ROWS = 15


def plan_title(year: int) -> str:
    return _("Plan for the follow-up of private providers %(year)s") % {"year": year}


def _timetable(entries, plan_year):
    """When each special follow-up of the year is to be carried out."""
    rows = []
    for e in entries:
        a = e.agreement
        f = e.followup
        start = (f.planned_start if f else None) or max(
            planning.year_start(plan_year), a.start_date
        )
        end = (f.planned_end if f else None) or min(planning.year_end(plan_year), a.final_end_date)
        rows.append({"entry": e, "start": start, "end": end})
    return rows


def _officers(plan, entries) -> list[str]:
    names = []
    people = [e.agreement.owner for e in entries] + [plan.accepted_by, plan.created_by]
    for person in people:
        if person is not None:
            name = person.get_full_name() or person.username
            if name not in names:
                names.append(name)
    return names


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
        "memo_keys": PLAN_MEMO_KEYS,
        "section_labels": {s.key: s.label for s in PLAN_SECTIONS},
    }
    ctx["sections"] = section_texts("plan", ctx, report.sections if report else None)
    return ctx
