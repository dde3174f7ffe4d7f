"""Every page that takes a POST refuses one without a CSRF token, and the refusal changes
nothing (issue 14).

The pages come from the URLconf (tests/security/urlconf.py; the admin by the access matrix's
rows). Whether a page takes a POST is read from its view: a class view that lists "post" in
`http_method_names` and has a `post` method; the admin's and Django's function views are
taken to (each test shows it: with the token, the same POST is not answered 405). Each POST
is made by a role the access matrix lets use the page, so its 403 is the token's, not the
role's: with a token, the same POST gets past both (no 403).

The API authenticates by token or by session. By token it needs no CSRF token (a script
holds no cookie a page could ride on; DRF exempts it by design), by session it must.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token

from tests.security.access_matrix import (
    ANONYMOUS,
    BOARD_READER,
    CASEWORKER,
    COORDINATOR,
    MATRIX,
    STRATEGIST,
    SUPERUSER,
)
from tests.security.conftest import log_in
from tests.security.urlconf import routes
from uppfoljning.audit.models import AuditEntry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.xdist_group("csrf"),
]


def _takes_post(route) -> bool:
    view = route.view_class
    if view is None:  # a function view: the admin's, set_language
        return True
    return "post" in view.http_method_names and hasattr(view, "post")


ROUTES = [r for r in routes() if not r.is_admin or r.name in MATRIX]
POSTED = [r.name for r in ROUTES if _takes_post(r)]
NOT_POSTED = [r.name for r in ROUTES if not _takes_post(r)]


def _role(name) -> str:
    """A role the access matrix lets use the page: the anonymous for a page open to all
    (the login forms), else the least privileged of those it may."""
    row = MATRIX[name]
    if row.anonymous == 200:
        return ANONYMOUS
    order = (COORDINATOR, CASEWORKER, BOARD_READER, STRATEGIST, SUPERUSER)
    return next(role for role in order if role in row.may)


def _client(site, name) -> Client:
    client = Client(enforce_csrf_checks=True)
    role = _role(name)
    if role != ANONYMOUS:
        log_in(client, site.users[role])
    return client


def _url(site, name) -> str:
    route = next(r for r in routes() if r.name == name)
    return route.urls(site.objects)[0]


AUDIT_TABLE = AuditEntry._meta.db_table


def _rows() -> dict[str, int]:
    """The number of rows of every table of the app's models (their history's too)."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)})
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def _with_token(client) -> dict:
    """Give the client a CSRF cookie; returns the POST data carrying the matching token."""
    token = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return {"csrfmiddlewaretoken": token}


def test_pages_are_found_in_the_urlconf():
    """Not empty-handed: the forms a user sends are among the pages posted to."""
    assert {"login", "logout", "suppliers:supplier_add", "followups:deviation_add"} <= set(POSTED)
    assert len(POSTED) > 50, POSTED


@pytest.mark.parametrize("name", POSTED)
def test_a_post_without_the_token_is_refused_and_changes_nothing(site, name):
    client, url = _client(site, name), _url(site, name)
    before = _rows()
    response = client.post(url, {})
    assert response.status_code == 403, (url, _role(name))
    after = _rows()
    # The one row written is the audit log's note of the refusal.
    assert after.pop(AUDIT_TABLE) == before.pop(AUDIT_TABLE) + 1
    assert after == before
    # The control: the token was the reason. With it, the same role gets past the check and
    # its permission, to a page that takes the POST.
    response = client.post(url, _with_token(client))
    assert response.status_code not in (403, 405), (url, _role(name), response.status_code)


@pytest.mark.parametrize("name", NOT_POSTED)
def test_a_page_read_as_taking_no_post_answers_one_405(site, name):
    """What the POSTs above leave out, by the reading of their views, refuses a POST."""
    client, url = _client(site, name), _url(site, name)
    assert client.post(url, _with_token(client)).status_code == 405, url


def test_the_row_count_sees_a_write(site):
    """The positive control of "changes nothing": logging out with the token ends the
    session, and the counts show it."""
    client = _client(site, "logout")
    before = _rows()
    response = client.post(reverse("logout"), _with_token(client))
    assert response.status_code == 302
    assert _rows() != before


def test_the_api_asks_a_session_for_the_token_and_a_script_not(site):
    user = site.users[COORDINATOR]
    url = reverse("api_call_off_status")
    by_session = _client(site, "api_call_off_status")
    response = by_session.post(url, {})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert by_session.post(url, _with_token(by_session)).status_code == 405

    token = Token.objects.create(user=user)
    by_token = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")
    # Past authentication and CSRF to the method: the API takes no POST.
    assert by_token.post(url, {}).status_code == 405
    assert by_token.get(url, {"org_number": "nothing"}).status_code == 400
