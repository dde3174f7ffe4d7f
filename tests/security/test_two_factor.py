"""Two-factor authentication (issue 14): an authenticator app (TOTP) and one-time backup
codes, required for superusers and strategists (TWO_FACTOR_REQUIRED_ROLES), enrolment with a
QR code drawn on the server, recovery by an admin.

These tests log in through the real password page (a POST to LoginView), never through
Client.login/force_login, which tests/conftest.py marks verified by a real device."""

import importlib
import re
import time
from base64 import b32encode
from html import unescape

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tests.factories import SupplierFactory, UserFactory
from uppfoljning.two_factor.models import BackupCode, BackupCodeDevice, code_matches
from uppfoljning.two_factor.policy import check_required_roles, new_backup_codes

pytestmark = pytest.mark.django_db

PASSWORD = "lösenord-123"
VERIFY = reverse("two_factor:verify")
SETUP = reverse("two_factor:setup")
MANAGE = reverse("two_factor:manage")
WRONG = "Koden är fel eller har gått ut."


def password_login(client, username):
    """The first step only: the login page's form, as a person fills it in."""
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password was accepted"
    return response


def code(device, steps=0):
    """What the authenticator app shows now, or `steps` time steps away (-2: a minute ago)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps * device.step
    return str(totp.token()).zfill(device.digits)


def enrolled(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def verify(client, value, kind="app", next_url="/"):
    return client.post(VERIFY, {"code": value, "kind": kind, "next": next_url})


def text(response):
    return unescape(response.content.decode())


def stored_codes(user):
    return BackupCode.objects.filter(device__user=user)


def kept(user, plain_code) -> bool:
    """Whether one of the user's stored hashes is that of `plain_code`."""
    return any(code_matches(plain_code, c.salt, c.code_hash) for c in stored_codes(user))


# --- Who is asked ----------------------------------------------------------------------------


def test_a_strategist_without_a_device_is_sent_from_every_page_to_the_enrolment(client):
    UserFactory(username="strateg", role="strategist")
    password_login(client, "strateg")
    response = client.get(reverse("suppliers:agreement_list"))
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fregister%2Fagreements%2F"
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(SETUP + "?next=")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ställ in tvåstegsverifiering" in text(page)
    # Nor does the API let the password alone in through the session.
    api = client.get("/api/v1/call-off-status", {"org_number": "5566778899"})
    assert api.status_code == 302 and api["Location"].startswith(VERIFY)


def test_a_superuser_must_pass_the_second_factor_for_the_admin(client):
    UserFactory(username="admin", is_superuser=True, is_staff=True)
    password_login(client, "admin")
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_a_coordinator_is_not_asked_for_a_second_factor(client):
    UserFactory(username="samordnare", role="coordinator")
    password_login(client, "samordnare")
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_required_roles_are_a_setting(client, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["strategist", "coordinator"]
    UserFactory(username="samordnare", role="coordinator")
    password_login(client, "samordnare")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_a_misspelt_role_in_the_setting_is_a_system_check_error(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["strategists"]
    errors = check_required_roles()
    assert [e.id for e in errors] == ["uppfoljning.E201"]
    assert "strategists" in errors[0].msg
    settings.TWO_FACTOR_REQUIRED_ROLES = ["strategist", "board_reader"]
    assert check_required_roles() == []


def test_logging_in_and_out_and_the_open_pages_work_before_the_second_factor(client):
    UserFactory(username="strateg", role="strategist")
    password_login(client, "strateg")
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("ping")).content == b"ok"
    assert client.get("/healthz").status_code == 200
    response = client.post(reverse("set_language"), {"language": "en", "next": VERIFY})
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert client.post(reverse("logout")).status_code == 302
    response = client.get(reverse("dashboard"))
    assert response["Location"].startswith(reverse("login"))


def test_the_api_with_a_token_is_not_affected(client):
    strategist = UserFactory(username="strateg", role="strategist")  # no device at all
    SupplierFactory(name="Viborgs Omsorg AB", org_number="556677-8899")
    token = Token.objects.create(user=strategist)
    response = client.get(
        "/api/v1/call-off-status",
        {"org_number": "5566778899"},
        headers={"Authorization": f"Token {token.key}"},
    )
    assert response.status_code == 200
    assert response.json()["supplier"]["org_number"] == "556677-8899"


# --- Enrolment ---------------------------------------------------------------------------------


def test_the_enrolment_shows_a_qr_code_drawn_here_and_the_key_as_text(client):
    strategist = UserFactory(username="strateg", role="strategist")
    password_login(client, "strateg")
    page = client.get(SETUP, {"next": "/"})
    body = page.content.decode()
    device = TOTPDevice.objects.get(user=strategist)
    assert not device.confirmed  # until a first code confirms it
    svg = re.search(r"<svg [^>]*>.*?</svg>", body, re.S)
    assert svg, "an inline SVG QR code"
    assert 'role="img"' in svg.group(0) and "QR-kod med nyckeln" in svg.group(0)
    assert "<path" in svg.group(0)
    # Drawn here: no image is fetched from anywhere, and the key leaves in no URL.
    assert not re.search(r"https?:|<image|xlink:href", svg.group(0))
    assert not re.search(r"<img[^>]+src=\"(https?:)?//", body)
    key = b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'<code class="secret-key">([A-Z2-7 ]+)</code>', body).group(1)
    assert shown.replace(" ", "") == key
    assert "Uppföljning: strateg" in body
    # The strict CSP of issue 14: no inline style or script on the page.
    assert "style=" not in body
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    # Reloading shows the same key, not a new device each time.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=strategist).count() == 1


