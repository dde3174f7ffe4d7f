"""Settings come from the environment; production refuses to start half-configured."""

import json
import re

import pytest

from .deploy import ROOT, manage, run_python

DEV_KEY = "dev-only-insecure-key-change-me"
SECRET = "test-secret-a-long-random-enough-value-for-the-deploy-check-0123456789"

DUMP = """
import json, django
from django.conf import settings
django.setup()
from uppfoljning.celery import app
print(json.dumps({
    "db": settings.DATABASES["default"],
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "serializer": app.conf.task_serializer,
    "accept": list(app.conf.accept_content),
    "acks_late": app.conf.task_acks_late,
    "time_limit": app.conf.task_time_limit,
    "soft_time_limit": app.conf.task_soft_time_limit,
    "max_tasks_per_child": app.conf.worker_max_tasks_per_child,
    "beat_scheduler": app.conf.beat_scheduler,
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "email_backend": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", None),
    "apps": settings.INSTALLED_APPS,
    "middleware": settings.MIDDLEWARE,
}, default=str))
"""


def dump(**env):
    result = run_python(DUMP, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_environment_the_database_is_the_sqlite_file_and_tasks_run_in_process():
    conf = dump(DJANGO_SETTINGS_MODULE="uppfoljning.settings.local")
    assert conf["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert conf["db"]["NAME"] == str(ROOT / "db.sqlite3")
    assert conf["eager"] is True
    assert conf["cache"].endswith("LocMemCache")
    assert conf["email_backend"].endswith("console.EmailBackend")


def test_a_broker_url_makes_tasks_go_to_the_broker():
    conf = dump(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.local",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert conf["eager"] is False
    assert conf["broker"] == "redis://127.0.0.1:6379/0"


def test_celery_is_configured_for_safe_json_tasks_with_limits_and_a_database_schedule():
    conf = dump(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.local",
        CELERY_WORKER_MAX_TASKS_PER_CHILD="7",
    )
    assert conf["serializer"] == "json"
    assert conf["accept"] == ["json"]
    assert conf["acks_late"] is True
    assert 0 < conf["soft_time_limit"] < conf["time_limit"]
    assert conf["max_tasks_per_child"] == 7
    assert conf["beat_scheduler"] == "django_celery_beat.schedulers:DatabaseScheduler"
    assert "django_celery_beat" in conf["apps"]


def test_postgresql_url_uses_psycopgs_connection_pool_without_persistent_connections():
    conf = dump(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.local",
        DATABASE_URL="postgres://app:pw@db.example:5432/uppfoljning",
    )
    db = conf["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["NAME"], db["USER"]) == ("db.example", "uppfoljning", "app")
    assert db["OPTIONS"]["pool"]["min_size"] <= db["OPTIONS"]["pool"]["max_size"]
    # Django refuses a pool together with persistent connections.
    assert db["CONN_MAX_AGE"] == 0


def test_redis_url_makes_redis_the_shared_cache():
    conf = dump(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.local",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert conf["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert conf["cache_location"] == "redis://127.0.0.1:6379/3"


def test_email_host_configures_smtp():
    conf = dump(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.local",
        EMAIL_HOST="smtp.kommun.example",
    )
    assert conf["email_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert conf["email_host"] == "smtp.kommun.example"


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "uppfoljning.example"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": "uppfoljning.example", "SECRET_KEY": DEV_KEY}, "SECRET_KEY"),
        ({"SECRET_KEY": SECRET}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_key_or_allowed_hosts(env, missing):
    result = manage("check", DJANGO_SETTINGS_MODULE="uppfoljning.settings.production", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Production needs the {missing} environment variable" in result.stderr


@pytest.mark.slow
def test_production_settings_pass_the_deploy_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="uppfoljning.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_serves_static_files_with_whitenoise():
    conf = dump(
        DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="uppfoljning.example",
    )
    middleware = conf["middleware"]
    whitenoise = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert whitenoise == middleware.index("django.middleware.security.SecurityMiddleware") + 1


def test_every_setting_from_the_environment_is_documented():
    read = set()
    for path in (ROOT / "uppfoljning" / "settings").glob("*.py"):
        read |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', path.read_text()))
    assert "SECRET_KEY" in read
    example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    assert [name for name in sorted(read) if name not in example] == []
    assert [name for name in sorted(read) if name not in readme] == []
