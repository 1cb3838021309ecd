import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as plain_server_error

# What a database that is down, restarting or out of connections raises (a pool timeout arrives as
# OperationalError): the request may well succeed in a moment, so it is a 503, not a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10


@never_cache
def healthz(request):
    """For load balancers (and `make bench`'s baseline): the app answers. Touches no database or cache."""
    return HttpResponse("ok", content_type="text/plain")


@requires_csrf_token
def server_error(request):
    """handler500. Django calls it while it handles the exception, so sys.exc_info() holds the error."""
    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return plain_server_error(request)


# SQLSTATE classes of a lost or refused connection: 08 (connection exception) and 57P (server
# shutting down, crashed, or not yet accepting connections).
CONNECTION_LOST_STATES = ("08", "57P")


def is_database_unavailable(error):
    if isinstance(error, DATABASE_UNAVAILABLE):
        return True
    # The driver's own classes too, when they say the connection went: Django does not wrap an error
    # raised while it closes a server-side cursor (QuerySet.iterator(), which form choices use), so a
    # database that went away while the search form listed its sections arrived as
    # psycopg.OperationalError, with no SQLSTATE since the server never answered (make chaos found it).
    # A driver error with another SQLSTATE (a statement timeout, a refused query) stays a 500.
    driver_error = any(
        isinstance(error, (database.Database.OperationalError, database.Database.InterfaceError))
        for database in connections.all()
    )
    state = getattr(error, "sqlstate", None)
    return driver_error and (state is None or state.startswith(CONNECTION_LOST_STATES))


def database_unavailable(request):
    """503 with Retry-After, from a template that needs no database, and never cached by a CDN."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
