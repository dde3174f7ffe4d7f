"""A real Celery worker on a real Redis for the tests that need one (no mocks).

Each use gets a queue of its own (see `private_queue`), so test processes that share a Redis
database - pytest-xdist workers, or another checkout's run on the same machine - never take
each other's tasks.
"""

import os
import uuid
from contextlib import contextmanager

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from uppfoljning.celery import app


def private_queue():
    """A queue name no other test process uses: xdist worker id plus a random part."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"uppfoljning-tests-{worker}-{uuid.uuid4().hex[:8]}"


def drop_queue(client, queue):
    """Delete `queue` and the bindings kombu keeps for it (its exchange has the queue's name)."""
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def reset_producer_pools():
    # The app caches broker connections and (per thread) its result backend; a new URL
    # needs fresh ones. Its amqp object caches the default queue, exchange and router too:
    # dropping it makes a changed task_default_queue take effect for senders and workers.
    app._pool = None
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


# Nothing listens there: what the app meets when Redis is down.
CLOSED_PORT_URL = "redis://127.0.0.1:1/7"


@contextmanager
def broker_down():
    """The app's broker unreachable for the duration, as if Redis were stopped."""
    old = app.conf.broker_url
    app.conf.broker_url = CLOSED_PORT_URL
    reset_producer_pools()
    try:
        yield
    finally:
        app.conf.broker_url = old
        reset_producer_pools()


@contextmanager
def redis_broker(settings, url):
    """Point the app at Redis `url` with an empty queue of its own; yields (client, queue name).

    The queue is the app's default queue (and, as Celery derives them, its exchange and
    routing key) for the duration, so `.delay()` and a worker started inside use it."""
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as exc:  # pragma: no cover - CI always has Redis
        pytest.fail(f"Redis is not reachable at {url} ({exc}); set NO_REDIS=1 to skip.")
    queue = private_queue()
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "result_backend", "broker_url", "task_default_queue")
    }
    app.conf.update(
        task_always_eager=False, result_backend=url, broker_url=url, task_default_queue=queue
    )
    reset_producer_pools()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield client, queue
    finally:
        app.conf.update(saved)
        reset_producer_pools()
        drop_queue(client, queue)


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
