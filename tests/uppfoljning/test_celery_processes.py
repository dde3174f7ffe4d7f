"""The worker and beat of docker-compose.yml, started for real with the production settings.

A worker consumes from Redis and runs a task against the database from a prefork child (the
case where psycopg's pool must not be shared across fork); compose's health check command
sees it; beat starts with the database schedule and writes nothing where it runs.
"""

import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
import yaml

from tests.celery_worker import drop_queue, private_queue

from .deploy import PRODUCTION_SECRET, ROOT, clean_env

BROKER = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")

# gunicorn and the Celery processes use the session's production_database, which each xdist
# worker that needs it makes and migrates: one group keeps both modules on one worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("production_server")]


def compose_command(service):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["services"][service]


@pytest.fixture(scope="module")
def production_env(tmp_path_factory, production_database):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="uppfoljning.example",
        DATABASE_URL=production_database,
        CELERY_BROKER_URL=BROKER,
        REDIS_URL=BROKER,
        PYTHONPATH=str(ROOT),
    )
    return env, tmp_path_factory.mktemp("celery")


def start(command, env, cwd, log_path):
    log = log_path.open("w")
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, log


def wait_for(predicate, process, log_path, seconds=240):
    deadline = time.monotonic() + seconds
    while not predicate():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"gave up waiting; log:\n{log_path.read_text()}")
        time.sleep(0.5)


def stop(process, log):
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def test_worker_runs_a_task_from_the_broker_and_passes_composes_health_check(production_env):
    env, tmp = production_env
    node = f"uppf-test-{uuid.uuid4().hex[:8]}"
    service = compose_command("worker")
    # The compose command, with a unique node name so parallel runs don't answer each other,
    # and a queue of its own so another run's worker on the same broker can't take our task.
    queue = private_queue()
    command = [
        *service["command"],
        *("--concurrency", "1", "--hostname", f"celery@{node}", "--queues", queue),
    ]
    assert command[:4] == ["celery", "-A", "uppfoljning", "worker"]
    log_path = tmp / "worker.log"
    process, log = start([sys.executable, "-m", *command], env, ROOT, log_path)
    health = service["healthcheck"]["test"][1].replace("$$", "$")
    # In the container, `celery` is on PATH and HOSTNAME is the container's name.
    bin_dir = os.path.dirname(sys.executable)
    health_env = {**env, "HOSTNAME": node, "PATH": f"{bin_dir}:{env.get('PATH', '')}"}

    def healthy():
        return (
            subprocess.run(
                ["sh", "-c", health], env=health_env, capture_output=True, timeout=60
            ).returncode
            == 0
        )

    try:
        wait_for(lambda: "ready." in log_path.read_text(), process, log_path)
        wait_for(healthy, process, log_path)  # as docker retries a failed check
        send = (
            "from uppfoljning.celery import app; "
            "print(app.send_task("
            f"'followups.sweep', kwargs={{'on': '2024-06-03'}}, queue={queue!r}).id)"
        )
        sent = subprocess.run(
            [sys.executable, "-c", send], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert sent.returncode == 0, sent.stderr
        task_id = sent.stdout.strip()
        wait_for(lambda: f"[{task_id}] succeeded" in log_path.read_text(), process, log_path)
    finally:
        stop(process, log)
        drop_queue(redis.Redis.from_url(BROKER), queue)
    assert not healthy()


def test_beat_starts_with_the_database_schedule_and_writes_no_files(production_env):
    env, tmp = production_env
    service = compose_command("beat")
    assert service["command"][:4] == ["celery", "-A", "uppfoljning", "beat"]
    # Like the container: the working directory is not writable for beat's files.
    workdir = tmp / "beat-cwd"
    workdir.mkdir()
    log_path = tmp / "beat.log"
    process, log = start([sys.executable, "-m", *service["command"]], env, workdir, log_path)
    try:
        wait_for(lambda: "beat: Starting..." in log_path.read_text(), process, log_path)
        time.sleep(2)
        assert process.poll() is None, log_path.read_text()
        text = log_path.read_text()
        assert "django_celery_beat.schedulers.DatabaseScheduler" in text
    finally:
        stop(process, log)
    assert list(workdir.iterdir()) == []
