"""gunicorn serves the production settings: pages, /healthz and WhiteNoise's static files."""

import gzip
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .deploy import ROOT, clean_env, manage

SECRET = "gunicorn-test-secret-a-long-random-enough-value-0123456789abcdef"
HOST = "uppfoljning.example"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A production-configured gunicorn on a fresh SQLite database and collected statics."""
    tmp = tmp_path_factory.mktemp("gunicorn")
    env = clean_env(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp / "staticfiles"),
    )
    for args in (("migrate", "--no-input"), ("collectstatic", "--no-input")):
        result = manage(*args, **env)
        assert result.returncode == 0, result.stderr
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "uppfoljning.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("gunicorn did not come up:\n" + process.stdout.read())
            time.sleep(0.3)
        yield base, tmp
    finally:
        process.terminate()
        process.wait(timeout=30)


# What the TLS-terminating proxy in front adds to every request.
PROXIED = {"Host": HOST, "X-Forwarded-Proto": "https"}


def test_healthz_answers_a_plain_http_probe(server):
    base, _ = server
    status, headers, body = get(base + "/healthz")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert b'"database": "ok"' in body


def test_login_page_is_served_in_swedish_with_secure_headers(server):
    base, _ = server
    status, headers, body = get(base + "/login/", **PROXIED)
    assert status == 200
    assert "Logga in" in body.decode()
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert headers["X-Frame-Options"] == "DENY"


def test_plain_http_is_redirected_to_https(server):
    base, _ = server
    request = urllib.request.Request(base + "/login/", headers={"Host": HOST})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as raised:
        opener.open(request, timeout=10)
    assert raised.value.code == 301
    assert raised.value.headers["Location"] == f"https://{HOST}/login/"


def test_unknown_host_is_refused(server):
    base, _ = server
    status, _, _ = get(base + "/login/", **{**PROXIED, "Host": "evil.example"})
    assert status == 400


def test_whitenoise_serves_hashed_static_files_compressed_and_cacheable(server):
    base, tmp = server
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
