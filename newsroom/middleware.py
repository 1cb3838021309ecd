from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import smart_split

from common.editions import edition_from_path, locale_of

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


# Far more than anyone types into a search box, far fewer than where SQLite gives up: about 300 words,
# and a LIKE pattern of 50,000 bytes ("LIKE or GLOB pattern too complex").
MAX_ADMIN_SEARCH_WORDS = 100
MAX_ADMIN_SEARCH_LENGTH = 1000


class LimitAdminSearchMiddleware:
    """An admin search (a list's `q`, an autocomplete's `term`) of more than MAX_ADMIN_SEARCH_WORDS words
    or MAX_ADMIN_SEARCH_LENGTH characters is a 400. The admin adds one condition per word, and SQLite
    refuses a query that deep ("Expression tree is too large") or a word that long: a pasted page in
    the search box of any list, ours or a library's, was a server error."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path.startswith(self.admin_prefix):
            for name in ("q", "term"):
                if any(too_long_a_search(value) for value in request.GET.getlist(name)):
                    raise BadRequest(
                        f"Search for at most {MAX_ADMIN_SEARCH_WORDS} words and {MAX_ADMIN_SEARCH_LENGTH} characters."
                    )
        return self.get_response(request)


def too_long_a_search(value):
    return len(value) > MAX_ADMIN_SEARCH_LENGTH or len(list(smart_split(value))) > MAX_ADMIN_SEARCH_WORDS


class EditionLocaleMiddleware:
    """Activates the language of the edition the address is in: Ukrainian under /uk/, English (settings.
    LANGUAGE_CODE) everywhere else. Unlike django.middleware.locale.LocaleMiddleware it never reads
    Accept-Language or a cookie, so it never redirects and adds no Vary: Accept-Language, which would
    split every cached English page by browser. Goes before the redirect fallback and the page cache,
    which resolve addresses, and "/uk/" resolves only with Ukrainian active (i18n_patterns)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        edition = edition_from_path(request.path_info)
        # For this request only: the next one on this thread starts from the default again.
        with translation.override(locale_of(edition)):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", edition)
        return response


class AdminLanguageMiddleware:
    """The admin (the desk included: it lives under /admin/ too) in its user's language: the one they chose
    in the admin's header (Django's set_language view, which keeps it in the language cookie), else the one
    their browser asks for (Accept-Language), else English. Reader pages take their language from their
    address (/uk/…), never from this; so the choice is made here, for the admin's addresses only, and undone
    when the response is made, leaving the next request of this thread in the language it would have had."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if not request.path_info.startswith(self.admin_prefix):
            return self.get_response(request)
        # As a locale: English is settings.LANGUAGE_CODE, or addresses reversed here would gain an /en/ prefix.
        language = locale_of(translation.get_language_from_request(request))
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response
