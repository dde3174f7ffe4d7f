"""Killed database connections under traffic (issue 15, "Seen" 3): the production server,
with psycopg's pool, answers no request with a 500 while PostgreSQL's backends are terminated
under it, during the traffic and again while the pooled connections lie idle.

PostgreSQL only: `pg_terminate_backend` and the pool are PostgreSQL's; SQLite has neither.
"""

import http.client
import os
import re
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from .deploy import HOST, PRODUCTION_SECRET, PROXIED, run_python, serve

pytestmark = [
    pytest.mark.slow,
    # The session's production_database, on the worker that holds the other servers' tests.
    pytest.mark.xdist_group("production_server"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="pg_terminate_backend and the connection pool need PostgreSQL (DATABASE_URL)",
    ),
]

USERNAME = "samordnare-db-faults"
PASSWORD = "db-faults-lösenord-123"
# Pages a coordinator works through; each reads the session, the user and the register.
PAGES = ["/", "/register/suppliers/", "/register/agreements/", "/calloff/", "/login/"]
REQUESTS = 200
KILLS = 4
CLIENTS = 4
AFTER_PAUSE = 40


@pytest.fixture(scope="module")
def server(tmp_path_factory, production_database):
    result = run_python(
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        f"user, _ = get_user_model().objects.get_or_create(username={USERNAME!r})\n"
        f"user.set_password({PASSWORD!r}); user.save()\n"
        "user.groups.add(Group.objects.get(name='coordinator'))\n",
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=production_database,
    )
    assert result.returncode == 0, result.stderr
    tmp = tmp_path_factory.mktemp("db-faults")
    yield from serve(tmp, production_database)


def request(base, method, path, cookies=None, body=None, **headers):
    """One request through the TLS proxy's headers, no redirect followed: (status, headers,
    body, cookies set)."""
    netloc = urllib.parse.urlsplit(base).netloc
    conn = http.client.HTTPConnection(netloc, timeout=60)
    headers = {**PROXIED, **headers}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        set_cookies = {}
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            set_cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers, data, set_cookies
    finally:
        conn.close()


def log_in(base):
    status, _, body, cookies = request(base, "GET", "/login/")
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode(
        {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    status, _, _, set_cookies = request(
        base,
        "POST",
        "/login/",
        cookies,
        form,
        **{
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/login/",
        },
    )
    assert status == 302 and "sessionid" in set_cookies, status
    return {**cookies, **set_cookies}


def terminate_backends(database_url):
    """What an administrator's `pg_terminate_backend` does to the app's connections: the
    number of backends of the app's database that were ended."""
    import psycopg

    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return sum(1 for (ended,) in rows if ended)


def test_terminated_backends_give_no_500(server):
    base, _, database_url = server
    cookies = log_in(base)
    started = time.monotonic()

    def visit(i):
        status, headers, body, _ = request(base, "GET", PAGES[i % len(PAGES)], cookies)
        return PAGES[i % len(PAGES)], status, headers.get("Retry-After"), body

    ended = []
    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(visit, i) for i in range(REQUESTS)]
        # Terminated while requests are in flight: after 40, 80, 120 and 160 have been answered.
        for k in range(1, KILLS + 1):
            while sum(f.done() for f in futures) < k * REQUESTS // (KILLS + 1):
                time.sleep(0.005)
            ended.append(terminate_backends(database_url))
        results = [f.result() for f in futures]

    # The pool keeps its connections open while idle: ended now, they are next handed out
    # by each gunicorn worker's pool.
    time.sleep(1)
    ended.append(terminate_backends(database_url))
    idle_ended = ended[-1]
    time.sleep(1)
    with ThreadPoolExecutor(CLIENTS) as pool:
        results += list(pool.map(visit, range(AFTER_PAUSE)))

    statuses = [status for _, status, _, _ in results]
    print(
        f"\n{len(results)} requests in {time.monotonic() - started:.1f} s, backends ended "
        f"{ended}: {statuses.count(200)} × 200, {statuses.count(503)} × 503, "
        f"{statuses.count(500)} × 500"
    )
    # The faults were real: backends in use were ended, and the idle pooled ones after.
    assert sum(ended) > KILLS and idle_ended >= 1, ended
    failures = [(path, status) for path, status, _, _ in results if status == 500]
    assert failures == []
    assert set(statuses) <= {200, 503}, statuses
    for _, status, retry_after, body in results:
        if status == 503:
            assert retry_after and b"Traceback" not in body
