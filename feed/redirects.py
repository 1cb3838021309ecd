"""Old addresses that answer 301 (feed.models.Redirect), asked only when nothing else answers."""

from django.http import HttpResponsePermanentRedirect

from .models import Redirect, redirect_paths


def find_redirect(request):
    """The followable redirect for this request's address, or None: one query on the unique index."""
    return (
        Redirect.objects.followable()
        .filter(old_path__in=redirect_paths(request.path, request.GET))
        .select_related("article")
        .only("target_path", "article__slug", "article__live_coverage", "article__language")
        .order_by("-old_path")  # "/?p=1" before "/": the more precise address wins
        .first()
    )


class RedirectFallbackMiddleware:
    """A 404 whose address is a Redirect's old path becomes a 301 to where it leads; other answers
    are left alone and cost no query. The home page answers anything, so WordPress's short links
    (/?p=123) are looked up before it: only when a p is in the query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asks = request.method in ("GET", "HEAD")
        if asks and request.path == "/" and "p" in request.GET and (found := find_redirect(request)):
            return HttpResponsePermanentRedirect(found.target_url())
        response = self.get_response(request)
        if response.status_code != 404 or not asks:
            return response
        found = find_redirect(request)
        return HttpResponsePermanentRedirect(found.target_url()) if found else response
