"""Every url pattern of the URLconf × every role × a real object and an id that names nothing:
each GET answers what tests/security/access_matrix.py says (issue 14).

The url patterns and the objects their parameters take come from tests/security/urlconf.py,
which the criminal-record crawl walks too. A failure lists every cell that differs, as
(url name, address, expected, got), and every url name the matrix lacks.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.security.access_matrix import (
    ADMIN_LOGIN,
    ADMIN_NOT_LISTED,
    ANONYMOUS,
    LOGIN,
    MATRIX,
    ROLES,
)
from tests.security.conftest import log_in
from tests.security.urlconf import routes, without_objects


def _in_matrix(route) -> bool:
    return route.name in MATRIX or not route.name.startswith(ADMIN_NOT_LISTED)


def _cells(site):
    """(url name, "real" | "missing", address) for every row of the matrix."""
    by_name = {route.name: route for route in routes()}
    for name in MATRIX:
        route = by_name[name]
        for which, objects in (("real", site.objects), ("missing", site.missing)):
            if which == "missing" and not route.params:
                continue
            for url in route.urls(objects):
                yield name, which, url


def _answer(response) -> int | str:
    """The status, with a redirect to a login page told apart from any other."""
    if response.status_code == 302:
        path = urlsplit(response["Location"]).path
        if path == reverse("login"):
            return LOGIN
        if path == reverse("admin:login"):
            return ADMIN_LOGIN
    return response.status_code


def test_every_url_of_the_urlconf_has_a_row():
    """Quick, without the demo: run with `-m "not slow"` too."""
    names = {route.name for route in routes()}
    lacking = [route.name for route in routes() if route.name not in MATRIX and _in_matrix(route)]
    stale = sorted(set(MATRIX) - names)
    without = without_objects(route for route in routes() if route.name in MATRIX)
    problems = {
        "url names without a row in tests/security/access_matrix.py": lacking,
        "rows whose url name the URLconf no longer has": stale,
        "url names without a row in OBJECTS (tests/security/urlconf.py)": without,
    }
    assert not any(problems.values()), "\n".join(f"{k}: {v}" for k, v in problems.items() if v)


@pytest.mark.django_db
@pytest.mark.slow  # the demo
@pytest.mark.xdist_group("access_matrix")  # one worker loads the demo once for all roles
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(client, site, role):
    if role != ANONYMOUS:
        log_in(client, site.users[role])
    client.raise_request_exception = False  # a crash is a cell that differs (500)
    cells = list(_cells(site))
    differ = []
    for name, which, url in cells:
        expected = MATRIX[name].expected(role, which)
        got = _answer(client.get(url))
        if got != expected:
            differ.append(f"{name:40} {url:45} {which:8} expected {expected!s:20} got {got}")
    print(f"{role}: {len(cells)} cells")
    assert not differ, f"{len(differ)} of {len(cells)} cells differ for {role}:\n" + "\n".join(
        differ
    )
