"""Users change their own password and reset a forgotten one by e-mail (issue 14: no user
could change or reset their own password)."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from uppfoljning.audit import Action
from uppfoljning.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

OLD = "Gammalt-losen-2024"
NEW = "Nytt-och-langre-2025"


@pytest.fixture
def user(db):
    user = UserFactory(username="samordnare", role="coordinator", email="samordnare@kommun.example")
    user.set_password(OLD)
    user.save()
    return user


def _get(client, url, **kwargs):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="sv", **kwargs)


def _post(client, url, data, **kwargs):
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="sv", **kwargs)


def _logs_in(client, password):
    client.logout()
    response = _post(client, reverse("login"), {"username": "samordnare", "password": password})
    return response.status_code == 302


def test_the_user_menu_leads_to_the_change_page(client, user):
    client.force_login(user)
    page = _get(client, reverse("dashboard")).content.decode()
    assert f'href="{reverse("password_change")}"' in page
    assert "Byt lösenord" in page


def test_the_change_page_asks_for_the_old_password_and_fits_password_managers(client, user):
    client.force_login(user)
    page = _get(client, reverse("password_change")).content.decode()
    assert re.search(r'<label\s+for="id_old_password"', page)
    assert re.search(r'name="old_password" autocomplete="current-password"', page)
    assert re.search(r'name="new_password1" autocomplete="new-password"', page)
    assert re.search(r'name="new_password2" autocomplete="new-password"', page)
    assert "<script>" not in page and "style=" not in page


def test_a_wrong_old_password_is_refused(client, user):
    client.force_login(user)
    response = _post(
        client,
        reverse("password_change"),
        {"old_password": "inte-det-gamla-1", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ditt gamla lösenord var felaktigt ifyllt" in page
    # The error is tied to its field for a screen reader.
    assert 'aria-describedby="id_old_password_error"' in page
    assert _logs_in(client, OLD) and not _logs_in(client, NEW)


def test_a_too_short_password_is_refused_in_swedish(client, user):
    client.force_login(user)
    response = _post(
        client,
        reverse("password_change"),
        {"old_password": OLD, "new_password1": "Kort-losen1", "new_password2": "Kort-losen1"},
    )
    assert response.status_code == 200
    assert "minst 12 tecken" in response.content.decode()
    assert _logs_in(client, OLD)


def test_a_changed_password_logs_in_and_the_old_one_no_longer(client, user):
    client.force_login(user)
    response = _post(
        client,
        reverse("password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == reverse("password_change_done")
    # Still logged in after the change.
    assert "Ditt lösenord är bytt" in _get(client, response["Location"]).content.decode()
    assert not _logs_in(client, OLD)
    assert _logs_in(client, NEW)


def test_the_login_page_links_to_the_reset(client):
    page = _get(client, reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Glömt lösenordet?" in page


def _ask_for_reset(client, address):
    return _post(client, reverse("password_reset"), {"email": address})


def test_a_reset_sends_a_swedish_mail_whose_link_works_once(client, user):
    response = _ask_for_reset(client, "samordnare@kommun.example")
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["samordnare@kommun.example"]
    assert message.subject == "Nytt lösenord till Uppföljning"
    assert "kontot samordnare" in message.body
    assert "Länken fungerar en gång, inom 60 minuter." in message.body
    link = re.search(r"https?://testserver(/password/reset/\S+/)", message.body).group(1)

    # The link leads to the form (Django moves the token into the session first).
    form_page = _get(client, link, follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    assert 'autocomplete="new-password"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = _post(client, set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("password_reset_complete")
    assert _logs_in(client, NEW)

    # Used once, the link works no more.
    client.logout()
    again = _get(client, link, follow=True).content.decode()
    assert "Länken fungerar inte" in again
    assert 'name="new_password1"' not in again


def test_a_short_password_is_refused_on_the_reset_form(client, user):
    _ask_for_reset(client, "samordnare@kommun.example")
    link = re.search(r"https?://testserver(/password/reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = _get(client, link, follow=True).redirect_chain[-1][0]
    response = _post(
        client, set_url, {"new_password1": "Kort-losen1", "new_password2": "Kort-losen1"}
    )
    assert response.status_code == 200
    assert "minst 12 tecken" in response.content.decode()
    assert _logs_in(client, OLD)


def test_a_reset_does_not_tell_whether_an_address_exists(client, user):
    known = _ask_for_reset(client, "samordnare@kommun.example")
    unknown = _ask_for_reset(client, "ingen-alls@kommun.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1  # only the known address got a mail
    known_page = _get(client, known["Location"]).content.decode()
    unknown_page = _get(client, unknown["Location"]).content.decode()
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", known_page) == csrf.sub("", unknown_page)
    assert "Om ett konto har adressen du skrev" in known_page


def test_one_address_gets_at_most_three_reset_mails_an_hour_and_the_page_never_says_so(
    client, user
):
    answers = [_ask_for_reset(client, "Samordnare@kommun.example ") for _ in range(4)]
    assert {a["Location"] for a in answers} == {reverse("password_reset_done")}
    assert len(mail.outbox) == 3
    # Every request is in the audit log, the address only as a keyed hash.
    requests = AuditEntry.objects.filter(action=Action.PASSWORD_RESET_REQUESTED)
    assert [r.detail["sent"] for r in requests.order_by("pk")] == [True, True, True, False]
    assert "samordnare@kommun.example" not in str(list(requests.values()))


def test_requests_older_than_an_hour_no_longer_count(client, user):
    _ask_for_reset(client, "samordnare@kommun.example")
    key = AuditEntry.objects.get(action=Action.PASSWORD_RESET_REQUESTED).detail["address"]
    for _ in range(3):  # three requests of yesterday
        AuditEntry.objects.create(
            action=Action.PASSWORD_RESET_REQUESTED,
            at=timezone.now() - timedelta(hours=1, minutes=1),
            detail={"address": key, "sent": True},
        )
    _ask_for_reset(client, "samordnare@kommun.example")
    assert len(mail.outbox) == 2


def test_one_client_asking_for_many_addresses_is_stopped(client, user):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_IP):
        _ask_for_reset(client, f"gissning{n}@kommun.example")
    _ask_for_reset(client, "samordnare@kommun.example")
    assert mail.outbox == []
    # From another address the colleague still gets their mail.
    client.post(
        reverse("password_reset"), {"email": "samordnare@kommun.example"}, REMOTE_ADDR="10.9.9.9"
    )
    assert len(mail.outbox) == 1
