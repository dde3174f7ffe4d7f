"""A request whose database connection dies (issue 15, "Seen" 3): a GET is run once more, a
POST gets the Swedish 503 page, and a query's own error stays an error.

The connections die for real: the views end their own PostgreSQL backend with
pg_terminate_backend, as an administrator or a restarting server would (SQLite has no
backend to end). The fault test under traffic is test_database_faults.py.
"""

import os

import psycopg
import pytest
from django.db import OperationalError, connection

from tests.uppfoljning import connection_lost_urls

on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="ends its PostgreSQL backend with pg_terminate_backend; SQLite has none",
)
pytestmark = [pytest.mark.urls("tests.uppfoljning.connection_lost_urls")]


@pytest.fixture(autouse=True)
def attempts():
    connection_lost_urls.ATTEMPTS.clear()
    yield connection_lost_urls.ATTEMPTS
    connection_lost_urls.ATTEMPTS.clear()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_pool_hands_out_no_connection_whose_backend_has_ended():
    """The pool's check (CONN_HEALTH_CHECKS): the idle pooled connections, their backends
    ended, are not handed out to the next query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    connection.close()  # Back to the pool, as at the end of a request.
    params = connection.settings_dict
    with psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"],
        password=params["PASSWORD"],
        host=params["HOST"],
        port=params["PORT"] or None,
        autocommit=True,
    ) as admin:
        # Every backend of the database but this one, waiting (up to 5 s) until each is gone.
        ended = admin.execute(
            "SELECT pid, pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    assert (pid, True) in ended
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_get_whose_connection_dies_is_run_once_more_and_answered(client, attempts):
    response = client.get("/test/dies-first-time/")
    assert response.status_code == 200
    assert response.content.decode().endswith("användare")
    assert attempts == ["GET", "GET"]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_get_that_dies_twice_gets_the_503_page_to_try_again(client, attempts):
    response = client.get("/test/dies-every-time/?sida=2")
    assert attempts == ["GET", "GET"]
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Tillfälligt otillgänglig" in page
    assert 'href="/test/dies-every-time/?sida=2">Försök igen</a>' in page
    assert "terminating connection" not in page and "Traceback" not in page
    # The next request finds a working connection.
    assert client.get("/test/dies-first-time/").status_code == 200


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_post_whose_connection_dies_is_not_repeated_and_gets_the_503_page(client, attempts):
    response = client.post("/test/dies-every-time/", {"text": "ett svar"})
    assert attempts == ["POST"]
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Det du skickade kanske inte sparades" in page
    assert "Försök igen</a>" not in page
    assert "terminating connection" not in page and "Traceback" not in page


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_connection_lost_in_a_middleware_is_tried_again_or_answered_503(
    client, attempts, settings
):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        f"{connection_lost_urls.__name__}.DiesInProcessView",
    ]
    # Django has made the loss a 500 before any middleware sees it; the test client would
    # raise the exception it was told of, where a browser gets the response.
    client.raise_request_exception = False
    response = client.get("/test/dies-in-middleware/")
    assert (response.status_code, response.content) == (200, b"svar")
    assert attempts == ["GET", "GET"]

    attempts.clear()
    response = client.post("/test/dies-in-middleware/")
    assert attempts == ["POST"]
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    page = response.content.decode()
    assert "Det du skickade kanske inte sparades" in page
    assert "terminating connection" not in page and "Traceback" not in page


@pytest.mark.django_db(transaction=True)
def test_an_error_of_the_query_itself_is_not_taken_for_a_lost_connection(client, attempts):
    with pytest.raises(OperationalError):
        client.get("/test/bad-query/")
    assert attempts == ["GET"]
