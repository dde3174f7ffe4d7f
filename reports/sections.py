"""The narrative sections of each document: key, heading and a default text written from the data.

A strategist edits the texts before the report is finalised; whatever is not edited is
written from the figures of the period, so a report is never empty.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from uppfoljning.core.formatting import format_date


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    default: Callable[[dict], str]
    rows: int = 6


def _names(items) -> str:
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return _("%(list)s and %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def _proposal(ctx):
    return _("%(board)s decides\n\n1. to place the report on file.") % {"board": ctx["board"].name}


def _matter(ctx):
    special = [a.agreement.name for a in ctx.get("special", []) if a.followups]
    text = _(
        "The report describes the follow-up of private providers that was carried out during "
        "%(period)s."
    ) % {"period": ctx["period"].describe()}
    if special:
        text += " " + _(
            "The framework agreements %(names)s were subject to the board's special follow-up."
        ) % {"names": _names(special)}
    return text


def _preparation(ctx):
    return _(
        "The matter has been prepared by the strategists responsible for the agreements, with "
        "information gathered from the units that place clients and from the suppliers followed up."
    )


def _presentation(ctx):
    totals = ctx["totals"]
    return _(
        "Under chapter 10, section 8 of the Local Government Act (2017:725) the municipality shall "
        "check and follow up activities that have been handed over to private providers. During "
        "%(period)s %(agreements)s framework agreements were in force. %(terminated)s contracts "
        "were terminated or rescinded and %(excluded)s suppliers were temporarily excluded from "
        "call-offs."
    ) % {
        "period": ctx["period"].describe(),
        "agreements": totals["agreements"],
        "terminated": totals["ended"],
        "excluded": totals["excluded_suppliers"],
    }


def _child_impact(ctx):
    children = [
        a.agreement.name for a in ctx["agreements"] if a.agreement.target_group == "children"
    ]
    if not children:
        return _("None of the agreements followed up has children or young people as target group.")
    return ngettext(
        "The agreement %(names)s has children and young people as target group. Follow-up is "
        "important to ensure the quality of the services that work with children and young people.",
        "The agreements %(names)s have children and young people as target group. Follow-up is "
        "important to ensure the quality of the services that work with children and young people.",
        len(children),
    ) % {"names": _names(children)}


def _economic(ctx):
    return _("The decision has no economic consequences for the board.")


def _decision_basis(ctx):
    return _(
        "Cover memo dated %(memo_date)s.\nAppendix 1, report on the board's follow-up of private "
        "providers %(period)s."
    ) % {"memo_date": format_date(ctx["document_date"]), "period": ctx["period"].label}


def _signature(ctx):
    return _("Social services administration\n\nDirector of social services")


def _background(ctx):
    return _(
        "A large share of the board's services are delivered by private providers under framework "
        "agreements. The administration has the board's mandate to follow up and check that the "
        "suppliers comply with their agreements: the quality of each placement, the supplier's "
        "economy and the fulfilment of the agreement in general."
    )


def _continuous(ctx):
    dev = ctx.get("deviations")
    ivo = ctx["checks"]["ivo"]
    parts = []
    if dev is not None and dev.total:
        parts.append(
            ngettext(
                "%(count)s deviation was reported during the period.",
                "%(count)s deviations were reported during the period.",
                dev.total,
            )
            % {"count": dev.total}
        )
    parts.append(
        ngettext(
            "%(count)s IVO check of %(suppliers)s suppliers was recorded.",
            "%(count)s IVO checks of %(suppliers)s suppliers were recorded.",
            ivo.count,
        )
        % {"count": ivo.count, "suppliers": ivo.suppliers}
    )
    return " ".join(parts)


def _economic_followup(ctx):
    credit = ctx["checks"]["credit"]
    return ngettext(
        "The suppliers' economy is followed continuously through a credit information service. "
        "%(count)s credit check was recorded during the period, %(remarks)s with a remark.",
        "The suppliers' economy is followed continuously through a credit information service. "
        "%(count)s credit checks were recorded during the period, %(remarks)s with a remark.",
        credit.count,
    ) % {"count": credit.count, "remarks": credit.remarks + credit.serious}


def _event_driven(ctx):
    return _(
        "Event-driven follow-up is started on repeated deviations, signs of quality problems at "
        "the same supplier, or a single serious shortcoming. To exclude a supplier from further "
        "call-offs the decision must be well founded."
    )


def _special(ctx):
    return _(
        "In the special follow-up the administration selects a number of suppliers for an "
        "in-depth review, including visits. The aim is at least one special follow-up of every "
        "agreement during its agreement period."
    )


def _conclusions(ctx):
    totals = ctx["totals"]
    text = _(
        "During %(period)s %(terminated)s contracts were ended early and %(exclusions)s temporary "
        "exclusions from call-offs were decided."
    ) % {
        "period": ctx["period"].describe(),
        "terminated": totals["ended"],
        "exclusions": totals["exclusions"],
    }
    goal = ctx.get("goal_fulfilment") or []
    rated = [g for g in goal if g.share is not None]
    if rated:
        text += " " + _(
            "In the special follow-up, %(list)s of the assessed areas were fulfilled."
        ) % {"list": _names(f"{g.share_text} ({g.agreement.name})" for g in rated)}
    return text


def _evaluation(ctx):
    return _(
        "The caseworkers' and the suppliers' answers, the visits and the documents requested form "
        "the evaluation of the delivered service; the results per assessment area are shown above."
    )


ANNUAL_SECTIONS = [
    Section("proposal", gettext_lazy("Proposed decision"), _proposal, 3),
    Section("matter", gettext_lazy("The matter"), _matter),
    Section("preparation", gettext_lazy("Preparation"), _preparation, 3),
    Section("presentation", gettext_lazy("Presentation"), _presentation, 8),
    Section("child_impact", gettext_lazy("Child impact analysis"), _child_impact, 4),
    Section("economic_consequences", gettext_lazy("Economic consequences"), _economic, 2),
    Section("decision_basis", gettext_lazy("Decision basis"), _decision_basis, 3),
    Section("signature", gettext_lazy("Signature"), _signature, 3),
    Section("background", gettext_lazy("Background"), _background, 8),
    Section("continuous", gettext_lazy("Continuous follow-up"), _continuous),
    Section("economic_followup", gettext_lazy("Continuous economic follow-up"), _economic_followup),
    Section("event_driven", gettext_lazy("Event-driven follow-up"), _event_driven),
    Section("special", gettext_lazy("Special follow-up"), _special),
    Section("evaluation", gettext_lazy("Evaluation of the delivered service"), _evaluation),
    Section("conclusions", gettext_lazy("Assessment and conclusions"), _conclusions, 10),
]


def _followup_intro(ctx):
    f = ctx["followup"]
    return _(
        "%(kind)s of the framework agreement %(agreement)s (%(reference)s), %(suppliers)s "
        "suppliers in scope, carried out %(span)s. Responsible: %(responsible)s."
    ) % {
        "kind": f.get_kind_display(),
        "agreement": f.agreement.name,
        "reference": f.agreement.reference,
        "suppliers": len(ctx["suppliers"]),
        "span": ctx["span"],
        "responsible": ctx["responsible"],
    }


def _followup_conclusions(ctx):
    f = ctx["followup"]
    if f.conclusion.strip():
        return f.conclusion.strip()
    findings = ctx["findings"]
    return ngettext(
        "The follow-up found %(count)s shortcoming; its status is shown above.",
        "The follow-up found %(count)s shortcomings; their status is shown above.",
        len(findings),
    ) % {"count": len(findings)}


def _feedback_intro(ctx):
    f = ctx["followup"]
    return _(
        "%(board)s has carried out a %(kind)s of the framework agreement %(agreement)s, in which "
        "%(supplier)s took part. This letter gives you the results and the shortcomings found, "
        "what we expect you to do and by when."
    ) % {
        "board": ctx["board"].name,
        "kind": f.get_kind_display().lower(),
        "agreement": f.agreement.name,
        "supplier": ctx["supplier"].name,
    }


def _feedback_closing(ctx):
    deadline = ctx.get("answer_by")
    if ctx["findings"] and deadline:
        return _(
            "Send your action plan, with the measures and the dates by which they will be done, "
            "no later than %(date)s. We will then verify that the measures have been taken."
        ) % {"date": format_date(deadline)}
    return _("No measures are required. Thank you for your participation in the follow-up.")


def _feedback_signature(ctx):
    return ctx["responsible"] + "\n" + _("Strategist responsible for the agreement")


FOLLOWUP_SECTIONS = [
    Section("introduction", gettext_lazy("Introduction"), _followup_intro, 4),
    Section("conclusions", gettext_lazy("Assessment and conclusions"), _followup_conclusions, 8),
]

FEEDBACK_SECTIONS = [
    Section("introduction", gettext_lazy("Introduction"), _feedback_intro, 5),
    Section("closing", gettext_lazy("What we expect"), _feedback_closing, 4),
    Section("signature", gettext_lazy("Signature"), _feedback_signature, 3),
]


def _plan_proposal(ctx):
    return _(
        "%(board)s decides\n\n1. to adopt the board's plan for the control and follow-up of "
        "private providers %(year)s according to appendix 1."
    ) % {"board": ctx["board"].name, "year": ctx["year"]}


def _plan_matter(ctx):
    return _(
        "The board's plan for the follow-up of private providers aims to provide follow-up of "
        "and insight into the activities that have been handed over to private providers, and "
        "to ensure good quality for the clients. The matter describes how the administration "
        "intends to follow up the board's framework agreements during %(year)s."
    ) % {"year": ctx["year"]}


def _plan_preparation(ctx):
    return _("The matter has been prepared within the social services administration.")


def _plan_presentation(ctx):
    text = _(
        "The board procures services through framework agreements and direct procurements. The "
        "framework agreements set the board's requirements on the suppliers, and through "
        "recurring follow-up the board ensures that the suppliers comply with their agreements. "
        "%(count)s framework agreements are in force during %(year)s. The plan describes the "
        "continuous, event-driven and special follow-up."
    ) % {"count": ctx["agreements_in_force"], "year": ctx["year"]}
    names = [e.agreement.name for e in ctx["this_year"]]
    if names:
        text += " " + _(
            "The administration proposes that the special follow-up in %(year)s be carried out "
            "within the framework agreements %(names)s."
        ) % {"year": ctx["year"], "names": _names(names)}
    return text


def _plan_child_impact(ctx):
    text = _(
        "Follow-up is important to ensure the quality of the activities that have been handed "
        "over to private providers."
    )
    children = [r.agreement.name for r in ctx["rows"] if r.agreement.target_group == "children"]
    if children:
        text += " " + ngettext(
            "The agreement %(names)s has children and young people as target group, so the "
            "follow-up can affect children directly.",
            "The agreements %(names)s have children and young people as target group, so the "
            "follow-up can affect children directly.",
            len(children),
        ) % {"names": _names(children)}
    text += " " + _(
        "When agreements for adults are followed up, children can be affected indirectly, since "
        "many adults are guardians or relatives of children."
    )
    return text


def _plan_decision_basis(ctx):
    return _(
        "Cover memo dated %(memo_date)s.\nAppendix 1, Report - Plan for the follow-up of private "
        "providers %(year)s."
    ) % {"memo_date": format_date(ctx["document_date"]), "year": ctx["year"]}


PLAN_SECTIONS = [
    Section("proposal", gettext_lazy("Proposed decision"), _plan_proposal, 3),
    Section("matter", gettext_lazy("The matter"), _plan_matter, 4),
    Section("preparation", gettext_lazy("Preparation"), _plan_preparation, 2),
    Section("presentation", gettext_lazy("Presentation"), _plan_presentation, 8),
    Section("child_impact", gettext_lazy("Child impact analysis"), _plan_child_impact, 4),
    Section("economic_consequences", gettext_lazy("Economic consequences"), _economic, 2),
    Section("decision_basis", gettext_lazy("Decision basis"), _plan_decision_basis, 3),
    Section("signature", gettext_lazy("Signature"), _signature, 3),
]

# The sections of a cover memo (tjänsteskrivelse), in order, as in 001_… and 004_…; the
# signature closes it.
MEMO_KEYS = [
    "proposal",
    "matter",
    "preparation",
    "presentation",
    "child_impact",
    "economic_consequences",
    "decision_basis",
]

SECTIONS_BY_KIND = {
    "annual": ANNUAL_SECTIONS,
    "plan": PLAN_SECTIONS,
    "followup": FOLLOWUP_SECTIONS,
    "feedback": FEEDBACK_SECTIONS,
}


def section_texts(kind: str, ctx: dict, stored: dict | None) -> dict[str, str]:
    """Each section's text: the strategist's edit if there is one, else the default from data."""
    stored = stored or {}
    texts = {}
    for section in SECTIONS_BY_KIND.get(kind, []):
        edited = (stored.get(section.key) or "").strip()
        texts[section.key] = edited or section.default(ctx)
    return texts
