"""The headers a municipality's IT department checks (issue 14), on real responses of gunicorn
under the production settings, behind the TLS-terminating proxy as in production.

The CSP's own browser side (no page of any role breaks it) is tests/e2e/test_csp_e2e.py.
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest

from tests.uppfoljning.deploy import HOST, PRODUCTION_SECRET, PROXIED, run_python, serve

# One worker starts the production servers, on the session's production database.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("production_server")]

PASSWORD = "headers-test-password-0123"

CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

# A coordinator (CSV export of the checks) and a board reader (a finalised report's PDF),
# two roles that log in with a password alone, and the file the board reader downloads.
SEED = f"""
import django, json
django.setup()
from django.contrib.auth.models import Group, User
from tests.factories import BoardFactory
from tests.reports.helpers import finalised_report

users = {{}}
for username, role in (("rubrik-samordnare", "coordinator"), ("rubrik-namnd", "board_reader")):
    user, _ = User.objects.get_or_create(username=username)
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.add(Group.objects.get(name=role))
    users[role] = user
report = finalised_report(BoardFactory(), users["coordinator"], "Rubriker 2024", "SCN-H", 2)
print(json.dumps({{"file": report.final_file_id}}))
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Requests through the proxy, keeping the cookies a browser would keep."""

    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None, **headers):
        headers = {**PROXIED, **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            content = response.read()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def log_in(self, username):
        status, _, body = self.request("/login/")
        assert status == 200
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        origin = f"https://{HOST}"
        return self.request(
            "/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.decode()},
            Origin=origin,
            Referer=origin + "/login/",
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory, production_database):
    tmp = tmp_path_factory.mktemp("headers")
    media = str(tmp / "media")
    seeded = run_python(
        SEED,
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=production_database,
        MEDIA_ROOT=media,
    )
    assert seeded.returncode == 0, seeded.stderr
    file_id = json.loads(seeded.stdout.strip().splitlines()[-1])["file"]
    for base, *_ in serve(tmp, production_database, MEDIA_ROOT=media):
        yield base, file_id


def cookie_attributes(headers, name):
    """The attributes of the Set-Cookie for `name`, lower-cased, e.g. {"secure", "samesite=lax"}."""
    for line in headers.get_all("Set-Cookie") or []:
        if line.startswith(name + "="):
            return {part.strip().lower() for part in line.split(";")[1:]}
    raise AssertionError(f"no Set-Cookie for {name}")


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_security_headers(headers):
    policy = headers["Content-Security-Policy"]
    assert directives(policy) == CSP
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    features = dict(part.strip().split("=", 1) for part in headers["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def never_stored(headers):
    return {"no-store", "private"} <= {p.strip() for p in headers["Cache-Control"].split(",")}


def test_the_login_page_has_every_header_and_a_locked_down_csrf_cookie(server):
    base, _ = server
    status, headers, body = Browser(base).request("/login/")
    assert status == 200 and "Logga in" in body.decode()
    assert_security_headers(headers)
    assert {"secure", "httponly", "samesite=lax"} <= cookie_attributes(headers, "csrftoken")


def test_a_logged_in_coordinator_gets_a_locked_down_session_and_unstored_pages(server):
    base, _ = server
    browser = Browser(base)
    status, headers, _ = browser.log_in("rubrik-samordnare")
    assert status == 302 and headers["Location"] == "/"
    assert {"secure", "httponly", "samesite=lax"} <= cookie_attributes(headers, "sessionid")
    assert {"secure", "httponly", "samesite=lax"} <= cookie_attributes(headers, "csrftoken")

    status, headers, body = browser.request("/")
    assert status == 200 and "Logga ut" in body.decode()
    assert_security_headers(headers)
    assert never_stored(headers)

    status, headers, body = browser.request("/followups/checks/export/?format=csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert_security_headers(headers)
    assert never_stored(headers)


def test_a_board_document_download_is_never_stored(server):
    base, file_id = server
    browser = Browser(base)
    assert browser.log_in("rubrik-namnd")[0] == 302
    status, headers, body = browser.request(f"/reports/files/{file_id}/")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert body == b"%PDF-1.4 test"
    assert_security_headers(headers)
    assert never_stored(headers)
