"""Every page, export, API answer and board document of the demo, as every role: no trace of a
criminal-record check outside the strategists (issue 13 §2).

The crawl resolves every url pattern the app has (the admin's too; tests/security/urlconf.py)
and fills each path parameter with real demo objects, chosen so that the criminal-record checks
are in view: the checks themselves, the suppliers, units and representatives they were made of,
the follow-ups they triggered or that list them, the exclusions decided after them, the work
items of the criminal-record round, and the board's documents about them. A url pattern without
a row in urlconf.OBJECTS fails the crawl, so a new page is crawled from the day it exists.

What must not appear is the wording (Swedish "belastningsregist…", the kind's English label)
and the kind's value. Strategists (and the superuser) may see it, and do (the positive control).
The board's documents are public records: they may count criminal-record checks but never
name one beside a supplier, for any reader, strategists included.
"""

import html
import io
import re
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse
from pypdf import PdfReader

from followups.models import (
    Check,
    CheckKind,
    ControlRule,
    Deviation,
    FeedImport,
    Finding,
    FollowUp,
    FollowUpPlan,
    PlannedFollowUp,
    RuleKind,
    Survey,
    WorkItem,
)
from reports import services as report_services
from reports.models import Report, ReportFile, ReportJob
from suppliers.models import (
    Board,
    Contract,
    Exclusion,
    PlacementCheck,
    Purchase,
    Supplier,
    Unit,
)
from tests.factories import UserFactory
from tests.security.urlconf import VALUES, app_routes, without_objects

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.pdf,  # the finalised documents the board downloads are PDFs
    pytest.mark.xdist_group("criminal_record_crawl"),
]

# The wording of a criminal-record check in Swedish and English, and the kind's value.
FORBIDDEN = re.compile(
    r"belastningsregist|criminal[ -_]?record|" + re.escape(str(CheckKind.CRIMINAL_RECORD.label)),
    re.IGNORECASE,
)
# What a supplier does when it hires staff is not a check the municipality made of the
# supplier: the demo's assessment comments on the area "Registerutdrag" may say so.
ALLOWED = re.compile(r"belastningsregister tas in vid anställning", re.IGNORECASE)

ROLES_WITHOUT = ("coordinator", "caseworker", "board_reader", None)  # None: not logged in
ROLES_WITH = ("strategist", "superuser")


def _first(qs, n=2):
    return [o.pk for o in qs[:n]]


