"""Health checks for load balancers and container probes: /healthz and `manage.py healthcheck`.

The database is always checked; Redis (cache) and the Celery broker only when configured.
Answers 200 with JSON when everything is up, 503 naming what is down.
"""

import logging

from django.conf import settings
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
# A probe must answer quickly; a backend that takes longer than this counts as down.
TIMEOUT_SECONDS = 3


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_redis():
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=TIMEOUT_SECONDS,
        socket_timeout=TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    finally:
        client.close()


def check_broker():
    from uppfoljning.celery import app

    with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)


def configured_checks():
    checks = {"database": check_database}
    if settings.REDIS_URL:
        checks["redis"] = check_redis
    if settings.CELERY_BROKER_URL:
        checks["broker"] = check_broker
    return checks


def run_checks():
    """Return ({name: "ok" | "error"}, healthy)."""
    results = {}
    for name, check in configured_checks().items():
        try:
            check()
        except Exception as exc:
            # The log says why; the response names only the failing part.
            logger.warning("Health check %s failed: %r", name, exc)
            results[name] = "error"
        else:
            results[name] = "ok"
    return results, all(value == "ok" for value in results.values())


def healthz(request):
    results, healthy = run_checks()
    response = JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answer /healthz before host validation, the TLS redirect, sessions and login.

    Probes call the container directly (http://127.0.0.1:8000/healthz) with whatever Host
    header they have; the answer carries no data, so nothing needs protecting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
