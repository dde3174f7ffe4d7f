"""The project's URLconf and pages whose database connection dies under them, and a
middleware under which it dies, for tests/uppfoljning/test_database_connection_lost.py."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.urls import path

from uppfoljning.urls import urlpatterns as project_urlpatterns

# The methods of the requests that reached the views, in order.
ATTEMPTS = []

# A query whose failure Django raises as OperationalError, its connection unharmed.
QUERY_FAULT = {
    "sqlite": "SELECT * FROM no_such_table",
    # QueryCanceled, "canceling statement due to user request".
    "postgresql": "SELECT pg_cancel_backend(pg_backend_pid())",
}


def _end_own_backend(cursor):
    """What pg_terminate_backend from an administrator or a restarting server does to the
    connection a request holds: psycopg raises "terminating connection due to administrator
    command", and the connection is closed."""
    cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")


@login_not_required
def dies_first_time(request):
    ATTEMPTS.append(request.method)
    with connection.cursor() as cursor:
        if len(ATTEMPTS) == 1:
            _end_own_backend(cursor)
        cursor.execute("SELECT count(*) FROM auth_user")
        (users,) = cursor.fetchone()
    return HttpResponse(f"{users} användare")


@login_not_required
def dies_every_time(request):
    ATTEMPTS.append(request.method)
    with connection.cursor() as cursor:
        _end_own_backend(cursor)
    return HttpResponse("sparat")


@login_not_required
def bad_query(request):
    ATTEMPTS.append(request.method)
    with connection.cursor() as cursor:
        cursor.execute(QUERY_FAULT[connection.vendor])
    return HttpResponse("?")


class DiesInProcessView:
    """Ends its backend in process_view the first time, as a query of the two-factor
    middleware's would fail: the loss is Django's 500 before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.path != "/test/dies-in-middleware/":
            return None
        ATTEMPTS.append(request.method)
        with connection.cursor() as cursor:
            if len(ATTEMPTS) == 1 or request.method == "POST":
                _end_own_backend(cursor)
            cursor.execute("SELECT 1")
        return None


@login_not_required
def answers(request):
    return HttpResponse("svar")


urlpatterns = [
    path("test/dies-in-middleware/", answers),
    path("test/dies-first-time/", dies_first_time),
    path("test/dies-every-time/", dies_every_time),
    path("test/bad-query/", bad_query),
    *project_urlpatterns,
]
