"""Helpers for tests that start the project in a fresh process, as a server would."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_SECRET = "deploy-test-secret-a-long-random-enough-value-0123456789abcdef"

# The host the production servers of the tests answer to, and what the TLS-terminating proxy
# in front adds to every request.
HOST = "uppfoljning.example"
PROXIED = {"Host": HOST, "X-Forwarded-Proto": "https"}

# Variables the settings read; cleared so a test sees only what it sets.
SETTINGS_ENV = (
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "CELERY_WORKER_MAX_TASKS_PER_CHILD",
    "EMAIL_URL",
    "EMAIL_HOST",
    "STATIC_ROOT",
    "DJANGO_READ_DOT_ENV_FILE",
    "SECURE_SSL_REDIRECT",
    # The e2e conftest sets it for Playwright; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def clean_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_ENV}
    env.update(overrides)
    return env


def run_python(code, **env):
    """Run `code` with the project importable and only the given settings variables."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=600,
    )


def unique_database_name(base, suffix):
    """`base_suffix_gwN_<random>`: unique per run and per pytest-xdist worker, so runs that
    share the server (xdist workers, other checkouts, CI) never drop each other's database.
    PostgreSQL keeps 63 bytes of a name; the unique tail is what survives a cut."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    tail = f"_{suffix}_{worker}_{uuid.uuid4().hex[:8]}"
    return base[: 63 - len(tail)] + tail


@contextlib.contextmanager
def server_database(tmp, suffix="server"):
    """The suite's database server: PostgreSQL (through psycopg's pool) when DATABASE_URL
    names one, as in CI; otherwise a SQLite file. Its own database, made and dropped here."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp / 'db.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = unique_database_name(parts.path.lstrip("/") or "uppfoljning", suffix)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(drop)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def serve(tmp, database_url, **extra_env):
    """A production-configured gunicorn on a free port, with collected statics; yields
    (base URL, tmp, database_url) and stops it afterwards."""
    env = clean_env(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        STATIC_ROOT=str(tmp / "staticfiles"),
        **extra_env,
    )
    result = manage("collectstatic", "--no-input", **env)
    assert result.returncode == 0, result.stderr
    port = free_port()
    log = (tmp / "gunicorn.log").open("w")
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
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("gunicorn did not come up:\n" + (tmp / "gunicorn.log").read_text())
            time.sleep(0.3)
        yield base, tmp, database_url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
