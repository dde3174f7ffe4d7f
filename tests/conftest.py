import datetime
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.test.client import ClientMixin

from tests.factories import UserFactory
from tests.uppfoljning.deploy import PRODUCTION_SECRET, manage, server_database

ROLES = ("strategist", "coordinator", "caseworker", "board_reader")


# Set on tests whose xdist_group --dist loadgroup lost; they fail in setup, saying why.
LOST_GROUP = pytest.StashKey[str]()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under `--dist loadgroup` (make test), fail the tests whose xdist_group was lost.

    pytest-xdist groups a test by appending "@group" to its node id in each worker; with a
    pytest whose node ids ignore that (9.2, pytest-xdist issue 1386) the tests of a group
    would silently be spread over the workers, each loading the group's module fixtures."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        mark = item.get_closest_marker("xdist_group")
        if mark and "@" not in item.nodeid:
            item.stash[LOST_GROUP] = mark.args[0] if mark.args else mark.kwargs.get("name", "")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if LOST_GROUP in item.stash:
        pytest.fail(
            f"--dist loadgroup did not keep xdist_group({item.stash[LOST_GROUP]!r}) on one "
            "worker: this pytest-xdist cannot group with this pytest (see pyproject.toml)",
            pytrace=False,
        )


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Files that tests save (report PDFs, under reports/<id>/) go to a folder of this run and
    xdist worker, not the checkout's media/, where workers whose databases hand out the same
    ids would meet and runs would leave them behind."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


def _login_with_second_factor(self, user, backend=None):
    """Client.login and Client.force_login, honest about the second factor.

    A user whom the site asks for a second factor (superusers and the roles in
    TWO_FACTOR_REQUIRED_ROLES) gets a real, confirmed TOTP device, and the session is marked
    verified by it exactly as django_otp.login(request, device) marks it after a right code:
    the device's persistent id under DEVICE_ID_SESSION_KEY. OTPMiddleware then loads that
    device on every request, as in production. The code itself is not typed here: the
    verification page is tested in tests/security/test_two_factor.py, and the e2e tests'
    login() goes through it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from uppfoljning.two_factor.policy import required_by_role

    _plain_login(self, user, backend)
    # A fresh copy: required_by_role caches the roles on the user it is given.
    if required_by_role(type(user)._default_manager.get(pk=user.pk)):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test login", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


_plain_login = ClientMixin._login


@pytest.fixture(scope="session", autouse=True)
def _test_logins_pass_the_second_factor():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ClientMixin, "_login", _login_with_second_factor)
        yield


@pytest.fixture(autouse=True)
def _content_types_cached(request):
    """Look every model's content type up before a database test.

    Django caches content types per process: the first lookup of a model costs a query, later
    ones none, and a transactional test's flush empties the cache again. A test that counts
    queries would then count one more when it happens to be the first of its xdist worker to
    need a content type than when other tests ran before it (test_sweep's "queries do not
    grow with the register" failed so, alone or under xdist). Warm, the count is the same
    whatever ran before; the lookup itself is free once cached."""
    if request.node.get_closest_marker("django_db") is None:
        # pytest-django opened the database for marked tests before this fixture runs; a test
        # that takes `db` through a fixture gets it a little earlier here.
        names = set(request.fixturenames)
        if "db" not in names or names & {"transactional_db", "live_server"}:
            return
        request.getfixturevalue("db")
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture
def strategist(db):
    return UserFactory(username="strateg", role="strategist")


@pytest.fixture
def coordinator(db):
    return UserFactory(username="samordnare", role="coordinator")


@pytest.fixture
def caseworker(db):
    return UserFactory(username="socialsekreterare", role="caseworker")


@pytest.fixture
def board_reader(db):
    return UserFactory(username="namnd", role="board_reader")


@pytest.fixture
def user_with_role(db):
    def make(role):
        if role == "superuser":
            return UserFactory(username="admin", is_superuser=True, is_staff=True)
        return UserFactory(username=f"u_{role}", role=role)

    return make


@pytest.fixture
def strategist_client(client, strategist):
    client.force_login(strategist)
    return client


# The demo's "today" in the tests that read it (its live agreements, open work and call-offs).
DEMO_TODAY = datetime.date(2026, 11, 23)


@contextmanager
def rolled_back(django_db_blocker):
    """Database access in one transaction that is rolled back at the end.

    For data that a whole module reads: tests inside still take the `db` fixture, whose own
    transaction becomes a savepoint in this one, so what a test writes is undone after it and
    what the module loaded is undone after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo (load_demo for DEMO_TODAY), loaded once for the module that asks for it and
    rolled back after the module's last test; yields load_demo's result.

    The demo takes tens of seconds to load, so a module that uses it should also be marked
    `pytest.mark.xdist_group` with a name of its own: under `--dist loadgroup` its tests then
    run on one xdist worker, which loads the demo once."""
    from uppfoljning.demo.loader import load_demo

    with rolled_back(django_db_blocker):
        yield load_demo(today=DEMO_TODAY)


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
