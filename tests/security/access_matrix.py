"""Who may open which page: the answer every role expects to a GET of every url pattern, for a
real object and for an id that names nothing. The one place this is written down;
tests/security/test_access_matrix.py asks the running app for every cell.

One row per url name. `may(...)` names the roles allowed (the superuser always is), and each
cell follows from it:

- an allowed role gets `ok` (200 unless the row says otherwise) for a real object and
  `missing` (404) for an id that names nothing;
- a logged-in role that is not allowed gets 403 whatever the id: the permission is checked
  before the object is looked up (PermissionFirstMixin, PermissionRequiredMixin), so a refusal
  does not tell which objects exist;
- anonymous gets LOGIN (a redirect to the login page) unless the row says otherwise.

`only={(role, "real" | "missing"): expected}` overrides single cells, each with its reason.

Adding a page takes one line, e.g. `"suppliers:board_archive": may(STRATEGIST),`.
The test fails naming every url name of the URLconf without a row here.

The admin is represented by rows for its index, login, app list, one model's changelist, add,
change and history pages, and three more changelists, rather than all five pages of each of
its models (93 url names, ADMIN_NOT_LISTED): it has one rule (superusers only; the other roles
are sent to its login), which these rows show, and a model's delete page for a demo object
would list much of the demo.

Size (2026-12-02): 133 url names (121 of the app, 12 of the admin), 67 of them also with an
id that names nothing: 200 addresses × 6 roles = 1200 cells.
"""

from dataclasses import dataclass, field

ANONYMOUS = "anonymous"
COORDINATOR = "coordinator"
CASEWORKER = "caseworker"
BOARD_READER = "board_reader"
STRATEGIST = "strategist"
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, COORDINATOR, CASEWORKER, BOARD_READER, STRATEGIST, SUPERUSER)
USERS = (COORDINATOR, CASEWORKER, BOARD_READER, STRATEGIST)  # every logged-in role

# Redirects, told apart by where they lead.
LOGIN = "302 to login"
ADMIN_LOGIN = "302 to admin login"


@dataclass(frozen=True)
class Row:
    may: frozenset
    ok: int | str = 200
    missing: int | str = 404
    anonymous: int | str = LOGIN
    only: dict = field(default_factory=dict)

    def expected(self, role: str, which: str) -> int | str:
        """The answer `role` gets for the "real" or "missing" object."""
        if (role, which) in self.only:
            return self.only[role, which]
        if role == ANONYMOUS:
            return self.anonymous
        if role not in self.may:
            return 403
        return self.ok if which == "real" else self.missing


def may(*roles, **kwargs) -> Row:
    return Row(may=frozenset({*roles, SUPERUSER}), **kwargs)


def post_only(*roles) -> Row:
    """A page that only takes a POST: a GET is refused by its method, before any lookup."""
    return may(*roles, ok=405, missing=405)


def admin(**kwargs) -> Row:
    """The admin: superusers only; the other roles are sent to its login, and the anonymous
    to the site's (the admin's own pages: to its login)."""
    only = {(role, which): ADMIN_LOGIN for role in USERS for which in ("real", "missing")}
    return Row(may=frozenset({SUPERUSER}), only=only, **kwargs)


REGISTER_READERS = (COORDINATOR, STRATEGIST)  # the whole register but purchases
STATUS_READERS = (COORDINATOR, CASEWORKER, STRATEGIST)  # agreements, suppliers, units, call-off

