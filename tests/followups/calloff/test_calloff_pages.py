"""The coordinator's pages: search, status, call-off order, logging and the log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from suppliers.models import ImmutableError, PlacementCheck
from tests.factories import (
    AgreementFactory,
    ExclusionFactory,
    SupplierFactory,
    UnitFactory,
    UserFactory,
)
from tests.followups.calloff.calloff_helpers import make_check, usable_contract
from tests.followups.calloff.test_call_off_status import FOLLOWUP_PROVIDER_QUERIES

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def fresh_contract(**kwargs):
    contract, unit = usable_contract(**kwargs)
    make_check(contract.supplier, unit=unit, on=TODAY - datetime.timedelta(days=3))
    return contract, unit


@pytest.fixture
def viborg():
    supplier = SupplierFactory(name="Viborgs Omsorg AB", org_number="556677-8899")
    agreement = AgreementFactory(
        name="HVB barn och unga", option_end_date=TODAY + datetime.timedelta(days=365)
    )
    contract, unit = fresh_contract(supplier=supplier, agreement=agreement, rank=2)
    unit.name = "Vibor Gläntan unga vuxna"
    unit.save()
    return contract, unit


# --- search ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["vibor", "VIBORGS", "Omsorg", "5566778899", "556677-8899"])
def test_search_finds_supplier_by_name_part_or_org_number(client, coordinator, viborg, query):
    client.force_login(coordinator)
    response = client.get(reverse("calloff:search"), {"q": query}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Viborgs Omsorg AB" in response.content.decode()
    assert "<html" not in response.content.decode()  # htmx gets only the results part


def test_search_finds_units_and_links_to_their_status(client, coordinator, viborg):
    _contract, unit = viborg
    client.force_login(coordinator)
    body = client.get(reverse("calloff:search"), {"q": "gläntan"}).content.decode()
    assert reverse("calloff:unit_status", args=[unit.pk]) in body
    assert 'aria-live="polite"' in body
    assert "1 träff för" in body
    body = client.get(reverse("calloff:search"), {"q": "vibor"}).content.decode()
    assert "2 träffar för" in body
    assert '<label for="calloff-q"' in body


def test_search_with_one_character_or_no_match_says_so(client, coordinator, viborg):
    client.force_login(coordinator)
    body = client.get(reverse("calloff:search"), {"q": "v"}).content.decode()
    assert "Viborgs Omsorg AB" not in body
    body = client.get(reverse("calloff:search"), {"q": "zzzz"}).content.decode()
    assert "0 träffar" in body


# --- status page -----------------------------------------------------------------------


def test_unit_status_page_shows_light_reasons_checks_exclusions_and_rank(
    client, coordinator, viborg
):
    contract, unit = viborg
    ExclusionFactory(
        supplier=contract.supplier,
        contract=contract,
        start_date=TODAY,
        review_date=TODAY + datetime.timedelta(days=30),
        decision_reference="SCN-2024-04711",
    )
    client.force_login(coordinator)
    response = client.get(reverse("calloff:unit_status", args=[unit.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "light-blocked" in body and "Spärrad" in body
    assert "Tillfälligt utesluten från avrop inom detta ramavtal" in body
    assert "SCN-2024-04711" in body
    assert (TODAY + datetime.timedelta(days=30)).isoformat() in body
    assert "IVO-tillstånd" in body or "IVO" in body
    assert "3 dagar" in body
    assert "Rangordning i avropsordningen" in body or ">2<" in body


def test_status_page_for_another_date(client, coordinator, viborg):
    _contract, unit = viborg
    client.force_login(coordinator)
    response = client.get(reverse("calloff:unit_status", args=[unit.pk]), {"date": "2020-01-01"})
    assert response.status_code == 200
    assert "Avtalsperioden har inte börjat" in response.content.decode()


@pytest.mark.parametrize("bad", ["2024-13-01", "igår", "20240101"])
def test_status_page_with_bad_date_gives_swedish_message_not_500(client, coordinator, viborg, bad):
    _contract, unit = viborg
    client.force_login(coordinator)
    response = client.get(reverse("calloff:unit_status", args=[unit.pk]), {"date": bad})
    assert response.status_code == 400
    assert "Ange datumet som ÅÅÅÅ-MM-DD" in response.content.decode()


def test_status_page_with_unknown_agreement_gives_swedish_message(client, coordinator, viborg):
    _contract, unit = viborg
    client.force_login(coordinator)
    response = client.get(
        reverse("calloff:unit_status", args=[unit.pk]), {"agreement": "SCN-0000-nope"}
    )
    assert response.status_code == 400
    assert "Det finns inget ramavtal SCN-0000-nope" in response.content.decode()


def test_status_page_of_unknown_supplier_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("calloff:supplier_status", args=[999999])).status_code == 404


# session, user, permissions and groups, unit+supplier, the status (6 + the follow-up
# app's reason provider).
STATUS_PAGE_QUERIES = 12 + FOLLOWUP_PROVIDER_QUERIES


def test_status_page_queries_do_not_grow_with_data(client, coordinator, viborg):
    contract, unit = viborg
    client.force_login(coordinator)
    url = reverse("calloff:unit_status", args=[unit.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for i in range(10):
        make_check(contract.supplier, unit=unit, on=TODAY - datetime.timedelta(days=10 + i))
        ExclusionFactory(supplier=contract.supplier, contract=contract, start_date=TODAY)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small) == STATUS_PAGE_QUERIES, [q["sql"] for q in large]


def test_print_styles_hide_navigation_and_forms(client, coordinator, viborg):
    _contract, unit = viborg
    client.force_login(coordinator)
    body = client.get(reverse("calloff:unit_status", args=[unit.pk])).content.decode()
    assert 'class="no-print' in body
    with open("static/css/app.css", encoding="utf-8") as f:
        css = f.read()
    assert "@media print" in css and "print-color-adjust" in css


def test_agreements_in_force_come_first_and_the_others_are_folded(client, coordinator):
    # "Avtal A" has ended and sorts first by name; its card must not come first, or a
    # keyboard user tabs into its log form before the one for the agreement that applies.
    supplier = SupplierFactory(name="Ekbackens Omsorg AB")
    ended = AgreementFactory(
        name="Avtal A (utgånget)",
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2020, 12, 31),
        option_end_date=None,
    )
    live = AgreementFactory(name="Avtal B", option_end_date=TODAY + datetime.timedelta(days=365))
    fresh_contract(supplier=supplier, agreement=ended)
    fresh_contract(supplier=supplier, agreement=live)
    client.force_login(coordinator)
    body = client.get(reverse("calloff:supplier_status", args=[supplier.pk])).content.decode()
    folded = body.index("<details")
    assert (
        body.index(f'id="agreement-{live.pk}"') < folded < body.index(f'id="agreement-{ended.pk}"')
    )
    assert f"Avtal som inte gäller {TODAY.isoformat()} (1)</summary>" in body
    first_form = body[body.index('class="no-print border-top pt-3 mt-3 log-form"') :]
    assert f'name="a{live.pk}-agreement" value="{live.pk}"' in first_form[:3000]


def test_with_no_agreement_in_force_nothing_is_folded_away(client, coordinator):
    supplier = SupplierFactory()
    ended = AgreementFactory(
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2020, 12, 31),
        option_end_date=None,
    )
    fresh_contract(supplier=supplier, agreement=ended)
    client.force_login(coordinator)
    body = client.get(reverse("calloff:supplier_status", args=[supplier.pk])).content.decode()
    assert "<details" not in body
    assert f"Inget av avtalen gäller {TODAY.isoformat()}." in body
    assert f'id="agreement-{ended.pk}"' in body


def test_a_passed_review_date_is_said_to_be_overdue(client, coordinator, viborg):
    contract, unit = viborg
    review = TODAY - datetime.timedelta(days=5)
    ExclusionFactory(
        supplier=contract.supplier,
        contract=contract,
        start_date=TODAY - datetime.timedelta(days=60),
        review_date=review,
    )
    client.force_login(coordinator)
    url = reverse("calloff:unit_status", args=[unit.pk])
    body = client.get(url).content.decode()
    assert (
        f"Omprövningen är försenad: omprövningsdatumet {review.isoformat()} har passerat." in body
    )
    assert f'{review.isoformat()} <span class="badge text-bg-danger">försenad</span>' in body
    # On the review date itself the review is due, not overdue.
    body = client.get(url, {"date": review.isoformat()}).content.decode()
    assert f"Omprövas {review.isoformat()}." in body
    assert "försenad" not in body


def test_a_reason_gives_its_date_once(client, coordinator, viborg):
    contract, unit = viborg
    ended_on = TODAY - datetime.timedelta(days=20)
    contract.status = "terminated"
    contract.ended_on = ended_on
    contract.end_reason = "breach"
    contract.save()
    client.force_login(coordinator)
    body = client.get(reverse("calloff:unit_status", args=[unit.pk])).content.decode()
    reasons = body[
        body.index('class="reason-list"') : body.index("</ul>", body.index("reason-list"))
    ]
    assert f"sedan {ended_on.isoformat()}" in reasons
    assert reasons.count(ended_on.isoformat()) == 1


# --- call-off order --------------------------------------------------------------------


def test_call_off_order_lists_suppliers_by_rank_with_lights(client, coordinator, viborg):
    contract, _unit = viborg
    first, _ = fresh_contract(agreement=contract.agreement, rank=1)
    ExclusionFactory(supplier=first.supplier, contract=first, start_date=TODAY)
    client.force_login(coordinator)
    body = client.get(reverse("calloff:order", args=[contract.agreement.pk])).content.decode()
    assert body.index(first.supplier.name) < body.index("Viborgs Omsorg AB")
    assert "light-blocked" in body and "light-clear" in body


# --- roles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "search", "status", "order", "log"),
    [
        ("strategist", 200, 200, 200, 200),
        ("coordinator", 200, 200, 200, 200),
        ("caseworker", 200, 200, 403, 403),
        ("board_reader", 403, 403, 403, 403),
        ("superuser", 200, 200, 200, 200),
    ],
)
def test_who_may_open_the_call_off_pages(
    client, user_with_role, viborg, role, search, status, order, log
):
    contract, unit = viborg
    client.force_login(user_with_role(role))
    assert client.get(reverse("calloff:search")).status_code == search
    assert client.get(reverse("calloff:unit_status", args=[unit.pk])).status_code == status
    assert client.get(reverse("calloff:order", args=[contract.agreement.pk])).status_code == order
    assert client.get(reverse("calloff:log_list")).status_code == log


def test_anonymous_is_sent_to_login(client, viborg):
    response = client.get(reverse("calloff:search"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_caseworker_sees_status_but_no_log_form(client, caseworker, viborg):
    _contract, unit = viborg
    client.force_login(caseworker)
    body = client.get(reverse("calloff:unit_status", args=[unit.pk])).content.decode()
    assert "Logga kontrollen" not in body


def test_navigation_shows_call_off_entries_to_coordinators_only(client, coordinator, board_reader):
    client.force_login(coordinator)
    body = client.get(reverse("dashboard")).content.decode()
    assert reverse("calloff:search") in body and reverse("calloff:log_list") in body
    client.force_login(board_reader)
    body = client.get(reverse("dashboard")).content.decode()
    assert reverse("calloff:search") not in body


# --- logging ---------------------------------------------------------------------------


def log_post(client, contract, unit, level, **extra):
    prefix = f"a{contract.agreement.pk}"
    data = {
        "prefix": prefix,
        f"{prefix}-agreement": contract.agreement.pk,
        f"{prefix}-supplier": contract.supplier.pk,
        f"{prefix}-unit": unit.pk if unit else "",
        f"{prefix}-shown_level": level,
        f"{prefix}-status_date": TODAY.isoformat(),
        f"{prefix}-placement_support_consulted": "on",
        f"{prefix}-placement_support_reading": "permit_ok",
        f"{prefix}-placement_support_note": "Inga tillsynsärenden",
        "next": reverse("calloff:unit_status", args=[unit.pk]),
    }
    if "next" in extra:
        data["next"] = extra.pop("next")
    data.update({f"{prefix}-{k}": v for k, v in extra.items()})
    return client.post(reverse("calloff:log_add"), data)


def test_coordinator_logs_a_check_with_a_frozen_snapshot(client, coordinator, viborg):
    contract, unit = viborg
    client.force_login(coordinator)
    page = client.get(reverse("calloff:unit_status", args=[unit.pk])).content.decode()
    assert "Skriv inget om klienten" in page
    response = log_post(client, contract, unit, "clear")
    check = PlacementCheck.objects.get()
    assert response.status_code == 302 and response["Location"] == check.get_absolute_url()
    assert check.performed_by == coordinator
    assert (check.supplier, check.unit, check.agreement) == (
        contract.supplier,
        unit,
        contract.agreement,
    )
    assert check.level == "clear" and check.placement_support_reading == "permit_ok"
    assert check.snapshot["unit"]["name"] == "Vibor Gläntan unga vuxna"
    # The snapshot stays as shown, whatever happens later.
    ExclusionFactory(supplier=contract.supplier, contract=contract, start_date=TODAY)
    check.refresh_from_db()
    assert check.snapshot["level"] == "clear"
    body = client.get(check.get_absolute_url()).content.decode()
    assert "Vibor Gläntan unga vuxna" in body and "Klar" in body


def test_logging_refuses_when_the_status_changed_since_it_was_shown(client, coordinator, viborg):
    contract, unit = viborg
    ExclusionFactory(supplier=contract.supplier, contract=contract, start_date=TODAY)
    client.force_login(coordinator)
    response = log_post(client, contract, unit, "clear")
    assert not PlacementCheck.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Statusen har ändrats" in page


def test_logging_requires_placement_support_where_ivo_permit_is_required(
    client, coordinator, viborg
):
    contract, unit = viborg
    client.force_login(coordinator)
    log_post(client, contract, unit, "clear", placement_support_consulted="")
    assert not PlacementCheck.objects.exists()


def test_caseworker_cannot_log(client, caseworker, viborg):
    contract, unit = viborg
    client.force_login(caseworker)
    assert log_post(client, contract, unit, "clear").status_code == 403
    assert not PlacementCheck.objects.exists()


def test_log_cannot_be_edited_or_deleted(coordinator, viborg):
    from followups.calloff import services

    contract, unit = viborg
    check = services.placement_check_log(
        user=coordinator,
        agreement=contract.agreement,
        unit=unit,
        placement_support_consulted=True,
        placement_support_reading="permit_ok",
    )
    check.level = "blocked"
    with pytest.raises(ImmutableError):
        check.save()
    with pytest.raises(ImmutableError):
        check.delete()
    with pytest.raises(ImmutableError):
        PlacementCheck.objects.filter(pk=check.pk).update(level="blocked")
    with pytest.raises(ImmutableError):
        PlacementCheck.objects.all().delete()
    assert PlacementCheck.objects.get().level == "clear"


def test_admin_offers_no_change_or_delete(client, viborg):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    admin = site._registry[PlacementCheck]
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    request = RequestFactory().get("/")
    request.user = superuser
    assert not admin.has_change_permission(request)
    assert not admin.has_delete_permission(request)
    assert not admin.has_add_permission(request)


def test_no_edit_or_delete_urls_exist():
    from django.urls import NoReverseMatch

    for name in ("calloff:log_edit", "calloff:log_delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])


def test_strategist_lists_and_filters_all_logged_checks(client, strategist, coordinator, viborg):
    from followups.calloff import services

    contract, unit = viborg
    other, other_unit = fresh_contract()
    other_user = UserFactory(username="samordnare2", role="coordinator")
    for user, agreement, u in [
        (coordinator, contract.agreement, unit),
        (other_user, other.agreement, other_unit),
    ]:
        services.placement_check_log(
            user=user,
            agreement=agreement,
            unit=u,
            placement_support_consulted=True,
            placement_support_reading="permit_ok",
        )
    client.force_login(strategist)
    url = reverse("calloff:log_list")
    assert client.get(url).context["paginator"].count == 2
    assert client.get(url, {"agreement": other.agreement.pk}).context["paginator"].count == 1
    assert client.get(url, {"performed_by": coordinator.pk}).context["paginator"].count == 1
    assert client.get(url, {"supplier": contract.supplier.pk}).context["paginator"].count == 1
    assert client.get(url, {"level": "blocked"}).context["paginator"].count == 0
    assert client.get(url, {"date_from": TODAY.isoformat()}).context["paginator"].count == 2
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    assert client.get(url, {"date_from": tomorrow}).context["paginator"].count == 0
    # A coordinator sees only their own.
    client.force_login(coordinator)
    assert client.get(url).context["paginator"].count == 1
    theirs = PlacementCheck.objects.get(performed_by=other_user)
    assert client.get(theirs.get_absolute_url()).status_code == 404


def test_unit_of_another_supplier_cannot_be_logged(client, coordinator, viborg):
    contract, _unit = viborg
    stranger = UnitFactory()
    client.force_login(coordinator)
    log_post(client, contract, stranger, "clear")
    assert not PlacementCheck.objects.exists()


def test_trigram_indexes_exist_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL only; SQLite searches with a scan")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm_idx"])
        names = {row[0] for row in cursor.fetchall()}
    assert {"supplier_name_trgm_idx", "supplier_orgnr_trgm_idx", "unit_name_trgm_idx"} <= names


def test_register_pages_link_to_the_status_page(client, coordinator, viborg):
    contract, unit = viborg
    client.force_login(coordinator)
    body = client.get(reverse("suppliers:unit_detail", args=[unit.pk])).content.decode()
    assert reverse("calloff:unit_status", args=[unit.pk]) in body
    body = client.get(
        reverse("suppliers:supplier_detail", args=[contract.supplier.pk])
    ).content.decode()
    assert reverse("calloff:supplier_status", args=[contract.supplier.pk]) in body


def test_htmx_answer_updates_the_live_region_out_of_band(client, coordinator, viborg):
    client.force_login(coordinator)
    body = client.get(
        reverse("calloff:search"), {"q": "vibor"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'id="search-status" hx-swap-oob="innerHTML"' in body
    assert "2 träffar för" in body


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_log_form_never_redirects_off_site(client, coordinator, viborg, target):
    contract, unit = viborg
    ExclusionFactory(supplier=contract.supplier, contract=contract, start_date=TODAY)
    client.force_login(coordinator)
    response = log_post(client, contract, unit, "clear", next=target)
    assert response["Location"] == reverse("calloff:search")
