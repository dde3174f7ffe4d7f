"""Reliability of the scheduled controls against a real Redis broker and a real Celery worker.

The worker runs in a thread of the test process (celery.contrib.testing), consuming from
Redis db 7 (reserved for these tests), and reads the same test database. Set NO_REDIS=1 to skip
these tests where no Redis is available; otherwise a missing Redis fails them loudly.
"""

import datetime
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from followups.control import rules, services, tasks
from followups.models import ControlRule, RuleKind, WorkItem
from tests.celery_worker import broker_down, running_worker
from tests.celery_worker import redis_broker as celery_redis_broker
from tests.edit_forms import opened_version
from tests.factories import (
    AgreementFactory,
    ContractFactory,
    RepresentativeFactory,
    UserFactory,
)
from uppfoljning.celery import app
from uppfoljning.core.dispatch import enqueue_on_commit

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
AUTUMN = datetime.date(2025, 9, 1)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow,  # real Celery workers
    pytest.mark.skipif(os.environ.get("NO_REDIS") == "1", reason="NO_REDIS=1: told no Redis"),
]


@pytest.fixture
def redis_broker(settings):
    # Redis db 7 belongs to these tests: the helper starts from an empty queue.
    with celery_redis_broker(settings, REDIS_URL) as client_and_queue:
        yield client_and_queue


@pytest.fixture
def worker(redis_broker):
    # Test settings shorten the retry backoff to a second; the policy is otherwise unchanged.
    with running_worker(concurrency=2, shutdown_timeout=30) as w:
        yield w


@pytest.fixture
def register(django_user_model):
    services.seed_control_rules()
    for i in range(3):
        agreement = AgreementFactory(
            name=f"HVB barn och unga {i}",
            start_date=datetime.date(2023, 1, 1),
            end_date=datetime.date(2026, 3, 31),
            option_end_date=None,
        )
        for _ in range(4):
            contract = ContractFactory(agreement=agreement)
            RepresentativeFactory(supplier=contract.supplier)
    ControlRule.objects.get(code="ivo-review").agreements.clear()
    ControlRule.objects.get(code="criminal-record-hvb").agreements.clear()


def expected_keys(on):
    keys = set()
    for rule in ControlRule.objects.filter(active=True).prefetch_related("agreements"):
        for due in rules.evaluate(rule, on):
            keys.add((rule.pk, due.object_id, due.period_key))
    return keys


def stored_keys():
    rows = list(WorkItem.objects.values_list("rule_id", "object_id", "period_key"))
    assert len(rows) == len(set(rows)), "a work item was created twice"
    return set(rows)


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_two_sweeps_at_once_on_the_worker_create_each_item_once(register, worker):
    expected = expected_keys(AUTUMN)
    assert len(expected) > 15
    results = [tasks.sweep.delay(on=AUTUMN.isoformat()) for _ in range(2)]
    for r in results:
        r.get(timeout=60)  # each returns what its last attempt created
    assert stored_keys() == expected
    # A third run, as tomorrow's beat would, finds nothing new.
    assert tasks.sweep.delay(on=AUTUMN.isoformat()).get(timeout=60) == 0


def test_sweep_interrupted_halfway_is_completed_by_the_retry(register, worker, monkeypatch):
    expected = expected_keys(AUTUMN)
    real = rules.EVALUATORS[RuleKind.CREDIT_CHECK]
    calls = []

    def fails_first_time(rule, on):
        calls.append(on)
        if len(calls) == 1:
            raise ConnectionError("credit bureau feed table unavailable")
        return real(rule, on)

    monkeypatch.setitem(rules.EVALUATORS, RuleKind.CREDIT_CHECK, fails_first_time)
    result = tasks.sweep.delay(on=AUTUMN.isoformat())
    # The first attempt keeps what the other rules made due and raises; the retry completes.
    assert result.get(timeout=60) > 0
    assert len(calls) == 2
    assert stored_keys() == expected
    assert services.sweep(on=AUTUMN).created == 0


def test_task_enqueued_in_a_rolled_back_transaction_is_never_sent(register, redis_broker):
    client, queue = redis_broker

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        enqueue_on_commit(tasks.sweep, kwargs={"on": AUTUMN.isoformat()})
        raise Rollback
    assert client.llen(queue) == 0
    # The same call in a transaction that commits is sent once.
    with transaction.atomic():
        enqueue_on_commit(tasks.sweep, kwargs={"on": AUTUMN.isoformat()})
        assert client.llen(queue) == 0  # not before the commit
    assert client.llen(queue) == 1


def test_rolled_back_task_never_runs_on_the_worker(register, worker):
    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        enqueue_on_commit(tasks.sweep, kwargs={"on": AUTUMN.isoformat()})
        raise Rollback
    # A sweep of no rules, sent after: once the worker has run it, it would have run the first.
    marker = tasks.sweep.delay(on=AUTUMN.isoformat(), rule_ids=[])
    assert marker.get(timeout=60) == 0
    assert not WorkItem.objects.exists()


def test_save_succeeds_while_redis_is_down_and_the_next_sweep_does_the_work(
    register, redis_broker, client
):
    # Transactional tests start from an emptied database: make the role group here.
    Group.objects.get_or_create(name="strategist")
    client.force_login(UserFactory(username="strateg", role="strategist"))
    rule = ControlRule.objects.get(code="ivo-review")
    url = reverse("followups:controlrule_edit", args=[rule.pk])
    version = opened_version(client, url)
    with broker_down():
        started = time.monotonic()
        response = client.post(
            url,
            version
            | {
                "name": rule.name,
                "kind": rule.kind,
                "interval_months": "3",
                "lead_months": "0",
                "grace_days": "0",
                "active": "on",
            },
        )
        assert time.monotonic() - started < 15
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.interval_months == 3
    assert not WorkItem.objects.filter(rule=rule).exists()
    # Redis is back: the next sweep (beat's, here on a real worker) does the work.
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        tasks.sweep.delay(on=AUTUMN.isoformat()).get(timeout=60)
    titles = set(WorkItem.objects.filter(rule=rule).values_list("title", flat=True))
    assert titles == {f"IVO-kontroll 2025-Q3, HVB barn och unga {i}" for i in range(3)}