MATRIX = {
    "dashboard": may(*USERS),
    "login": may(*USERS, anonymous=200),
    "logout": post_only(*USERS),
    "set_language": may(*USERS, ok=302),
    "ping": may(*USERS),
    # Your own account: the password, changed when logged in, reset by e-mail by anyone (the
    # pages say the same whoever asks; a reset link that is not valid says so).
    "password_change": may(*USERS),
    "password_change_done": may(*USERS),
    "password_reset": may(*USERS, anonymous=200),
    "password_reset_done": may(*USERS, anonymous=200),
    "password_reset_confirm": may(*USERS, anonymous=200, missing=200),
    "password_reset_complete": may(*USERS, anonymous=200),
    # Two-step verification: every user may set it up; who has (the strategists and the
    # superuser here) is sent on from the setup. The verification step is for a user between
    # the password and the second factor: anyone else is sent on.
    "two_factor:manage": may(*USERS),
    "two_factor:setup": may(*USERS, only={(STRATEGIST, "real"): 302, (SUPERUSER, "real"): 302}),
    "two_factor:verify": may(*USERS, ok=302),
    # The register.
    "suppliers:board_list": may(*REGISTER_READERS),
    "suppliers:board_add": may(STRATEGIST),
    "suppliers:board_detail": may(*REGISTER_READERS),
    "suppliers:board_edit": may(STRATEGIST),
    "suppliers:agreement_list": may(*STATUS_READERS),
    "suppliers:agreement_add": may(STRATEGIST),
    "suppliers:agreement_detail": may(*STATUS_READERS),
    "suppliers:agreement_edit": may(STRATEGIST),
    "suppliers:supplier_list": may(*STATUS_READERS),
    "suppliers:supplier_add": may(STRATEGIST),
    "suppliers:supplier_detail": may(*STATUS_READERS),
    "suppliers:supplier_edit": may(STRATEGIST),
    "suppliers:unit_list": may(*STATUS_READERS),
    "suppliers:unit_add": may(STRATEGIST),
    "suppliers:unit_detail": may(*STATUS_READERS),
    "suppliers:unit_edit": may(STRATEGIST),
    "suppliers:representative_list": may(*REGISTER_READERS),
    "suppliers:representative_add": may(STRATEGIST),
    "suppliers:representative_detail": may(*REGISTER_READERS),
    "suppliers:representative_edit": may(STRATEGIST),
    "suppliers:contract_list": may(*REGISTER_READERS),
    "suppliers:contract_add": may(STRATEGIST),
    "suppliers:contract_detail": may(*REGISTER_READERS),
    "suppliers:contract_edit": may(STRATEGIST),
    "suppliers:contract_end": may(STRATEGIST),
    # What the municipality paid is the strategist's.
    "suppliers:purchase_list": may(STRATEGIST),
    "suppliers:purchase_add": may(STRATEGIST),
    "suppliers:purchase_detail": may(STRATEGIST),
    "suppliers:purchase_edit": may(STRATEGIST),
    "suppliers:exclusion_list": may(*REGISTER_READERS),
    "suppliers:exclusion_add": may(STRATEGIST),
    "suppliers:exclusion_detail": may(*REGISTER_READERS),
    "suppliers:exclusion_lift": may(STRATEGIST),
    # Checks (the real one is not a criminal-record check; those are the crawl's).
    "followups:check_list": may(*REGISTER_READERS),
    "followups:check_export": may(*REGISTER_READERS),
    "followups:check_add": may(STRATEGIST),
    "followups:check_add_kind": may(STRATEGIST),
    "followups:check_bulk": may(STRATEGIST),
    "followups:check_detail": may(*REGISTER_READERS),
    "followups:check_edit": may(STRATEGIST),
    # Scheduled controls.
    "followups:controlrule_list": may(STRATEGIST),
    "followups:controlrule_add": may(STRATEGIST),
    "followups:controlrule_detail": may(STRATEGIST),
    "followups:controlrule_edit": may(STRATEGIST),
    "followups:workitem_list": may(STRATEGIST),
    "followups:workitem_detail": may(STRATEGIST),
    "followups:workitem_status": post_only(STRATEGIST),
    "followups:control_round": may(STRATEGIST),
    # Follow-ups, findings, deviations.
    "followups:followup_list": may(*REGISTER_READERS),
    "followups:followup_add": may(STRATEGIST),
    "followups:desk": may(*REGISTER_READERS),
    "followups:followup_detail": may(*REGISTER_READERS),
    "followups:followup_edit": may(STRATEGIST),
    "followups:followup_start": may(STRATEGIST),
    "followups:followup_complete": may(STRATEGIST),
    "followups:followup_scope": may(STRATEGIST),
    "followups:followup_selection": may(STRATEGIST),
    "followups:assessment_grid": may(STRATEGIST),
    "followups:survey_add": may(STRATEGIST),
    "followups:survey_areas": may(STRATEGIST),
    "followups:interview_add": may(STRATEGIST),
    "followups:documentrequest_add": may(STRATEGIST),
    "followups:visit_add": may(STRATEGIST),
    "followups:finding_add": may(STRATEGIST),
    "followups:finding_detail": may(*REGISTER_READERS),
    "followups:finding_feedback": may(STRATEGIST),
    "followups:finding_action_plan": may(STRATEGIST),
    "followups:finding_verify": may(STRATEGIST),
    "followups:finding_escalate": may(STRATEGIST),
    "followups:finding_decision": may(STRATEGIST),
    "followups:deviation_list": may(*REGISTER_READERS),
    # Whoever meets a supplier reports a deviation and sees what became of their reports.
    "followups:deviation_add": may(*STATUS_READERS),
    "followups:my_deviations": may(*STATUS_READERS),
    "followups:deviation_detail": may(*REGISTER_READERS),
    "followups:deviation_triage": may(STRATEGIST),
    # Data feeds.
    "followups:feed_list": may(STRATEGIST),
    "followups:feed_upload": may(STRATEGIST),
    "followups:feed_detail": may(STRATEGIST),
    # A GET returns to the feed's page (which answers 404 for a missing one).
    "followups:feed_import": may(STRATEGIST, ok=302, missing=302),
    "followups:feed_progress": may(STRATEGIST),
    # Risk, the yearly plan and coverage.
    "followups:risk": may(STRATEGIST),
    "followups:plan_list": may(STRATEGIST),
    "followups:plan_add": may(STRATEGIST),
    "followups:plan_detail": may(STRATEGIST),
    "followups:plan_texts": may(STRATEGIST),
    "followups:plan_repropose": post_only(STRATEGIST),
    "followups:plan_entry": may(STRATEGIST),
    "followups:coverage": may(*REGISTER_READERS),
    # The board's documents: the board reads finalised ones (the real report is one).
    "reports:report_list": may(BOARD_READER, STRATEGIST),
    "reports:annual_add": may(STRATEGIST),
    "reports:plan_add": may(STRATEGIST),
    "reports:followup_add": may(STRATEGIST),
    "reports:report_detail": may(STRATEGIST),
    "reports:report_preview": may(STRATEGIST, ok=302),  # a finalised report's is its file
    "reports:report_edit": may(STRATEGIST, ok=302),  # a finalised report is not edited
    "reports:report_generate": post_only(STRATEGIST),
    "reports:report_finalise": post_only(STRATEGIST),
    "reports:job_status": may(STRATEGIST),
    "reports:file_download": may(BOARD_READER, STRATEGIST),
    # The call-off check.
    "calloff:search": may(*STATUS_READERS),
    "calloff:supplier_status": may(*STATUS_READERS),
    "calloff:unit_status": may(*STATUS_READERS),
    "calloff:order": may(*REGISTER_READERS),  # the order is read from the contracts
    "calloff:log_list": may(*REGISTER_READERS),
    # The coordinator logged the real one and sees their own.
    "calloff:log_detail": may(*REGISTER_READERS),
    # The permission is asked by the POST.
    "calloff:log_add": post_only(*USERS),
    # The API answers 400 without ?org_number, and 401, not a login page, to the anonymous.
    "api_call_off_status": may(*STATUS_READERS, ok=400, anonymous=401),
    # The admin, by representative rows (see above).
    "admin:index": admin(anonymous=ADMIN_LOGIN),
    # The admin's login form, to anyone but staff, who are sent on to its index.
    "admin:login": may(*USERS, anonymous=200, only={(SUPERUSER, "real"): 302}),
    "admin:app_list": admin(anonymous=ADMIN_LOGIN),
    "admin:suppliers_supplier_changelist": admin(),
    "admin:suppliers_supplier_add": admin(),
    # The admin answers an id that names nothing by going back to its index.
    "admin:suppliers_supplier_change": admin(missing=302),
    "admin:suppliers_supplier_history": admin(),
    "admin:suppliers_placementcheck_changelist": admin(),
    "admin:auth_user_changelist": admin(),
    "admin:auth_group_changelist": admin(),
    # The audit log, and the throttled logins a superuser may lift.
    "admin:audit_auditentry_changelist": admin(),
    "admin:axes_accessattempt_changelist": admin(),
    # The PDF jobs, read-only (issue 15).
    "admin:reports_reportjob_changelist": admin(),
    "admin:uppfoljning_pendingdispatch_changelist": admin(),
}

# Admin pages left out of the matrix: the same rule as the rows above, for every other model.
ADMIN_NOT_LISTED = "admin:"
