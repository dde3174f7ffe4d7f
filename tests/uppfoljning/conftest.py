import pytest

from .deploy import PRODUCTION_SECRET, manage, server_database


@pytest.fixture(scope="session")
def production_database(tmp_path_factory):
    """A migrated database of its own for servers started with the production settings."""
    tmp = tmp_path_factory.mktemp("production-db")
    with server_database(tmp, "server") as database_url:
        result = manage(
            "migrate",
            "--no-input",
            DJANGO_SETTINGS_MODULE="uppfoljning.settings.production",
            SECRET_KEY=PRODUCTION_SECRET,
            ALLOWED_HOSTS="uppfoljning.example",
            DATABASE_URL=database_url,
        )
        assert result.returncode == 0, result.stderr
        yield database_url