def test_the_enrolment_is_confirmed_by_a_code_and_shows_ten_backup_codes_once(client):
    strategist = UserFactory(username="strateg", role="strategist")
    password_login(client, "strateg")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=strategist)

    wrong = client.post(SETUP, {"code": "000000" if code(device) != "000000" else "111111"})
    assert "Koden är fel eller har gått ut. Kontrollera att appen visar kontot" in text(wrong)
    device.refresh_from_db()
    assert not device.confirmed
    device.throttling_failure_count = 0  # the wrong code made it wait a second
    device.save()

    response = client.post(SETUP, {"code": code(device), "kind": "app", "next": "/"})
    assert response.status_code == 200
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(shown) == 10 and len(set(shown)) == 10
    assert stored_codes(strategist).count() == 10
    assert all(kept(strategist, c) for c in shown)
    device.refresh_from_db()
    assert device.confirmed
    # Verified in this session: the pages open.
    assert client.get(reverse("dashboard")).status_code == 200
    # Shown once: the user's own page counts them but does not show them.
    own = client.get(MANAGE).content.decode()
    assert "10 oanvända reservkoder" in own
    assert not any(c in own for c in shown)
    # And no second device can be enrolled over the first.
    assert client.get(SETUP)["Location"] == MANAGE


def test_the_enrolment_page_cannot_replace_a_device_before_verification(client):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    password_login(client, "strateg")
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    response = client.post(SETUP, {"code": code(device)})
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=strategist)) == [device]
    assert client.get(reverse("dashboard")).status_code == 302


# --- Verification ----------------------------------------------------------------------------


def test_the_right_code_lets_the_strategist_in_and_back_to_the_page_asked_for(client):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    password_login(client, "strateg")
    wanted = reverse("suppliers:agreement_list")
    assert client.get(wanted)["Location"] == f"{VERIFY}?next=%2Fregister%2Fagreements%2F"
    page = client.get(VERIFY, {"next": wanted})
    body = page.content.decode()
    # The menu is hidden until then; logging out is not.
    assert 'id="main-nav"' not in body and "Avbryt och logga ut" in body
    session_before = client.session.session_key
    response = verify(client, code(device), next_url=wanted)
    assert response.status_code == 302 and response["Location"] == wanted
    assert client.get(wanted).status_code == 200
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != session_before  # a new session key, as at login


