"""/healthz tells a load balancer whether this instance can serve."""

import os

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

# The real Redis of the test machine (CI exports REDIS_URL).
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture(autouse=True)
def only_a_database(settings):
    """Start from the embedded default: no Redis, no broker (CI exports both)."""
    settings.REDIS_URL = ""
    settings.CELERY_BROKER_URL = ""


def test_healthz_answers_anonymous_users_with_json_when_the_database_is_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert response["Cache-Control"] == "no-store"


def test_healthz_ignores_the_host_header_so_container_probes_work(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200


def test_other_pages_still_require_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_healthz_checks_redis_and_broker_when_configured(client, settings):
    settings.REDIS_URL = REDIS_URL
    settings.CELERY_BROKER_URL = REDIS_URL
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "broker": "ok"}


def test_healthz_is_503_naming_redis_when_redis_is_unreachable(client, settings):
    # Nothing listens on port 1: a Redis that is down.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "redis": "error"}}


def test_healthcheck_command_fails_when_redis_is_unreachable(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    with pytest.raises(CommandError, match="unhealthy: redis"):
        call_command("healthcheck")


def test_healthcheck_command_passes_when_all_is_up(capsys):
    call_command("healthcheck")
    assert '"database": "ok"' in capsys.readouterr().out