@pytest.fixture(scope="module")
def world(demo, django_db_blocker):
    """The demo's objects that can reveal a criminal-record check, and the board's documents.

    Built once for the module inside the demo's transaction (rolled back with it)."""
    with django_db_blocker.unblock():
        strategist = UserFactory(username="crawl_strategist", role="strategist")
        records = Check.objects.filter(kind=CheckKind.CRIMINAL_RECORD).order_by("-result", "pk")
        flagged = records.exclude(result="ok").first() or records.first()
        assert flagged is not None, "the demo has criminal-record checks"
        triggered = FollowUp.objects.filter(trigger_check__kind=CheckKind.CRIMINAL_RECORD)
        assert triggered.exists(), "the demo has follow-ups triggered by a criminal record"
        # A strategist ticks a criminal-record check under "Checks" on a follow-up (seen in
        # issue 13: the coordinator then saw it on the follow-up's page).
        listing = (
            FollowUp.objects.filter(agreement=flagged.agreement, trigger_check__isnull=True)
            .order_by("pk")
            .first()
        )
        listing.checks.add(*records.filter(supplier__in=listing.suppliers.all())[:3], flagged)
        followups = [*triggered.order_by("pk"), listing]
        suppliers = Supplier.objects.filter(checks__kind=CheckKind.CRIMINAL_RECORD).distinct()
        suppliers = [flagged.supplier_id, *_first(suppliers.exclude(pk=flagged.supplier_id), 1)]
        exclusions = Exclusion.objects.filter(supplier=flagged.supplier_id)
        exclusions |= Exclusion.objects.filter(reason="investigation")
        findings = Finding.objects.filter(followup__in=followups) or Finding.objects.all()
        rule = ControlRule.objects.filter(kind=RuleKind.CRIMINAL_RECORD).first()

        # The board's documents: the year's report and the event-driven follow-up's report
        # (finalised, so the board reader reads them), its feedback letter and the plan (drafts).
        board = Board.objects.get()
        event = triggered.order_by("pk").first()
        annual = report_services.report_create_annual(
            board=board,
            year=flagged.performed_on.year,
            user=strategist,
            registry_reference="SCN-2025-00017",
        )
        followup_doc = report_services.report_create_for_followup(
            followup=event, kind="followup", user=strategist, registry_reference="SCN-2024-00342"
        )
        for report in (annual, followup_doc):
            report_services.report_generate_file(report=report, user=strategist)
            report_services.report_finalise(report=report, user=strategist)
            report.refresh_from_db()
        report_services.report_create_for_followup(
            followup=event, kind="feedback", supplier=event.suppliers.first(), user=strategist
        )
        plan = FollowUpPlan.objects.filter(accepted_at__isnull=False).order_by("-year").first()
        if plan is not None:
            report_services.report_create_plan(plan=plan, user=strategist)
        draft = Report.objects.filter(status="draft").first()
        report_services.report_request_pdf(report=draft, user=strategist)  # a queued job

        objects = {
            "board": [board.pk],
            "frameworkagreement": [flagged.agreement_id],
            "supplier": suppliers,
            "unit": _first(Unit.objects.filter(supplier__in=suppliers)),
            "representative": [flagged.representative_id],
            "contract": _first(Contract.objects.filter(supplier__in=suppliers)),
            "purchase": _first(Purchase.objects.filter(supplier__in=suppliers)),
            "exclusion": _first(exclusions.distinct().order_by("pk"), 3),
            "placementcheck": _first(PlacementCheck.objects.order_by("pk")),
            "check": [flagged.pk, *_first(Check.objects.exclude(kind="criminal_record"), 1)],
            "controlrule": [rule.pk] if rule else [],
            "workitem": _first(WorkItem.objects.filter(rule=rule).order_by("pk")) if rule else [],
            "followup": [f.pk for f in followups],
            "survey": _first(Survey.objects.filter(followup__in=followups))
            or _first(Survey.objects.all(), 1),
            "finding": _first(findings.order_by("pk"), 3),
            "deviation": _first(Deviation.objects.order_by("pk"), 1),
            "feedimport": _first(FeedImport.objects.order_by("pk"), 1),
            "followupplan": _first(FollowUpPlan.objects.order_by("pk")),
            "plannedfollowup": _first(PlannedFollowUp.objects.order_by("pk"), 2),
            "report": list(Report.objects.order_by("pk").values_list("pk", flat=True)),
            "reportjob": _first(ReportJob.objects.all(), 1),
            "reportfile": list(ReportFile.objects.values_list("pk", flat=True)),
            "kind": [CheckKind.CRIMINAL_RECORD.value, CheckKind.IVO.value],
            # A reset link's page shows no register data, whatever the link.
            "reset_link": [VALUES["reset_link"][0]],
        }
        supplier = Supplier.objects.get(pk=flagged.supplier_id)
        unit = Unit.objects.filter(supplier=supplier).first()
        extra = [
            reverse("followups:check_list") + "?" + urlencode({"kind": "criminal_record"}),
            reverse("followups:check_list") + "?" + urlencode({"q": supplier.name}),
            reverse("followups:check_list") + f"?supplier={supplier.pk}",
            *(
                reverse("followups:check_export") + "?" + urlencode(query)
                for query in (
                    {"format": "csv"},
                    {"format": "xlsx"},
                    {"format": "csv", "kind": "criminal_record"},
                    {"format": "xlsx", "supplier": supplier.pk},
                )
            ),
            reverse("followups:followup_list") + "?" + urlencode({"q": supplier.name}),
            reverse("followups:followup_list") + "?kind=event_driven",
            reverse("followups:workitem_list") + "?status=open",
            reverse("reports:followup_add") + f"?followup={event.pk}",
            reverse("calloff:search") + "?" + urlencode({"q": supplier.name}),
            reverse("api_call_off_status") + f"?org_number={supplier.org_number}",
            reverse("api_call_off_status") + f"?org_number={supplier.org_number}&unit={unit.pk}",
            reverse("suppliers:supplier_list") + "?" + urlencode({"q": supplier.name}),
            reverse("suppliers:exclusion_list") + "?reason=investigation",
        ]
        supplier_page = supplier.get_absolute_url()
        status_page = reverse("calloff:supplier_status", args=[supplier.pk])
        api = reverse("api_call_off_status") + f"?org_number={supplier.org_number}"
        finals = [r.final_file_id for r in (annual, followup_doc)]
        reads = {
            "coordinator": [
                *(f.get_absolute_url() for f in followups),
                supplier_page,
                status_page,
                api,
                flagged.representative.get_absolute_url(),
                reverse("followups:check_list"),
                reverse("followups:check_export") + "?format=xlsx",
                *(reverse("suppliers:exclusion_detail", args=[pk]) for pk in objects["exclusion"]),
            ],
            "caseworker": [supplier_page, status_page, api],
            "board_reader": [
                reverse("reports:report_list"),
                *(reverse("reports:file_download", args=[pk]) for pk in finals),
            ],
            None: [reverse("login")],
        }
        # A finalised report's preview leads to its file.
        drafts = Report.objects.filter(status="draft").values_list("pk", flat=True)
        documents = [
            *(reverse("reports:file_download", args=[pk]) for pk in objects["reportfile"]),
            *(reverse("reports:report_detail", args=[pk]) for pk in objects["report"]),
            *(reverse("reports:report_preview", args=[pk]) for pk in drafts),
        ]
        # Staff, so that the admin is crawled as each role too (staff opens nothing else).
        users = {
            role: UserFactory(username=f"crawl_{role}", role=role, is_staff=True)
            for role in ("coordinator", "caseworker", "board_reader")
        }
        users["strategist"] = strategist
        users["superuser"] = UserFactory(username="crawl_root", is_superuser=True, is_staff=True)
        strategist.is_staff = True
        strategist.save()
        names = list(Supplier.objects.values_list("name", flat=True))
    return {
        "objects": objects,
        "extra": extra,
        "users": users,
        "flagged": flagged,
        "reads": reads,
        "documents": documents,
        "suppliers": re.compile("|".join(re.escape(name) for name in names)),
    }


