import pytest

from tests.factories import UserFactory

ROLES = ("strategist", "coordinator", "caseworker", "board_reader")


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
