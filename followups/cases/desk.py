"""The strategist's desk: one page of what waits for me, built from pluggable sections.

A section provider is `func(request, today) -> DeskSection | None`; other parts of the
system (scheduled controls' work items, for instance) add theirs with
`register_desk_section(func)` in their AppConfig.ready(). Sections appear in the order
registered; a provider returns None when the user may not see it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from followups.cases import selectors

DESK_LIMIT = 25


@dataclass
class DeskSection:
    key: str
    title: str
    template: str  # renders `items` (and `section`)
    items: list = field(default_factory=list)
    empty_text: str = ""
    more_url: str = ""
    order: int = 100


DeskProvider = Callable[[object, datetime.date], DeskSection | None]
_providers: list[DeskProvider] = []


def register_desk_section(func: DeskProvider) -> DeskProvider:
    if func not in _providers:
        _providers.append(func)
    return func


def desk_sections(request, today: datetime.date) -> list[DeskSection]:
    sections = [s for s in (p(request, today) for p in _providers) if s is not None]
    return sorted(sections, key=lambda s: s.order)


def _limited(qs):
    return list(qs[:DESK_LIMIT])


@register_desk_section
def my_followups(request, today):
    if not request.user.has_perm("followups.view_followup"):
        return None
    return DeskSection(
        key="followups",
        title=_("My open follow-ups"),
        template="followups/desk/_followups.html",
        items=_limited(selectors.my_open_followups(request.user)),
        empty_text=_("You have no open follow-ups."),
        order=10,
    )


@register_desk_section
def overdue(request, today):
    if not request.user.has_perm("followups.view_finding"):
        return None
    return DeskSection(
        key="overdue",
        title=_("Overdue deadlines"),
        template="followups/desk/_findings.html",
        items=_limited(selectors.findings_overdue(request.user, today)),
        empty_text=_("No deadlines have passed."),
        order=20,
    )


@register_desk_section
def waiting_for_feedback(request, today):
    if not request.user.has_perm("followups.view_finding"):
        return None
    return DeskSection(
        key="feedback",
        title=_("Findings waiting for feedback to the supplier"),
        template="followups/desk/_findings.html",
        items=_limited(selectors.findings_waiting_for_feedback(request.user)),
        empty_text=_("No findings wait for feedback."),
        order=30,
    )


@register_desk_section
def waiting_for_action_plan(request, today):
    if not request.user.has_perm("followups.view_finding"):
        return None
    return DeskSection(
        key="action_plans",
        title=_("Findings waiting for an action plan"),
        template="followups/desk/_findings.html",
        items=_limited(selectors.findings_waiting_for_action_plan(request.user)),
        empty_text=_("No findings wait for an action plan."),
        order=40,
    )


@register_desk_section
def deviations_to_triage(request, today):
    if not request.user.has_perm("followups.triage_deviation"):
        return None
    return DeskSection(
        key="deviations",
        title=_("New deviations to triage"),
        template="followups/desk/_deviations.html",
        items=_limited(selectors.deviations_to_triage()),
        empty_text=_("No new deviations."),
        order=50,
    )


@register_desk_section
def exclusions_to_review(request, today):
    if not request.user.has_perm("suppliers.view_exclusion"):
        return None
    return DeskSection(
        key="exclusions",
        title=_("Exclusions whose review date has passed"),
        template="followups/desk/_exclusions.html",
        items=_limited(selectors.exclusions_review_passed(today)),
        empty_text=_("No exclusions are due for review."),
        order=60,
    )
