"""Every edit form is saved against the version it was opened at (issue 15, lost updates).

The URLconf is walked (tests/security/urlconf.py): every page with a path parameter that
takes a POST is either an edit form, which must carry the version check
(uppfoljning.core.views.EditVersionMixin), or named below with why it needs none. A new
page fails here until it is one or the other. Each edit form is then opened on the demo and
posted with the version of an older page: it must be refused, and change nothing.
"""

import pytest
from django.test import Client

from followups.cases.selectors import assessment_grid
from followups.models import FollowUp
from reports import services as report_services
from reports.models import Report, ReportStatus
from suppliers.models import Board
from tests.edit_forms import STALE, page_form_data
from tests.security.conftest import log_in
from tests.security.urlconf import app_routes
from uppfoljning.core.forms import VERSION_FIELD
from uppfoljning.core.views import EditVersionMixin, ServiceFormView

# The forms that change what a record says: the version check is required.
EDIT_FORMS = {
    "suppliers:board_edit",
    "suppliers:agreement_edit",
    "suppliers:supplier_edit",
    "suppliers:unit_edit",
    "suppliers:representative_edit",
    "suppliers:contract_edit",
    "suppliers:purchase_edit",
    "followups:check_edit",
    "followups:controlrule_edit",
    "followups:followup_edit",
    "followups:followup_complete",
    "followups:followup_scope",
    "followups:followup_selection",
    "followups:assessment_grid",
    "followups:plan_texts",
    "followups:plan_entry",
    "followups:survey_areas",
    "reports:report_edit",
}

# Pages that take a POST under an object but edit none of its texts, and why.
TRANSITION = "a status change, checked under a row lock (check_transition): a second is refused"
CREATES = "creates a new row under the object; nothing is overwritten"
NOT_EDIT_FORMS = {
    "password_reset_confirm": "sets a password from a one-time link",
    "suppliers:contract_end": TRANSITION,
    "suppliers:exclusion_lift": TRANSITION,
    "followups:check_add_kind": CREATES,
    "followups:workitem_status": TRANSITION,
    "followups:control_round": "records new checks for the round's items (one per item)",
    "followups:followup_start": TRANSITION,
    "followups:survey_add": CREATES,
    "followups:interview_add": CREATES,
    "followups:documentrequest_add": CREATES,
    "followups:visit_add": CREATES,
    "followups:finding_add": CREATES,
    "followups:finding_feedback": TRANSITION,
    "followups:finding_action_plan": TRANSITION,
    "followups:finding_verify": TRANSITION,
    "followups:finding_escalate": TRANSITION,
    "followups:finding_decision": TRANSITION,
    "followups:deviation_triage": TRANSITION,
    "followups:feed_import": TRANSITION,
    "followups:plan_detail": TRANSITION,
    "followups:plan_repropose": "proposes the plan anew from the data, as asked",
    "reports:report_generate": "queues a new PDF file; the texts are not touched",
    "reports:report_finalise": TRANSITION,
}


def _draft_report(site):
    draft = Report.objects.filter(status=ReportStatus.DRAFT).first()
    return draft or report_services.report_create_annual(
        board=Board.objects.order_by("pk").first(), year=2025, user=site.users["strategist"]
    )


def _graded_followup():
    return next(
        fu
        for fu in FollowUp.objects.filter(suppliers__isnull=False).distinct().order_by("pk")
        if any(row.cells for row in assessment_grid(fu)[1])
    )


def _posted_under_an_object():
    return {
        r.name: r
        for r in app_routes()
        if r.params
        and r.view_class is not None
        and "post" in r.view_class.http_method_names
        and hasattr(r.view_class, "post")
    }


def _versioned(view) -> bool:
    if not issubclass(view, EditVersionMixin):
        return False
    return not issubclass(view, ServiceFormView) or view.edits_object


def test_every_page_that_takes_a_post_under_an_object_is_classified():
    posted = _posted_under_an_object()
    unknown = sorted(set(posted) - EDIT_FORMS - set(NOT_EDIT_FORMS))
    assert not unknown, f"an edit form (version check) or a reason in NOT_EDIT_FORMS: {unknown}"
    gone = sorted((EDIT_FORMS | set(NOT_EDIT_FORMS)) - set(posted))
    assert not gone, f"no such page any more: {gone}"


def test_every_edit_form_has_the_version_check():
    posted = _posted_under_an_object()
    lacking = sorted(name for name in EDIT_FORMS if not _versioned(posted[name].view_class))
    assert not lacking, f"edit forms without the version check: {lacking}"
    assert len(EDIT_FORMS) == 18


def test_no_other_page_is_taken_for_an_edit_form_by_mistake():
    # A page listed as no edit form but carrying the check belongs in EDIT_FORMS.
    posted = _posted_under_an_object()
    assert not [n for n in NOT_EDIT_FORMS if _versioned(posted[n].view_class)]


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_an_edit_form_opened_before_a_change_is_refused(site, name):
    route = _posted_under_an_object()[name]
    objects = site.objects
    if name == "reports:report_edit":  # the demo's documents are finalised: a draft
        objects = {**objects, "report": [_draft_report(site).pk]}
    if name == "followups:assessment_grid":  # a grid with cells to overwrite
        objects = {**objects, "followup": [_graded_followup().pk]}
    url = route.urls(objects)[0]
    if name == "followups:followup_selection":  # the form is shown for a period
        url += "?start=2024-01-01&end=2024-12-31"
    client = Client()
    log_in(client, site.users["superuser"])
    response = client.get(url)
    assert response.status_code == 200, (name, response.status_code)
    data = page_form_data(response.content.decode())
    token = data.get(VERSION_FIELD)
    assert token, f"{name}: the form does not carry its version"
    # The page as opened before every value it shows was changed by someone else.
    data[VERSION_FIELD] = ",".join(f"{part.split(':')[0]}:0" for part in token.split(","))
    response = client.post(url, data)
    assert response.status_code == 200, (name, response.status_code)
    assert STALE in response.content.decode(), name