def test_a_wrong_code_is_refused_with_a_swedish_message_tied_to_the_field(client):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    password_login(client, "strateg")
    wrong = "123456" if code(device) != "123456" else "654321"
    response = verify(client, wrong)
    assert response.status_code == 200
    body = response.content.decode()
    assert WRONG in unescape(body)
    field = re.search(r'<input type="text" name="code" id="id_code"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_code-error id_code-help"' in field
    assert 'id="id_code-error"' in body
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_code_from_two_steps_ago_is_refused(client):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    password_login(client, "strateg")
    old = code(device, steps=-2)
    assert old != code(device)  # (one chance in a million that they agree)
    response = verify(client, old)
    assert WRONG in text(response)
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_code_is_not_taken_twice(client):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    password_login(client, "strateg")
    used = code(device)
    assert verify(client, used).status_code == 302
    client.post(reverse("logout"))

    password_login(client, "strateg")
    response = verify(client, used)
    assert response.status_code == 200
    assert "Koden har redan använts. Vänta på nästa kod i appen." in text(response)
    assert client.get(reverse("dashboard")).status_code == 302


def test_after_a_wrong_code_even_the_right_one_waits(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # the first wait is a minute instead of a second
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    password_login(client, "strateg")
    right = code(device)
    verify(client, "000000" if right != "000000" else "111111")
    response = verify(client, right)
    assert response.status_code == 200
    assert re.search(r"För många felaktiga koder i rad\. Vänta \d+ sekunder", text(response))
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_backup_code_works_once(client):
    strategist = UserFactory(username="strateg", role="strategist")
    enrolled(strategist)
    codes = new_backup_codes(strategist)
    password_login(client, "strateg")
    response = verify(client, codes[3].upper(), kind="backup")  # as typed from a printout
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Du loggade in med en reservkod. 9 reservkoder återstår." in text(page)
    client.post(reverse("logout"))

    password_login(client, "strateg")
    response = verify(client, codes[3], kind="backup")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Reservkoden är fel eller har redan använts." in unescape(body)
    field = re.search(r'<input type="text" name="code" id="id_backup_code"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in field
    assert client.get(reverse("dashboard")).status_code == 302
    assert stored_codes(strategist).count() == 9
    assert not kept(strategist, codes[3])


def test_the_code_fields_are_labelled_for_one_time_codes(client):
    enrolled(UserFactory(username="strateg", role="strategist"))
    password_login(client, "strateg")
    body = client.get(VERIFY).content.decode()
    app = re.search(r'<input type="text" name="code" id="id_code"[^>]*>', body).group(0)
    assert 'inputmode="numeric"' in app and 'autocomplete="one-time-code"' in app
    assert '<label class="form-label" for="id_code">Kod från appen</label>' in body
    assert '<label class="form-label" for="id_backup_code">Reservkod</label>' in body


def test_a_next_address_on_another_site_is_not_followed(client):
    device = enrolled(UserFactory(username="strateg", role="strategist"))
    password_login(client, "strateg")
    response = verify(client, code(device), next_url="https://evil.example/")
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


# --- Backup codes kept only as hashes (OWASP ASVS 2.6.2) ----------------------------------


def database_text() -> str:
    """Every value of every row of every table of the apps, as one lower-case text."""
    return "\n".join(
        str(value).lower()
        for model in apps.get_models()
        for row in model._default_manager.values_list()
        for value in row
    )


def test_no_row_in_the_database_holds_a_backup_code(client):
    strategist = UserFactory(username="strateg", role="strategist")
    password_login(client, "strateg")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=strategist)
    response = client.post(SETUP, {"code": code(device), "kind": "app", "next": "/"})
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(shown) == 10
    everything = database_text()
    assert "strateg" in everything  # the scan reads the rows (the user's own among them)
    assert not [c for c in shown if c in everything]
    hashes = stored_codes(strategist).values_list("code_hash", "salt")
    assert len({h for h, _ in hashes}) == 10 and len({s for _, s in hashes}) == 10
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h, _ in hashes)


def test_a_wrong_backup_code_is_refused_and_uses_up_none(client):
    strategist = UserFactory(username="strateg", role="strategist")
    enrolled(strategist)
    new_backup_codes(strategist)
    password_login(client, "strateg")
    response = verify(client, "1111-1111", kind="backup")  # 1 is no letter of the codes
    assert response.status_code == 200
    assert "Reservkoden är fel eller har redan använts." in text(response)
    assert client.get(reverse("dashboard")).status_code == 302
    assert stored_codes(strategist).count() == 10


def test_each_backup_code_used_lowers_the_count_on_the_users_own_page(client):
    strategist = UserFactory(username="strateg", role="strategist")
    enrolled(strategist)
    codes = new_backup_codes(strategist)
    for used, left in ((codes[0], 9), (codes[7], 8)):
        password_login(client, "strateg")
        grouped = f"{used[:4]}-{used[4:]}"  # as a printout may group it
        assert verify(client, grouped, kind="backup").status_code == 302
        assert f"Du har {left} oanvända reservkoder." in text(client.get(MANAGE))
        client.post(reverse("logout"))


def test_the_backup_codes_outlive_a_new_secret_key_while_the_old_one_is_a_fallback(settings):
    strategist = UserFactory(username="strateg", role="strategist")
    codes = new_backup_codes(strategist)
    device = BackupCodeDevice.objects.get(user=strategist)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "another key, " + old_key
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert device.verify_token(codes[0])
    settings.SECRET_KEY_FALLBACKS = []
    assert not device.verify_token(codes[1])
    assert stored_codes(strategist).count() == 9


def test_the_migration_hashes_the_plain_codes_that_otp_static_kept(client):
    strategist = UserFactory(username="strateg", role="strategist")
    enrolled(strategist)
    static = StaticDevice.objects.create(user=strategist, name="backup", confirmed=True)
    plain = ["abcd2345", "wxyz6723", "mnop4567"]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=t) for t in plain)
    StaticDevice.objects.create(user=UserFactory(username="annan"), name="backup")  # no codes
    migration = importlib.import_module("uppfoljning.two_factor.migrations.0002_hash_static_codes")

    migration.hash_static_codes(apps, None)

    assert not StaticDevice.objects.exists() and not StaticToken.objects.exists()
    device = BackupCodeDevice.objects.get(user=strategist)
    assert (device.name, device.confirmed, device.created_at) == ("backup", True, static.created_at)
    assert BackupCodeDevice.objects.get(user__username="annan").codes.count() == 0
    assert stored_codes(strategist).count() == 3
    assert not [c for c in plain if c in database_text()]
    # The user still has the codes: one of them lets in, once.
    password_login(client, "strateg")
    response = verify(client, "MNOP 4567", kind="backup")
    assert response.status_code == 302
    assert "Du loggade in med en reservkod. 2 reservkoder återstår." in text(
        client.get(response["Location"])
    )
    assert not kept(strategist, "mnop4567") and kept(strategist, "abcd2345")


