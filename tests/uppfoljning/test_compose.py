"""docker-compose.yml runs the production stack; read as data, since CI has no Docker daemon."""

import re

import pytest
import yaml

from .deploy import ROOT

APP_SERVICES = ("migrate", "web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command(service):
    cmd = service.get("command") or []
    return " ".join(cmd) if isinstance(cmd, list) else cmd


def test_the_stack_has_database_broker_migrate_web_worker_and_beat(compose):
    assert set(compose["services"]) == {"postgres", "redis", *APP_SERVICES}
    services = compose["services"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert command(services["migrate"]) == "python manage.py migrate --no-input"
    assert command(services["worker"]).startswith("celery -A uppfoljning worker")
    assert command(services["beat"]).startswith("celery -A uppfoljning beat")
    # web runs the image's default command: gunicorn.
    assert "command" not in services["web"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r'^CMD \["gunicorn", "uppfoljning.wsgi"', dockerfile, re.M)


def test_exactly_one_beat_so_scheduled_tasks_are_not_sent_twice(compose):
    beats = [name for name, service in compose["services"].items() if " beat" in command(service)]
    assert beats == ["beat"]
    assert compose["services"]["beat"]["deploy"]["replicas"] == 1


def test_every_long_running_service_has_a_health_check(compose):
    for name, service in compose["services"].items():
        if name == "migrate":
            continue
        test = service["healthcheck"]["test"]
        assert test and test[0] in ("CMD", "CMD-SHELL"), name
    assert "/healthz" in " ".join(compose["services"]["web"]["healthcheck"]["test"])


def test_app_services_start_after_healthy_database_and_successful_migration(compose):
    services = compose["services"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["migrate"]["restart"] == "no"
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_app_services_use_production_settings_postgres_and_redis(compose):
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "uppfoljning.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert compose["services"][name]["env_file"] == ".env"


def test_data_lives_in_named_volumes(compose):
    assert set(compose["volumes"]) == {"pgdata", "redisdata", "media"}
    services = compose["services"]
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redisdata:/data" in services["redis"]["volumes"]
    # Reports written by the worker are downloaded through web: both see the same files.
    for name in ("web", "worker"):
        assert "media:/app/media" in services[name]["volumes"]


def test_image_runs_as_non_root_with_weasyprint_libraries_and_collected_statics():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    packages = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "fonts-liberation2")
    for package in packages:
        assert package in dockerfile
    assert "collectstatic" in dockerfile
    assert re.search(r"^USER app$", dockerfile, re.M)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", ".env", "db.sqlite3"} <= set(ignored)
