"""gunicorn serves the production settings: pages, /healthz and WhiteNoise's static files."""

import gzip
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .deploy import HOST, PROXIED, ROOT, get, serve

# gunicorn and the Celery processes use the session's production_database, which each xdist
# worker that needs it makes and migrates: one group keeps both modules on one worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("production_server")]


@pytest.fixture(scope="module")
def server(tmp_path_factory, production_database):
    """A production-configured gunicorn with migrated database and collected statics."""
    tmp = tmp_path_factory.mktemp("gunicorn")
    yield from serve(tmp, production_database)


def test_healthz_answers_a_plain_http_probe(server):
    base, *_ = server
    status, headers, body = get(base + "/healthz")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert b'"database": "ok"' in body


def test_login_page_is_served_in_swedish_with_secure_headers(server):
    base, *_ = server
    status, headers, body = get(base + "/login/", **PROXIED)
    assert status == 200
    assert "Logga in" in body.decode()
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"


def test_plain_http_is_redirected_to_https(server):
    base, *_ = server
    request = urllib.request.Request(base + "/login/", headers={"Host": HOST})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as raised:
        opener.open(request, timeout=60)
    assert raised.value.code == 301
    assert raised.value.headers["Location"] == f"https://{HOST}/login/"


def test_unknown_host_is_refused(server):
    base, *_ = server
    status, _, _ = get(base + "/login/", **{**PROXIED, "Host": "evil.example"})
    assert status == 400


def test_whitenoise_serves_hashed_static_files_compressed_and_cacheable(server):
    base, tmp, _ = server
    status, _, body = get(base + "/login/", **PROXIED)
    # The page links the hashed name from the manifest, e.g. /static/css/app.3f2a….css
    hashed = next(
        part.split('"')[0]
        for part in body.decode().split('href="')[1:]
        if part.startswith("/static/css/app.")
    )
    assert (tmp / "staticfiles" / hashed.removeprefix("/static/")).exists()
    status, headers, css = get(base + hashed, **{**PROXIED, "Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(css) == (ROOT / "static" / "css" / "app.css").read_bytes()
    assert "immutable" in headers["Cache-Control"]


def test_postgresql_connections_stay_in_the_pool_between_requests(server):
    base, _, database_url = server
    if not database_url.startswith("postgres"):
        pytest.skip("the pool is PostgreSQL's; this run uses SQLite")
    import psycopg

    for _ in range(4):
        assert get(base + "/healthz")[0] == 200
    # Without the pool, CONN_MAX_AGE=0 would close every connection when its request ended.
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_url) as conn:
        open_elsewhere = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchone()[0]
    assert open_elsewhere >= 1
