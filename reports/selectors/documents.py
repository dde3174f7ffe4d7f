"""Per-follow-up documents: the report to the board and the feedback letter to the supplier."""

from django.utils import timezone
from django.utils.translation import gettext as _

from followups.cases.selectors import assessment_grid, followup_detail
from followups.models import FollowUp
from reports.sections import SECTIONS_BY_KIND, section_texts
from uppfoljning.core.errors import DomainError
from uppfoljning.core.formatting import format_date

from .followups import _methods, _selection, finding_outcome


def followup_title(followup: FollowUp) -> str:
    return followup.title


def feedback_title(followup: FollowUp, supplier) -> str:
    return _("Feedback after %(followup)s: %(supplier)s") % {
        "followup": followup.title,
        "supplier": supplier.name,
    }


def _base(kind: str, followup: FollowUp, report) -> dict:
    start = followup.started_on or followup.planned_start
    end = followup.completed_on or followup.planned_end
    responsible = followup.responsible.get_full_name() or followup.responsible.username
    return {
        "kind": kind,
        "report": report,
        "followup": followup,
        "agreement": followup.agreement,
        "board": followup.agreement.board,
        "municipality": followup.agreement.board.municipality,
        "document_date": (report.document_date if report else None) or timezone.localdate(),
        "registry_reference": report.registry_reference if report else "",
        "responsible": responsible,
        "span": f"{format_date(start)} – {format_date(end)}" if start else "–",
        "section_labels": {s.key: s.label for s in SECTIONS_BY_KIND[kind]},
    }


def followup_report_context(followup_id: int, report=None) -> dict:
    """The report the board receives after one follow-up: scope, selection, methods, the
    assessment grid, findings with what became of them, and the conclusions."""
    followup = followup_detail(None, followup_id)  # as the public reads it
    ctx = _base("followup", followup, report)
    areas, grid = assessment_grid(followup)
    findings = list(followup.findings.all())
    ctx.update(
        {
            "title": (report.title if report else "") or followup_title(followup),
            "suppliers": list(followup.suppliers.all()),
            "units": list(followup.units.all()),
            "selection": _selection([followup])[followup.pk],
            "selection_span": (
                f"{format_date(followup.selection_start)} – {format_date(followup.selection_end)}"
                if followup.selection_start and followup.selection_end
                else ""
            ),
            "methods": _methods(followup),
            "surveys": list(followup.surveys.all()),
            "interviews": list(followup.interviews.all()),
            "document_requests": list(followup.documentrequests.all()),
            "visits": list(followup.visits.all()),
            "areas": areas,
            "grid": grid,
            "findings": [(f, finding_outcome(f)) for f in findings],
        }
    )
    ctx["sections"] = section_texts("followup", ctx, report.sections if report else None)
    return ctx


def feedback_letter_context(followup_id: int, supplier, report=None) -> dict:
    """The letter to one supplier: its ratings, its findings, the measures expected and the
    deadlines."""
    followup = followup_detail(None, followup_id)  # as the public reads it
    if not followup.suppliers.filter(pk=supplier.pk).exists():
        raise DomainError(_("The supplier was not part of this follow-up."))
    ctx = _base("feedback", followup, report)
    _areas, grid = assessment_grid(followup)
    row = next((r for r in grid if r.supplier.pk == supplier.pk), None)
    findings = [f for f in followup.findings.all() if f.supplier_id == supplier.pk]
    expected = []
    for f in findings:
        plan = next(iter(f.action_plans.all()), None)
        expected.append(
            {
                "finding": f,
                "measures": plan.measures if plan else _("Send an action plan with measures."),
                "deadline": plan.deadline if plan else f.due_date,
                "outcome": finding_outcome(f),
            }
        )
    deadlines = [
        f.due_date for f in findings if f.due_date and f.status in ("open", "feedback_given")
    ]
    ctx.update(
        {
            "title": (report.title if report else "") or feedback_title(followup, supplier),
            "supplier": supplier,
            "ratings": [(area, a) for area, a in (row.cells if row else []) if a is not None],
            "findings": expected,
            "answer_by": min(deadlines) if deadlines else None,
        }
    )
    ctx["sections"] = section_texts("feedback", ctx, report.sections if report else None)
    return ctx


def document_context(report) -> dict:
    if report.kind == "followup":
        return followup_report_context(report.followup_id, report=report)
    if report.kind == "feedback":
        return feedback_letter_context(report.followup_id, report.supplier, report=report)
    raise DomainError(_("This kind of document cannot be generated yet."))


def document_supplier(kind: str, followup_id: int, supplier=None):
    """The supplier a document is for: none for the follow-up report; for a feedback letter
    the one given, or the follow-up's only supplier."""
    if not FollowUp.objects.filter(pk=followup_id).exists():
        raise DomainError(_("There is no follow-up with that id."))
    if kind == "followup":
        return None
    if supplier is None:
        suppliers = list(FollowUp.objects.get(pk=followup_id).suppliers.all())
        if len(suppliers) != 1:
            raise DomainError(_("Choose the supplier the letter is for."))
        supplier = suppliers[0]
    return supplier


def followup_document_context(kind: str, followup_id: int, supplier=None, report=None) -> dict:
    """The context of a follow-up report or feedback letter, with a stored report's texts."""
    supplier = document_supplier(kind, followup_id, supplier)
    if kind == "followup":
        return followup_report_context(followup_id, report=report)
    return feedback_letter_context(followup_id, supplier, report=report)