# --- Voluntary enrolment -------------------------------------------------------------------


def test_a_coordinator_may_enrol_and_is_then_asked_at_every_login(client):
    coordinator = UserFactory(username="samordnare", role="coordinator")
    password_login(client, "samordnare")
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert f'href="{MANAGE}"' in dashboard and "Tvåstegsverifiering" in dashboard
    assert "Tvåstegsverifiering är avstängd." in text(client.get(MANAGE))
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=coordinator)
    assert client.post(SETUP, {"code": code(device), "next": MANAGE}).status_code == 200
    client.post(reverse("logout"))

    password_login(client, "samordnare")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    # Not the same code twice: the one a step ahead, which the server still takes.
    assert verify(client, code(device, steps=1)).status_code == 302
    # Turning it off is the coordinator's own choice.
    client.post(MANAGE, {"action": "turn_off"})
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not BackupCodeDevice.objects.filter(user=coordinator).exists()
    client.post(reverse("logout"))
    password_login(client, "samordnare")
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_strategist_cannot_turn_it_off_but_can_make_new_backup_codes(client):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    old = new_backup_codes(strategist)
    password_login(client, "strateg")
    verify(client, code(device))
    assert "Din roll kräver tvåstegsverifiering" in text(client.get(MANAGE))
    client.post(MANAGE, {"action": "turn_off"})
    assert TOTPDevice.objects.filter(user=strategist).exists()
    response = client.post(MANAGE, {"action": "new_codes"})
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10
    assert stored_codes(strategist).count() == 10
    assert all(kept(strategist, c) for c in new)
    assert not any(kept(strategist, c) for c in old)


# --- Recovery by an admin ------------------------------------------------------------------


def test_an_admin_resets_a_users_second_factor_who_then_enrols_again(client, django_user_model):
    strategist = UserFactory(username="strateg", role="strategist")
    device = enrolled(strategist)
    new_backup_codes(strategist)
    password_login(client, "strateg")
    verify(client, code(device))
    assert client.get(reverse("dashboard")).status_code == 200

    from django.test import Client

    admin_client = Client()
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    admin_client.force_login(admin_user)  # verified by a device of its own (tests/conftest.py)
    changelist = reverse("admin:auth_user_changelist")
    assert "Återställ tvåstegsverifiering" in text(admin_client.get(changelist))
    response = admin_client.post(
        changelist,
        {"action": "reset_two_factor", "_selected_action": [strategist.pk]},
        follow=True,
    )
    assert (
        "Tvåstegsverifieringen återställdes för: strateg. De ställer in den på nytt vid nästa "
        "inloggning." in text(response)
    )
    assert not TOTPDevice.objects.filter(user=strategist).exists()
    assert not BackupCodeDevice.objects.filter(user=strategist).exists()
    assert TOTPDevice.objects.filter(user=admin_user).exists()  # only the one chosen
    entry = LogEntry.objects.get(object_id=str(strategist.pk))
    assert entry.user == admin_user
    assert entry.get_change_message() == "Tvåstegsverifieringen återställd (2 enheter borttagna)."

    # The strategist's session verified by the deleted device is verified no longer.
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert client.get(response["Location"])["Location"].startswith(SETUP)


def test_only_superusers_have_the_reset_action(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(username="personal", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(staff)
    page = text(client.get(reverse("admin:auth_user_changelist")))
    assert "Återställ tvåstegsverifiering" not in page
    victim = enrolled(UserFactory(username="strateg", role="strategist"))
    client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [victim.user_id]},
    )
    assert TOTPDevice.objects.filter(pk=victim.pk).exists()


# --- The test suite's own login ------------------------------------------------------------


def test_the_suites_force_login_verifies_a_strategist_with_a_real_device(client):
    strategist = UserFactory(username="strateg", role="strategist")
    client.force_login(strategist)
    device = TOTPDevice.objects.get(user=strategist, confirmed=True)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("dashboard")).status_code == 200
    # Delete the device and the same session is sent to the verification, as in production.
    device.delete()
    assert client.get(reverse("dashboard"))["Location"].startswith(VERIFY)
    # Users whom no role asks get no device.
    coordinator = UserFactory(username="samordnare", role="coordinator")
    client.force_login(coordinator)
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert get_user_model().objects.count() == 2
