"""Under the production settings load_demo refuses, unless told so and given new passwords.

Run as an operator would, in a fresh process with the real production settings: the refusal
comes before the database is touched, so the SQLite file named here is never even created.
"""

import pytest

from uppfoljning.demo import content

from .deploy import PRODUCTION_SECRET, manage


@pytest.fixture
def production(tmp_path):
    database = tmp_path / "db.sqlite3"

    def run(*args, **env):
        result = manage(
            "load_demo",
            *args,
            DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
            SECRET_KEY=PRODUCTION_SECRET,
            ALLOWED_HOSTS="uppfoljning.example",
            DATABASE_URL=f"sqlite:///{database}",
            **env,
        )
        assert result.returncode != 0, result.stdout
        assert "Traceback" not in result.stderr  # a CommandError, not a crash
        assert not database.exists()  # nothing read or written
        return result.stderr

    return run


def test_load_demo_refuses_under_production_settings(production):
    error = production()
    assert "--in-production" in error
    assert "DEMO_ADMIN_PASSWORD" in error and "DEMO_USERS_PASSWORD" in error
    assert "README" in error  # says why: the password is published
    assert "produktionsinställningar" in error  # in Swedish, as the rest of the application


def test_in_production_it_demands_new_passwords(production):
    error = production("--in-production")
    assert "DEMO_ADMIN_PASSWORD" in error and "DEMO_USERS_PASSWORD" in error
    error = production("--in-production", DEMO_ADMIN_PASSWORD="Kr0kus-i-snon-2026")
    assert "DEMO_USERS_PASSWORD" in error


def test_in_production_it_refuses_the_published_or_a_weak_or_a_shared_password(production):
    strong = "Kr0kus-i-snon-2026"
    error = production(
        "--in-production",
        DEMO_ADMIN_PASSWORD=strong,
        DEMO_USERS_PASSWORD=content.DEMO_PASSWORD,
    )
    assert "DEMO_USERS_PASSWORD" in error
    error = production(
        "--in-production", DEMO_ADMIN_PASSWORD="12345678", DEMO_USERS_PASSWORD=strong
    )
    assert "DEMO_ADMIN_PASSWORD" in error  # Django's password validators said no
    error = production("--in-production", DEMO_ADMIN_PASSWORD=strong, DEMO_USERS_PASSWORD=strong)
    assert "DEMO_ADMIN_PASSWORD" in error and "DEMO_USERS_PASSWORD" in error
