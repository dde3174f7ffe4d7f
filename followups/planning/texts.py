"""The default texts of a yearly plan's five points (003_…), written from the data.

A strategist edits them before accepting the plan; the defaults name what the register
holds (the board, the control rules, the agreements' owners), so a plan is never empty.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followups.models import ControlRule
from uppfoljning.core.formatting import person_names


def _responsibility(board, year) -> str:
    return _(
        "%(board)s is responsible for following up and checking the activities that have been "
        "handed over to private providers within its area (chapter 10, section 8 of the Local "
        "Government Act). The follow-up shall ensure that the suppliers deliver what the "
        "framework agreements require and that the clients receive care of good quality, and "
        "it shall give the public insight into the activities. The plan covers the board's "
        "framework agreements in force during %(year)s."
    ) % {"board": board.name, "year": year}


def _forms(board, year) -> str:
    return _(
        "Continuous follow-up: signals from caseworkers, coordinators, IVO and other "
        "authorities, deviations, and the scheduled checks of IVO permits, credit status and "
        "criminal records.\n"
        "Event-driven follow-up: on signals of shortcomings at a supplier, such as repeated "
        "deviations, complaints, IVO decisions or information from the Tax Agency or the media.\n"
        "Special follow-up: a planned, more thorough review of selected suppliers within an "
        "agreement, with surveys, interviews, requested documents and announced or unannounced "
        "visits. Every agreement shall have at least one special follow-up during its agreement "
        "period. Before each special follow-up a risk assessment decides the areas to focus on."
    )


def _responsible(board, year, owners) -> str:
    text = _(
        "The strategists responsible for the agreements carry out the follow-up, together with "
        "the placement coordinators, who check every supplier before a call-off."
    )
    if owners:
        text += " " + _("Responsible strategists: %(names)s.") % {"names": ", ".join(owners)}
    return text


def _timetable(board, year) -> str:
    lines = [
        _(
            "Continuous and event-driven follow-up take place throughout %(year)s. The special "
            "follow-ups are carried out at the times given in the table of planned special "
            "follow-ups."
        )
        % {"year": year}
    ]
    for rule in ControlRule.objects.filter(active=True).order_by("name"):
        if rule.interval_months:
            lines.append(
                ngettext(
                    "%(rule)s: every month.",
                    "%(rule)s: every %(months)s months.",
                    rule.interval_months,
                )
                % {"rule": rule.name, "months": rule.interval_months}
            )
    return "\n".join(lines)


def _feedback(board, year) -> str:
    return _(
        "After each special or event-driven follow-up the supplier receives a written feedback "
        "with the shortcomings found, and sends an action plan that is then verified. The board "
        "receives the results in the yearly report on the follow-up of private providers: the "
        "degree of goal fulfilment according to the agreements, an evaluation of the delivered "
        "service and an assessment of whether the control is sufficient. Deviations are reported "
        "together with their action plans."
    )


def default_texts(*, board, year: int, agreements) -> dict[str, str]:
    owners = person_names(a.owner for a in agreements)
    return {
        "responsibility": _responsibility(board, year),
        "forms_of_followup": _forms(board, year),
        "responsible": _responsible(board, year, owners),
        "timetable": _timetable(board, year),
        "feedback": _feedback(board, year),
    }