# --- the url patterns, with their parameters filled -----------------------------------------


def _app_urls(world):
    # The admin is crawled below; logging out would end the crawl.
    crawled = [r for r in app_routes() if r.name not in ("logout", "set_language")]
    missing = without_objects(crawled)
    assert not missing, f"add a row to OBJECTS in tests/security/urlconf.py for {missing}"
    return [url for route in crawled for url in route.urls(world["objects"])] + world["extra"]


def _admin_urls(world):
    urls = []
    for model in admin.site._registry:
        opts = model._meta
        base = f"admin:{opts.app_label}_{opts.model_name}"
        urls.append(reverse(f"{base}_changelist"))
        kind = opts.model_name
        for pk in (world["objects"].get(kind) or _first(model._default_manager.all(), 1))[:1]:
            urls += [reverse(f"{base}_change", args=[pk]), reverse(f"{base}_history", args=[pk])]
    return [*urls, reverse("admin:index")]


# --- reading a response as text ------------------------------------------------------------


def _read(response) -> tuple[str, str]:
    """(text, "pdf" | "html" | "other") of a response: a page, an export, a PDF, JSON."""
    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = (str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        return "\n".join(cells), "other"
    if "pdf" in content_type:
        pages = PdfReader(io.BytesIO(content)).pages
        return "\n".join(page.extract_text() for page in pages), "pdf"
    kind = "html" if "html" in content_type else "other"
    return content.decode("utf-8", errors="replace"), kind


def _leaks(text: str, url: str = "") -> list[str]:
    """Criminal-record wording anywhere: what a page shows a role that may not see it."""
    text = ALLOWED.sub("", text)
    # A page may repeat the address it was asked for (a filter's value, a login's ?next=);
    # that is what the user typed, not what the app told them.
    if CheckKind.CRIMINAL_RECORD.value in url:
        text = text.replace(CheckKind.CRIMINAL_RECORD.value, "")
    return [text[max(0, m.start() - 60) : m.end() + 60] for m in FORBIDDEN.finditer(text)]


# A board document may count criminal-record checks, or say that the plan has them; it never
# names one beside a supplier. Its HTML is read block by block (a table row, a list item, a
# paragraph, a heading): a block with both the wording and a supplier's name is a leak. A PDF's
# text has lost its rows (pypdf gives each line of a cell apart), so there the wording may not
# come within NEAR characters of a supplier's name: a table row's width.
HTML_BLOCK_END = re.compile(r"</(?:tr|li|p|h[1-6]|caption|dt|dd|div|table)>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")
NEAR = 150


def _document_leaks(text: str, kind: str, suppliers: re.Pattern) -> list[str]:
    if kind == "pdf":
        text = ALLOWED.sub("", " ".join(text.split()))
        return [
            text[max(0, m.start() - NEAR) : m.end() + NEAR]
            for m in FORBIDDEN.finditer(text)
            if suppliers.search(text, max(0, m.start() - NEAR), m.end() + NEAR)
        ]
    found = []
    for block in HTML_BLOCK_END.split(text):
        block = " ".join(html.unescape(TAG.sub(" ", block)).split())
        if FORBIDDEN.search(ALLOWED.sub("", block)) and suppliers.search(block):
            found.append(block[:300])
    return found


def _crawl(client, urls, *, documents=(), suppliers=None):
    """({url: (status, [snippets of forbidden wording])} for every url that shows some,
    {url: status} for all). The urls in `documents` are read as board documents."""
    client.raise_request_exception = False  # a crash page is read too
    found, statuses = {}, {}
    for url in urls:
        response = client.get(url)
        statuses[url] = response.status_code
        text, kind = _read(response)
        if url in documents and response.status_code == 200:
            leaks = _document_leaks(text, kind, suppliers)
        else:
            leaks = _leaks(text, url)
        if leaks:
            found[url] = (response.status_code, leaks[:3])
    return found, statuses


def _report(found):
    return "\n".join(f"{u} {s}: {leaks}" for u, (s, leaks) in found.items())


@pytest.fixture
def urls(world):
    return _app_urls(world) + _admin_urls(world)


@pytest.mark.parametrize("role", ROLES_WITHOUT)
def test_no_criminal_record_reaches_a_role_that_may_not_see_it(client, world, urls, role):
    if role:
        client.force_login(world["users"][role])
    found, statuses = _crawl(
        client, urls, documents=world["documents"], suppliers=world["suppliers"]
    )
    assert not found, _report(found)
    # Not empty-handed: the role read the pages it may, those that show the checks' traces.
    unread = {url: statuses[url] for url in world["reads"][role] if statuses[url] != 200}
    assert not unread, unread


def test_board_documents_name_no_criminal_record_beside_a_supplier(client, world):
    """The board's documents are public records once delivered: they may count criminal-record
    checks, never name one beside a supplier, whoever reads them (the PDFs and the HTML they
    are made from, drafts included)."""
    client.force_login(world["users"]["strategist"])
    documents = world["documents"]
    found, statuses = _crawl(client, documents, documents=documents, suppliers=world["suppliers"])
    assert not found, _report(found)
    assert set(statuses.values()) == {200}, statuses


def test_the_document_rule_finds_a_check_kind_beside_a_supplier():
    """What issue 13 saw in the yearly report would fail the documents' crawl."""
    suppliers = re.compile(re.escape("Kärrgårdens HVB AB (fiktiv)"))
    row = (
        "<tr><td>Händelsestyrd uppföljning Kärrgårdens HVB AB (fiktiv)</td><td>2024-05-27</td>"
        "<td>Kontroll: Belastningsregister för företrädare</td><td>Uteslutningen hävdes</td></tr>"
    )
    assert _document_leaks(row, "html", suppliers)
    # As pypdf reads that row from the PDF: each line of each cell apart.
    lines = (
        "Händelsestyrd\nuppföljning\nKärrgårdens HVB AB\n(fiktiv)\n2024-05-27\nKontroll:\n"
        "Belastningsregister\nför företrädare\nUteslutningen\nhävdes"
    )
    assert _document_leaks(lines, "pdf", suppliers)
    count = "<tr><td>Kontroll av belastningsregister för företrädare för HVB</td><td>6</td></tr>"
    assert not _document_leaks(count, "html", suppliers)


@pytest.mark.parametrize("role", ROLES_WITH)
def test_strategists_see_the_criminal_record_checks(client, world, role):
    """The positive control: the crawl would find the wording where it is."""
    client.force_login(world["users"][role])
    flagged = world["flagged"]
    for url in (
        reverse("followups:check_list"),
        flagged.get_absolute_url(),
        reverse("followups:check_export") + "?format=xlsx",
        flagged.supplier.get_absolute_url(),
        *(f.get_absolute_url() for f in flagged.triggered_followups.all()),
        *(f.get_absolute_url() for f in flagged.followups.all()),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(_read(response)[0]), url
