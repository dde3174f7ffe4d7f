"""In the demo, a strategist opens the risk ranking, has the 2025 plan proposed, swaps one
agreement, accepts the plan and downloads the board's plan PDF (issue: the yearly plan)."""

import datetime
import hashlib
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from followups.models import FollowUp, FollowUpPlan
from reports.models import Report
from tests.reports.helpers import pdf_text
from uppfoljning.core.roles import ROLE_PERMISSIONS
from uppfoljning.demo.loader import load_demo

pytestmark = pytest.mark.pdf  # downloads the finalised plan PDF

PASSWORD = "uppfoljning-demo"
NEW_HVB = "HVB barn och unga, nytt avtal 2025 (fiktivt)"
KONSULENT = "Konsulentstödd familjehemsvård och behandlingsfamilj"


def test_strategist_plans_2025_by_risk_and_downloads_the_plan_pdf(page, login, follow_menu):
    for role in ROLE_PERMISSIONS:  # an earlier browser test's flush may have emptied them
        Group.objects.get_or_create(name=role)
    load_demo(today=datetime.date(2026, 11, 23))
    login("strateg", PASSWORD)

    follow_menu("Planering", "Planering")
    expect(page.get_by_role("heading", name="Uppföljningsplaner")).to_be_visible()
    expect(page.get_by_role("link", name="Uppföljningsplan 2024")).to_be_visible()
    page.get_by_role("link", name="Riskanalys").click()
    expect(page.get_by_role("heading", name="Riskanalys")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Stödboende för ungdomar")

    page.get_by_role("link", name="Uppföljningsplaner").click()
    page.get_by_role("link", name="Föreslå en plan").click()
    page.get_by_role("spinbutton", name=re.compile(r"^År")).fill("2025")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name="Uppföljningsplan 2025")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Förslaget har skapats")

    def box(name):
        return page.get_by_label(f"Särskild uppföljning 2025: {name}", exact=True)

    # The proposal: Skyddat boende by the rule (its period ends 2025-05-16), and two by
    # risk: the new HVB agreement, which carries its predecessor's history, and Stödboende.
    expect(box("Skyddat boende")).to_be_checked()
    expect(box("Stödboende för ungdomar")).to_be_checked()
    expect(box(NEW_HVB)).to_be_checked()
    expect(box(KONSULENT)).not_to_be_checked()
    # HVB för vuxna ended 2024-03-31 without a special follow-up: shown in red, in words.
    expect(page.get_by_role("alert")).to_contain_text(
        "Avtalsperioden slutade 2024-03-31 utan särskild uppföljning."
    )

    # The strategist swaps Stödboende för ungdomar (followed up 2024) for Konsulentstöd,
    # whose period ends in November.
    box("Stödboende för ungdomar").uncheck()
    box(KONSULENT).check()
    page.get_by_role("button", name="Spara urvalet").click()
    expect(page.get_by_role("status").first).to_contain_text("Urvalet har sparats.")
    expect(box(KONSULENT)).to_be_checked()
    expect(box("Stödboende för ungdomar")).not_to_be_checked()
    this_year = page.get_by_role("region", name="De särskilda uppföljningarna 2025")
    expect(this_year.get_by_role("row", name=KONSULENT)).to_contain_text("Vald av strategen")
    expect(this_year.get_by_role("row", name=NEW_HVB)).to_contain_text(
        "inklusive föregående avtal HVB barn och unga"
    )

    page.get_by_role("button", name="Godkänn planen").click()
    expect(page.get_by_role("status").first).to_contain_text("Planen är godkänd")
    plan = FollowUpPlan.objects.get(year=2025)
    assert sorted(
        FollowUp.objects.filter(planned_in__plan=plan).values_list("agreement__name", flat=True)
    ) == [NEW_HVB, KONSULENT, "Skyddat boende"]

    page.get_by_label("Diarienummer").fill("SCN-2025-00098")
    page.get_by_role("button", name="Skapa plandokument").click()
    expect(
        page.get_by_role("heading", name="Plan för uppföljning av privata utförare 2025")
    ).to_be_visible()
    page.set_default_timeout(60_000)
    page.get_by_role("button", name="Skapa PDF").click()
    expect(page.get_by_role("button", name="Fastställ")).to_be_visible(timeout=180_000)
    page.get_by_role("button", name="Fastställ").click()
    expect(page.get_by_role("status").first).to_contain_text("Rapporten är fastställd")
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner fastställd PDF").click()
    content = Path(info.value.path()).read_bytes()

    report = Report.objects.get(kind="plan")
    assert hashlib.sha256(content).hexdigest() == report.final_file.sha256
    text = pdf_text(content)
    # The cover memo as in 001_…
    assert "Socialnämnden beslutar 1. att anta nämndens plan för kontroll och uppföljning" in text
    for heading in (
        "Förslag till beslut",
        "Ärendet",
        "Beredning",
        "Föredragning",
        "Barnkonsekvensanalys",
        "Ekonomiska konsekvenser",
        "Beslutsunderlag",
    ):
        assert heading in text
    assert (
        "Förvaltningen föreslår att den särskilda uppföljningen 2025 genomförs inom ramavtalen "
        f"{NEW_HVB}, {KONSULENT} och Skyddat boende."
    ) in text
    # 001_…'s table: agreement, period with option, a column per year with its marks.
    assert (
        "Ramavtal Avtalsperiod (inklusive option) Särskild uppföljning 2024 Särskild "
        "uppföljning 2025 Särskild uppföljning 2026"
    ) in text
    assert "Skyddat boende 2021-05-17 - 2025-05-16 X " in text
    assert "Stödboende för ungdomar 2022-11-01 - 2026-10-31 X " in text
    assert "Insatser för personer med spelmissbruk och spelberoende 2023-03-01 - 2027-02-28 X " in (
        text
    )
    assert f"{KONSULENT} 2021-11-10 - 2025-11-09 X " in text
    assert f"{NEW_HVB} 2025-03-01 - 2029-02-28 X " in text
    # A row without a special follow-up in the three years has no mark.
    assert "Skyddat boende, nytt avtal 2025 (fiktivt) 2025-05-17 - 2029-05-16 Konsulent" in text
    # HVB för vuxna ended without one, in red and in words.
    assert "HVB för vuxna missbrukare Avtalsperioden slutade 2024-03-31 utan särskild" in text
