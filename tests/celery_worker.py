"""A real Celery worker on a real Redis for the tests that need one (no mocks)."""

from contextlib import contextmanager

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from uppfoljning.celery import app


def reset_producer_pools():
    # The app caches broker connections and (per thread) its result backend; a new URL
    # needs fresh ones.
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


@contextmanager
def redis_broker(settings, url):
    """Point the app at Redis `url` with an empty queue; yields (client, queue name)."""
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as exc:  # pragma: no cover - CI always has Redis
        pytest.fail(f"Redis is not reachable at {url} ({exc}); set NO_REDIS=1 to skip.")
    queue = app.conf.task_default_queue
    client.delete(queue)
    saved = {key: app.conf[key] for key in ("task_always_eager", "result_backend", "broker_url")}
    app.conf.update(task_always_eager=False, result_backend=url, broker_url=url)
    reset_producer_pools()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield client, queue
    finally:
        app.conf.update(saved)
        reset_producer_pools()
        client.delete(queue)


@contextmanager
def running_worker(*, concurrency, shutdown_timeout):
    """A worker in threads of this process, sharing the test database."""
    with start_worker(
        app,
        pool="threads",
        concurrency=concurrency,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=shutdown_timeout,
    ) as worker:
        yield worker
