from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest

NUL = "\x00"


class RefuseNulMiddleware:
    """A request whose address, query string or cookies hold a NUL character is a 400 before any view
    runs. PostgreSQL cannot store NUL in text and raises DataError for any query that carries one, so
    an admin list filter, a search box or a session cookie with %00 in it would be a 500; SQLite
    would quietly compare it. No reader, editor or browser sends NUL in these places.

    Posted form fields are left to the forms: Django's CharField refuses NUL with a form error,
    which keeps the rest of what an editor typed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            raise BadRequest("The address or a cookie holds a NUL character.")
        return self.get_response(request)


def carries_nul(request):
    if NUL in request.path_info:
        return True
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return True
    return any(NUL in name or NUL in value for name, value in request.COOKIES.items())


class RefuseUnknownPortMiddleware:
    """A Host header naming a port the site is not served on is a 400. Django's ALLOWED_HOSTS leaves
    the port out, and the port ends up in every absolute address of a page (canonical, Open Graph),
    so each made-up port would render, and cache, another copy of every page.
    NEWSROOM_HOST_PORTS empty: any port (development and tests)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = settings.NEWSROOM_HOST_PORTS
        if allowed and host_port(request.get_host()) not in allowed:
            raise BadRequest("This site is not served on that port.")
        return self.get_response(request)


def host_port(host):
    """The port a Host header names, as text ("" for none); IPv6 addresses are bracketed."""
    try:
        port = urlsplit(f"//{host}").port
    except ValueError:
        raise BadRequest("The Host header's port is not a number.") from None
    return "" if port is None else str(port)
