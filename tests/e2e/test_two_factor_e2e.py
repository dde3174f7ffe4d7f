"""Two-step verification in the browser: a strategist's first login sets up the app from the
page (the key as a person would type it by hand), later logins take a backup code."""

from base64 import b32decode

from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import UserFactory


def _password(page, username):
    page.goto("/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("lösenord-123")
    page.get_by_role("button", name="Logga in").click()


def test_a_strategist_sets_up_the_app_at_the_first_login_and_later_uses_a_backup_code(page):
    UserFactory(username="strateg", role="strategist")
    _password(page, "strateg")
    page.wait_for_url("**/account/2fa/setup/**")
    expect(
        page.get_by_role("img", name="QR-kod med nyckeln till din autentiseringsapp")
    ).to_be_visible()
    expect(page.get_by_role("navigation", name="Huvudmeny").get_by_role("button")).to_have_count(0)

    # The app, set up by hand from the key on the page, shows its first code.
    key = page.locator("code.secret-key").inner_text().replace(" ", "")
    code = str(totp(b32decode(key))).zfill(6)
    page.get_by_label("Kod från appen").fill(code)
    page.get_by_role("button", name="Bekräfta").click()
    expect(page.get_by_role("heading", name="Dina reservkoder")).to_be_visible()
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Jag har sparat koderna, fortsätt").click()
    page.wait_for_url("**/")
    expect(
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("button", name="Register")
    ).to_be_visible()

    page.locator("#user-menu").click()  # the account's menu
    page.get_by_role("button", name="Logga ut").click()
    _password(page, "strateg")
    page.wait_for_url("**/account/2fa/verify/**")
    page.get_by_text("Har du inte telefonen till hands? Använd en reservkod").click()
    page.get_by_label("Reservkod").fill(codes[0])
    page.get_by_role("button", name="Verifiera med reservkod").click()
    page.wait_for_url("**/")
    expect(page.get_by_role("status")).to_have_text(
        "Du loggade in med en reservkod. 9 reservkoder återstår."
    )
